/**
 * A `filora dispatcher` process killed with SIGKILL mid-flight loses no delivery, with the Kafka message log:
 * the fan-out and the delivery jobs on a real broker (scripts/services/kafka.sh), the events and read models in
 * SQLite. Needs FILORA_TEST_KAFKA_BROKERS; skipped otherwise.
 */
import { deliveriesAcrossDispatcherKill } from '../support/dispatcherKillScenario';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const brokers = process.env.FILORA_TEST_KAFKA_BROKERS;
if (!brokers) console.log('Webhook dispatcher kill test on Kafka skipped: FILORA_TEST_KAFKA_BROKERS is not set');
const describeIfKafka = brokers ? describe : describe.skip;

describeIfKafka('webhook dispatcher on Kafka', () => {
  const env = {
    FILORA_MESSAGE_LOG: 'kafka',
    FILORA_KAFKA_BROKERS: brokers ?? '',
    FILORA_WEBHOOK_ALLOW_PRIVATE: 'true',
    FILORA_WEBHOOK_LEASE_MS: '16000',
  };
  let platform: TestPlatform;

  beforeAll(async () => (platform = await startTestPlatform(env)), 60_000);
  afterAll(() => platform?.close());

  it('loses no delivery when the dispatcher is killed mid-flight; duplicates carry the same webhook-id', async () => {
    const counts = await deliveriesAcrossDispatcherKill(platform.url, { ...env, FILORA_DATA_DIR: platform.dataDir });

    console.log(
      `dispatcher SIGKILL (Kafka): sent ${counts.sent}, delivered ${counts.delivered}, duplicated ${counts.duplicated} (same webhook-id and body), ${counts.beforeKill} received before the kill`,
    );
    expect(counts.delivered).toBe(counts.sent);
    expect(counts.beforeKill).toBeLessThan(counts.sent);
  }, 300_000);
});
