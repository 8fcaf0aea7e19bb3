import { JsonLogger } from '../../src/adapters/logger/jsonLogger';
import { KafkaMessageLog } from '../../src/adapters/messageLog/kafkaMessageLog';
import { describeMessageLogContract } from './messageLog.contract';

const brokers = process.env.FILORA_TEST_KAFKA_BROKERS;
if (!brokers) console.log('MessageLog contract (kafka) skipped: FILORA_TEST_KAFKA_BROKERS is not set');
const describeIfServer = brokers ? describe : describe.skip;

describeIfServer('kafka', () => {
  describeMessageLogContract('kafka', async () => {
    const log = new KafkaMessageLog({
      brokers: (brokers ?? '').split(','),
      logger: new JsonLogger('silent'),
      backoff: { initialMs: 10, maxMs: 50 },
      consumer: { heartbeatInterval: 500, maxWaitTimeInMs: 250 },
    });
    return { log, close: () => log.close() };
  });
});
