import { join } from 'node:path';
import { call } from '../test/support/http';
import type { BareExpress } from './lib/bareExpress';
import { startBareExpress } from './lib/bareExpress';
import type { BenchServer } from './lib/benchServer';
import type { HttpCase } from './lib/httpCases';
import { httpCases } from './lib/httpCases';
import { httpRow } from './lib/httpRows';
import { httpSettings } from './lib/httpSettings';
import type { LoadPlan, LoadRequest } from './lib/loadTest';
import { measuredLoad } from './lib/measuredLoad';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { startSeededServer } from './lib/seededServer';

const { seconds, connections, listedFiles } = httpSettings;

/** One file per connection to rename, uploaded over HTTP all at once. */
async function filesToRename(server: BenchServer, folderId: string): Promise<string[]> {
  return Promise.all(
    Array.from({ length: connections }, async (_, index) => {
      const body = { name: `to-rename-${index}.txt`, folder_id: folderId, content: `file ${index}\n` };
      const uploaded = await call<{ id: string }>(server.url, 'POST', '/api/v1/files', { token: server.token, body });
      if (uploaded.status !== 201) throw new Error(`uploading a file to rename answered ${uploaded.status}`);
      return uploaded.body.id;
    }),
  );
}

/** The size of the answer to a GET, which the baseline's answer copies. */
async function answerBytes(url: string, request: LoadRequest): Promise<number> {
  const response = await fetch(`${url}${request.path}`, { headers: request.headers as Record<string, string> });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${request.path} answered ${response.status}: ${body.toString().slice(0, 300)}`);
  return body.length;
}

function bodyBytes(plan: LoadPlan): number {
  const request = 'perConnection' in plan ? plan.perConnection(0) : plan;
  return request.body ? Buffer.byteLength(request.body()) : 0;
}

/** The baseline right before the route, both after a warm-up of their own. */
async function compare(httpCase: HttpCase, server: BenchServer, bare: BareExpress): Promise<ResultRow> {
  step(`${httpCase.label}: bare Express, then Filora, ${seconds} s each at ${connections} connections`);
  const responseBytes = httpCase.probe ? await answerBytes(server.url, httpCase.probe) : 0;
  const baselinePlan = httpCase.baseline(responseBytes);
  const what = httpCase.probe
    ? `GET answering a JSON document of ${responseBytes} B, Filora's answer's size`
    : `${'perConnection' in baselinePlan ? baselinePlan.perConnection(0).method : baselinePlan.method} JSON echo of the same body (${bodyBytes(baselinePlan)} B)`;
  const baseline = await measuredLoad('  bare Express', bare.url, baselinePlan);
  const filora = await measuredLoad('  Filora', server.url, httpCase.filora);
  return httpRow(httpCase, filora, baseline, what, connections);
}

export const benchmark: Benchmark = {
  name: 'httpPeers',
  description: `Filora's HTTP routes under ${connections} connections (autocannon) against a bare Express 5 app, ${seconds} s each`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { server, folders } = await startSeededServer(join(tempDir, 'server'), [
      { name: 'listed', files: listedFiles },
      { name: 'renamed', files: 0 },
    ]);
    let bare: BareExpress | undefined;
    try {
      const [listed, renamed] = folders;
      if (!listed || !renamed) throw new Error('the seeded folders are missing');
      const renameFileIds = await filesToRename(server, renamed.id);
      bare = await startBareExpress();
      step(`bare Express pid ${bare.pid} at ${bare.url}; Filora pid ${server.pid} at ${server.url}`);
      const rows: ResultRow[] = [];
      for (const httpCase of httpCases({ token: server.token, listFolderId: listed.id, listedFiles, renameFileIds })) {
        rows.push(await compare(httpCase, server, bare));
      }
      return rows;
    } finally {
      await bare?.stop();
      await server.stop();
    }
  },
};
