import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBareExpress } from './lib/bareExpress';
import type { BareExpress } from './lib/bareExpress';
import type { HttpCase } from './lib/httpCases';
import { httpCases } from './lib/httpCases';
import { httpSettings } from './lib/httpSettings';
import type { LoadRequest } from './lib/loadTest';
import { startLoadServer } from './lib/loadServer';
import { compareWithBareExpress } from './lib/peerComparison';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { consoleDirectory } from '../src/web/consoleDirectory';

const { seconds, connections } = httpSettings;
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A GET of the console measured against bare Express answering a JSON document of the same size. */
function consoleGet(label: string, path: string): HttpCase {
  const request: LoadRequest = { method: 'GET', path, headers: BROWSER };
  return { label, filora: request, probe: request, baseline: (bytes) => ({ method: 'GET', path: `/json?bytes=${bytes}` }) };
}

function bundleName(): string {
  const script = readdirSync(join(consoleDirectory().dist, 'assets')).find((asset) => asset.endsWith('.js'));
  if (script === undefined) throw new Error('the console was not built');
  return script;
}

export const benchmark: Benchmark = {
  name: 'consoleServing',
  description: `The console's page and bundle, and a create-folder with the console's routes in front of the API, under ${connections} connections against bare Express, ${seconds} s each`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const server = await startLoadServer(join(tempDir, 'server'), join(tempDir, 'server.log'));
    let bare: BareExpress | undefined;
    try {
      bare = await startBareExpress();
      step(`bare Express pid ${bare.pid} at ${bare.url}; Filora pid ${server.pid} at ${server.url}`);
      const createFolder = httpCases({ token: server.token, listFolderId: '', listedFiles: 0, renameFileIds: [] }).find((httpCase) =>
        httpCase.label.startsWith('POST /api/v1/folders'),
      );
      if (createFolder === undefined) throw new Error('httpCases has no create-folder case');
      const cases = [
        consoleGet('GET /app/files (the console page)', '/app/files'),
        consoleGet('GET /app/assets/main-….js (the console bundle)', `/app/assets/${bundleName()}`),
        { ...createFolder, label: `${createFolder.label}, console routes mounted` },
      ];
      const rows: ResultRow[] = [];
      for (const httpCase of cases) rows.push(await compareWithBareExpress(httpCase, server.url, bare));
      return rows;
    } finally {
      await bare?.stop();
      await server.stop();
    }
  },
};
