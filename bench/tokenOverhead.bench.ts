import { join } from 'node:path';
import { createToken } from '../test/support/apiTokens';
import { combinedRounds } from './lib/combinedRounds';
import { count, failures, tooManyFailures } from './lib/httpRows';
import { httpSettings } from './lib/httpSettings';
import type { LoadFigures, LoadRequest } from './lib/loadTest';
import { loadTest } from './lib/loadTest';
import { measuredLoad } from './lib/measuredLoad';
import { step } from './lib/progress';
import { recordedTokenRequests } from './lib/recordedTokenRequests';
import type { Benchmark, Check, ResultRow } from './lib/results';
import { startSeededServer } from './lib/seededServer';

const { seconds, connections, warmUpSeconds, overheadRounds } = httpSettings;

/** Issue 10: token auth, its limit and usage logging cost under 10% of the throughput of the same route with a session. */
const GOAL_RATIO = 0.9;
const LISTED_FILES = 100;
/** The most a token may be given: far above what the whole run sends with it, so its own limit never refuses. */
const TOKEN_RATE_LIMIT_PER_HOUR = 1_000_000;
/** Plan limits per minute are fixed, so they are counted and reported as usual but not enforced. */
const SERVER_ENV = { FILORA_RATE_LIMIT_MODE: 'report' };
const USAGE_WAIT_MS = 15_000;

interface MeasuredRoute {
  label: string;
  path: string;
}

interface Rounds {
  session: LoadFigures[];
  token: LoadFigures[];
}

const get = (path: string, bearer: string): LoadRequest => ({ method: 'GET', path, headers: { authorization: `Bearer ${bearer}` } });

/** Session, token, session, token…: whatever drifts over the run (the machine, the database) hits both alike. */
async function alternate(url: string, route: MeasuredRoute, session: LoadRequest, token: LoadRequest): Promise<Rounds> {
  step(`${route.label}: warming up both, then ${overheadRounds} rounds of ${seconds} s with a session and ${seconds} s with a token`);
  await loadTest(url, session, { connections, seconds: warmUpSeconds });
  await loadTest(url, token, { connections, seconds: warmUpSeconds });
  const rounds: Rounds = { session: [], token: [] };
  for (let round = 1; round <= overheadRounds; round++) {
    rounds.session.push(await measuredLoad(`  round ${round}, session`, url, session));
    rounds.token.push(await measuredLoad(`  round ${round}, token`, url, token));
  }
  return rounds;
}

function goalCheck(token: LoadFigures, session: LoadFigures): Check {
  return (
    tooManyFailures(token, session) ?? {
      pass: token.okPerSecond / session.okPerSecond >= GOAL_RATIO,
      requirement: `goal ≥ ${GOAL_RATIO}`,
      goal: true,
    }
  );
}

function overheadRow(route: MeasuredRoute, rounds: Rounds, usage: string): ResultRow {
  const token = combinedRounds(rounds.token);
  const session = combinedRounds(rounds.session);
  const perRound = rounds.token.map((figures, i) => (figures.okPerSecond / rounds.session[i]!.okPerSecond).toFixed(2)).join(', ');
  return {
    benchmark: `API token vs session: ${route.label}`,
    measured: token.okPerSecond,
    baseline: session.okPerSecond,
    unit: 'req/s (2xx)',
    check: goalCheck(token, session),
    notes:
      `${connections} connections, ${rounds.token.length} rounds of ${seconds} s each way, alternating; token/session per round ${perRound}; ` +
      `p50/p99 (median of rounds) ${token.p50}/${token.p99} ms vs ${session.p50}/${session.p99} ms; ` +
      `token: ${count(token.responses)} answers, ${failures(token)}; session: ${count(session.responses)} answers, ${failures(session)}; ` +
      `Authorization: Bearer fl_… (rate_limit ${count(TOKEN_RATE_LIMIT_PER_HOUR)}/hour) vs a session's access token, both rate limited ` +
      `(counted, not enforced) and usage-logged; ${usage}; baseline: the same route with the session`,
  };
}

export const benchmark: Benchmark = {
  name: 'tokenOverhead',
  description: `the same routes with an API token and with a session, alternating, ${connections} connections (autocannon), ${seconds} s each`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const { server, folders } = await startSeededServer(join(tempDir, 'server'), [{ name: 'listed', files: LISTED_FILES }], SERVER_ENV);
    try {
      const listed = folders[0];
      if (!listed) throw new Error('the seeded folder is missing');
      const apiToken = await createToken(server.url, server.token, {
        name: 'bench token',
        scopes: ['files.read'],
        rate_limit: TOKEN_RATE_LIMIT_PER_HOUR,
      });
      step(`Filora pid ${server.pid} at ${server.url}; API token ${apiToken.id}`);
      const routes: MeasuredRoute[] = [
        { label: 'GET /api/v1/users/me', path: '/api/v1/users/me' },
        { label: `GET /api/v1/files?limit=50 (folder of ${LISTED_FILES} files)`, path: `/api/v1/files?limit=50&folder_id=${listed.id}` },
      ];
      const measured: { route: MeasuredRoute; rounds: Rounds }[] = [];
      for (const route of routes) {
        measured.push({
          route,
          rounds: await alternate(server.url, route, get(route.path, server.token), get(route.path, apiToken.secret)),
        });
      }
      const recorded = await recordedTokenRequests(server.url, server.token, apiToken.id, USAGE_WAIT_MS);
      step(`usage log: ${recorded} of the token's requests recorded`);
      const usage =
        recorded > 0
          ? `usage log: ${count(recorded)} of the token's requests recorded and projected when checked`
          : `usage log: none of the token's requests recorded within ${USAGE_WAIT_MS / 1000} s (not wired?)`;
      return measured.map(({ route, rounds }) => overheadRow(route, rounds, usage));
    } finally {
      await server.stop();
    }
  },
};
