import { join } from 'node:path';
import type { BenchServer } from './benchServer';
import { combinedRounds } from './combinedRounds';
import { count, failures, tooManyFailures } from './httpRows';
import { httpSettings } from './httpSettings';
import type { LoadFigures, LoadRequest } from './loadTest';
import { loadTest } from './loadTest';
import { measuredLoad } from './measuredLoad';
import { step } from './progress';
import type { Benchmark, Check, ResultRow } from './results';
import { startSeededServer } from './seededServer';

const { seconds, connections, warmUpSeconds, overheadRounds } = httpSettings;

/** Issues 10 and 15: a credential's check, its limit and usage logging cost under 10% of the throughput of the same route with a session. */
const GOAL_RATIO = 0.9;
const LISTED_FILES = 100;
/** Plan limits per minute are fixed, so they are counted and reported as usual but not enforced. */
const SERVER_ENV = { FILORA_RATE_LIMIT_MODE: 'report' };

/** A credential issued on the bench server for its user, sent as `Authorization: Bearer <secret>`. */
export interface IssuedCredential {
  secret: string;
  /** Names it in the progress log. */
  id: string;
  /** Run once the rounds are over: a note for every row (e.g. what the usage log recorded of it). */
  afterRounds?: () => Promise<string>;
}

/** The credential whose cost over a login session's access token a benchmark measures. */
export interface CredentialUnderTest {
  /** Its name in the rows: "API token vs session: …". */
  label: string;
  /** Its side in the progress lines and the notes: "token/session per round". */
  side: string;
  /** How it is sent and what comes with it, for the notes. */
  presented: string;
  /** Server variables it needs besides the report-only rate limits. */
  serverEnv?: Record<string, string>;
  /** Issues it with the server's login session. */
  issue(server: BenchServer): Promise<IssuedCredential>;
}

interface MeasuredRoute {
  label: string;
  path: string;
}

interface Rounds {
  session: LoadFigures[];
  credential: LoadFigures[];
}

const get = (path: string, bearer: string): LoadRequest => ({ method: 'GET', path, headers: { authorization: `Bearer ${bearer}` } });

/** Session, credential, session, credential…: whatever drifts over the run (the machine, the database) hits both alike. */
async function alternate(url: string, route: MeasuredRoute, side: string, session: LoadRequest, credential: LoadRequest): Promise<Rounds> {
  step(`${route.label}: warming up both, then ${overheadRounds} rounds of ${seconds} s with a session and ${seconds} s with the ${side}`);
  await loadTest(url, session, { connections, seconds: warmUpSeconds });
  await loadTest(url, credential, { connections, seconds: warmUpSeconds });
  const rounds: Rounds = { session: [], credential: [] };
  for (let round = 1; round <= overheadRounds; round++) {
    rounds.session.push(await measuredLoad(`  round ${round}, session`, url, session));
    rounds.credential.push(await measuredLoad(`  round ${round}, ${side}`, url, credential));
  }
  return rounds;
}

function goalCheck(measured: LoadFigures, session: LoadFigures): Check {
  return (
    tooManyFailures(measured, session) ?? {
      pass: measured.okPerSecond / session.okPerSecond >= GOAL_RATIO,
      requirement: `goal ≥ ${GOAL_RATIO}`,
      goal: true,
    }
  );
}

function overheadRow(under: CredentialUnderTest, route: MeasuredRoute, rounds: Rounds, afterRounds: string | null): ResultRow {
  const measured = combinedRounds(rounds.credential);
  const session = combinedRounds(rounds.session);
  const { side } = under;
  const perRound = rounds.credential.map((figures, i) => (figures.okPerSecond / rounds.session[i]!.okPerSecond).toFixed(2)).join(', ');
  return {
    benchmark: `${under.label} vs session: ${route.label}`,
    measured: measured.okPerSecond,
    baseline: session.okPerSecond,
    unit: 'req/s (2xx)',
    check: goalCheck(measured, session),
    notes:
      `${connections} connections, ${rounds.credential.length} rounds of ${seconds} s each way, alternating; ${side}/session per round ${perRound}; ` +
      `p50/p99 (median of rounds) ${measured.p50}/${measured.p99} ms vs ${session.p50}/${session.p99} ms; ` +
      `${side}: ${count(measured.responses)} answers, ${failures(measured)}; session: ${count(session.responses)} answers, ${failures(session)}; ` +
      `${under.presented} vs a session's access token, both rate limited (counted, not enforced) and usage-logged; ` +
      `${afterRounds === null ? '' : `${afterRounds}; `}baseline: the same route with the session`,
  };
}

/**
 * A benchmark of `GET /users/me` and `GET /files?limit=50` (a folder of 100 files) with `under` against the
 * same routes with the server's login session, in alternating rounds on one server.
 */
export function credentialOverhead(name: string, under: CredentialUnderTest): Benchmark {
  return {
    name,
    description: `the same routes with an ${under.label} and with a session, alternating, ${connections} connections (autocannon), ${seconds} s each`,
    async run({ tempDir }): Promise<ResultRow[]> {
      const env = { ...SERVER_ENV, ...under.serverEnv };
      const { server, folders } = await startSeededServer(join(tempDir, 'server'), [{ name: 'listed', files: LISTED_FILES }], env);
      try {
        const listed = folders[0];
        if (!listed) throw new Error('the seeded folder is missing');
        const credential = await under.issue(server);
        step(`Filora pid ${server.pid} at ${server.url}; ${under.label} ${credential.id}`);
        const routes: MeasuredRoute[] = [
          { label: 'GET /api/v1/users/me', path: '/api/v1/users/me' },
          { label: `GET /api/v1/files?limit=50 (folder of ${LISTED_FILES} files)`, path: `/api/v1/files?limit=50&folder_id=${listed.id}` },
        ];
        const measured: { route: MeasuredRoute; rounds: Rounds }[] = [];
        for (const route of routes) {
          const [session, presented] = [get(route.path, server.token), get(route.path, credential.secret)];
          measured.push({ route, rounds: await alternate(server.url, route, under.side, session, presented) });
        }
        const afterRounds = credential.afterRounds ? await credential.afterRounds() : null;
        return measured.map(({ route, rounds }) => overheadRow(under, route, rounds, afterRounds));
      } finally {
        await server.stop();
      }
    },
  };
}
