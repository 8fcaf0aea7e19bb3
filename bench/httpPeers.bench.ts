import { join } from 'node:path';
import { call } from '../test/support/http';
import type { BareExpress } from './lib/bareExpress';
import { startBareExpress } from './lib/bareExpress';
import type { BenchServer } from './lib/benchServer';
import { httpCases } from './lib/httpCases';
import { httpSettings } from './lib/httpSettings';
import { compareWithBareExpress } from './lib/peerComparison';
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
        rows.push(await compareWithBareExpress(httpCase, server.url, bare));
      }
      return rows;
    } finally {
      await bare?.stop();
      await server.stop();
    }
  },
};
