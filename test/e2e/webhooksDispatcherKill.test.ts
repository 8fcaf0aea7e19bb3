import { deliveriesAcrossDispatcherKill } from '../support/dispatcherKillScenario';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * A `filora dispatcher` process killed with SIGKILL mid-flight loses no delivery: the API, projections and
 * relay run in this process (the embedded SQLite stores), the dispatchers in child processes on the same data.
 */
const ENV = { FILORA_WEBHOOK_ALLOW_PRIVATE: 'true', FILORA_WEBHOOK_LEASE_MS: '16000' };
let platform: TestPlatform;

beforeAll(async () => (platform = await startTestPlatform(ENV)), 30_000);
afterAll(() => platform.close());

it('loses no delivery when the dispatcher is killed mid-flight; duplicates carry the same webhook-id', async () => {
  const counts = await deliveriesAcrossDispatcherKill(platform.url, { ...ENV, FILORA_DATA_DIR: platform.dataDir });

  console.log(
    `dispatcher SIGKILL (embedded): sent ${counts.sent}, delivered ${counts.delivered}, duplicated ${counts.duplicated} (same webhook-id and body), ${counts.beforeKill} received before the kill`,
  );
  expect(counts.delivered).toBe(counts.sent);
  expect(counts.beforeKill).toBeLessThan(counts.sent);
}, 240_000);
