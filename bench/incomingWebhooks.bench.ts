import { join } from 'node:path';
import { call } from '../test/support/http';
import { startBareExpress } from './lib/bareExpress';
import type { BareExpress } from './lib/bareExpress';
import type { BenchServer } from './lib/benchServer';
import { startBenchServer } from './lib/benchServer';
import type { HttpCase } from './lib/httpCases';
import { content, unique } from './lib/httpCases';
import { combinedRounds } from './lib/combinedRounds';
import { count, failures, httpRow, tooManyFailures } from './lib/httpRows';
import { httpSettings } from './lib/httpSettings';
import type { LoadFigures, LoadRequest } from './lib/loadTest';
import { measuredLoad } from './lib/measuredLoad';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';

/** As webhookThroughput: ten senders at once. */
const CONNECTIONS = 10;
/** The most a hook allows; each connection posts to a hook of its own, so no hook's limit is what is measured. */
const RATE_PER_MINUTE = 6000;
const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;
/** Rounds of the three loads taking turns, so that what drifts over the run (the machine, the database) hits them alike. */
const ROUNDS = httpSettings.overheadRounds;

interface Rounds {
  express: LoadFigures[];
  received: LoadFigures[];
  rest: LoadFigures[];
}

/** What a sender posts: a title and 4 KiB of text, unique per call, as POST /files's benchmark uploads. */
function payload(): string {
  const tag = unique();
  return JSON.stringify({ title: `incoming-${tag}`, text: content(tag) });
}

const FIELD_MAPPING = {
  name: '{{title}}.txt',
  content: 'text',
  mime_type: { value: 'text/plain' },
};

interface HookCreated {
  id: string;
  url: string;
}

async function createHooks(server: BenchServer, folderId: string): Promise<HookCreated[]> {
  const hooks: HookCreated[] = [];
  for (let index = 0; index < CONNECTIONS; index++) {
    const body = {
      name: `bench ${index}`,
      action: 'create_file',
      folder_id: folderId,
      field_mapping: FIELD_MAPPING,
      rate_limit_per_minute: RATE_PER_MINUTE,
    };
    const created = await call<HookCreated>(server.url, 'POST', '/api/v1/incoming-webhooks', { token: server.token, body });
    if (created.status !== 201) throw new Error(`creating an incoming webhook answered ${created.status}: ${JSON.stringify(created.body)}`);
    hooks.push(created.body);
  }
  return hooks;
}

async function createFolder(server: BenchServer): Promise<string> {
  const folder = await call<{ id: string }>(server.url, 'POST', '/api/v1/folders', { token: server.token, body: { name: 'incoming' } });
  if (folder.status !== 201) throw new Error(`creating the folder answered ${folder.status}`);
  return folder.body.id;
}

/** Calls the hooks' logs count as succeeded: each 2xx of the load must be one, run once. */
async function succeededCalls(server: BenchServer, hooks: readonly HookCreated[]): Promise<number> {
  let succeeded = 0;
  for (const hook of hooks) {
    const view = await call<{ stats: { succeeded: number } }>(server.url, 'GET', `/api/v1/incoming-webhooks/${hook.id}`, {
      token: server.token,
    });
    succeeded += view.body.stats.succeeded;
  }
  return succeeded;
}

/** What the hook adds to the same upload: token lookup, call log, idempotency, mapping; both on the same server. */
function againstRestUpload(received: LoadFigures, rest: LoadFigures, perRound: string): ResultRow {
  const row: ResultRow = {
    benchmark: 'incoming webhook create_file vs the REST JSON upload',
    measured: received.okPerSecond,
    baseline: rest.okPerSecond,
    unit: 'req/s (2xx)',
    notes:
      `${CONNECTIONS} connections, ${ROUNDS} rounds taking turns, ratio per round ${perRound}; p50/p99 (median of rounds) ${received.p50}/${received.p99} ms vs ${rest.p50}/${rest.p99} ms; receive URL: ${failures(received)}; ` +
      `POST /files: ${count(rest.responses)} answers, ${failures(rest)}; baseline: POST /api/v1/files (JSON) of the same name and content into the same folder`,
  };
  const failed = tooManyFailures(received, rest);
  return failed ? { ...row, check: failed } : row;
}

export const benchmark: Benchmark = {
  name: 'incomingWebhooks',
  description: `calls/s of an incoming webhook's receive URL (create_file, 4 KiB of text) at ${CONNECTIONS} connections, against a bare Express POST and the REST JSON upload`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const server = await startBenchServer(join(tempDir, 'server'), UPLOAD_LIMIT_BYTES);
    let bare: BareExpress | undefined;
    try {
      const folderId = await createFolder(server);
      const hooks = await createHooks(server, folderId);
      bare = await startBareExpress();
      step(`bare Express pid ${bare.pid} at ${bare.url}; Filora pid ${server.pid} at ${server.url}; ${hooks.length} hooks`);

      const receive = (connection: number): LoadRequest => ({
        method: 'POST',
        path: new URL(hooks[connection % hooks.length]!.url).pathname,
        body: payload,
      });
      const echo: LoadRequest = { method: 'POST', path: '/echo', body: payload };
      const restUpload: LoadRequest = {
        method: 'POST',
        path: '/api/v1/files',
        headers: { authorization: `Bearer ${server.token}` },
        body: () => {
          const tag = unique();
          return JSON.stringify({ name: `incoming-${tag}.txt`, folder_id: folderId, mime_type: 'text/plain', content: content(tag) });
        },
      };
      const receiveCase: HttpCase = {
        label: 'POST /api/v1/webhooks/incoming/{token} (create_file, 4 KiB of text)',
        filora: { perConnection: receive },
        baseline: () => echo,
      };

      step(`${ROUNDS} rounds of bare Express, the receive URL, then POST /files, each at ${CONNECTIONS} connections`);
      const rounds: Rounds = { express: [], received: [], rest: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        rounds.express.push(await measuredLoad(`  round ${round}, bare Express`, bare.url, echo, CONNECTIONS));
        rounds.received.push(await measuredLoad(`  round ${round}, receive URL`, server.url, receiveCase.filora, CONNECTIONS));
        rounds.rest.push(await measuredLoad(`  round ${round}, POST /files`, server.url, restUpload, CONNECTIONS));
      }
      const [express, received, rest] = [combinedRounds(rounds.express), combinedRounds(rounds.received), combinedRounds(rounds.rest)];
      const perRound = (baseline: readonly LoadFigures[]) =>
        rounds.received.map((figures, index) => (figures.okPerSecond / baseline[index]!.okPerSecond).toFixed(2)).join(', ');

      const logged = await succeededCalls(server, hooks);
      const mapped = `${ROUNDS} rounds, taking turns, ratio per round ${perRound(rounds.express)}; each connection posting to a hook of its own (${RATE_PER_MINUTE}/min) a unique title and 4 KiB of text, mapped to name, content and mime_type; ${count(logged)} calls logged as succeeded, warm-ups included`;
      return [
        httpRow(receiveCase, received, express, `POST JSON echo of the same body; ${mapped}`, CONNECTIONS),
        againstRestUpload(received, rest, perRound(rounds.rest)),
      ];
    } finally {
      await bare?.stop();
      await server.stop();
    }
  },
};
