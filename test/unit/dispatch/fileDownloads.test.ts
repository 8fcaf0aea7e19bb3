import { randomUUID } from 'node:crypto';
import { fileAggregate } from '../../../src/commands/aggregates';
import { RecordDownload } from '../../../src/commands/files/recordDownload';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { Relay } from '../../../src/dispatch/relay';
import type { FileDownloaded, FileEvent } from '../../../src/domain/file/fileEvents';
import type { ConsumedMessage } from '../../../src/ports/messageLog';
import { openStores, silentLogger } from '../../support/stores';

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
beforeEach(async () => {
  stores = await openStores();
});
afterEach(async () => {
  await stores.close();
});

const ownerId = randomUUID();
const metadata = { actor: ownerId, correlationId: 'corr-download' };

function uploaded(fileId: string): FileEvent {
  return {
    type: 'FileUploaded',
    data: {
      fileId,
      ownerId,
      folderId: null,
      name: 'popular.txt',
      versionId: randomUUID(),
      version: 1,
      size: 3,
      sha256: 'a'.repeat(64),
      mimeType: 'text/plain',
    },
  };
}

function downloadOf(fileId: string, bytes = 3): FileDownloaded['data'] {
  return { fileId, ownerId, versionId: randomUUID(), sha256: 'a'.repeat(64), bytes, range: null, downloadedBy: ownerId };
}

function renamed(fileId: string, name: string): FileEvent {
  return { type: 'FileRenamed', data: { fileId, ownerId, folderId: null, name, previousName: 'popular.txt' } };
}

async function appendToFile(fileId: string, event: FileEvent): Promise<void> {
  await stores.eventStore.append(`file-${fileId}`, [{ id: randomUUID(), type: event.type, data: event.data, metadata }], {
    expectedRevision: 'any',
  });
}

const upload = (fileId: string) => appendToFile(fileId, uploaded(fileId));

/** Runs a relay until `count` messages of the topic arrived (or a second passed), then stops it. */
async function relayed(topic: string, count: number): Promise<ConsumedMessage[]> {
  const relay = new Relay(stores.eventStore, stores.messageLog, stores.readStore, silentLogger(), { batchSize: 10 });
  await relay.start();
  const received: ConsumedMessage[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await stores.messageLog.consume(`test-${randomUUID()}`, [topic], async (message) => {
    received.push(message);
    if (received.length >= count) done();
  });
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000))]);
  await consumer.stop();
  await relay.stop();
  return received;
}

describe('downloads in their own stream', () => {
  it("appends each download to download-<fileId>, so the file's stream and what its commands fold stay the same", async () => {
    const fileId = randomUUID();
    await upload(fileId);
    const recordDownload = new RecordDownload(stores.eventStore);
    for (let bytes = 1; bytes <= 3; bytes++) await recordDownload.run(downloadOf(fileId, bytes), metadata);

    const downloads = await stores.eventStore.readStream(`download-${fileId}`);
    expect(downloads.map((event) => [event.type, event.data.bytes, event.metadata])).toEqual([
      ['FileDownloaded', 1, expect.objectContaining(metadata)],
      ['FileDownloaded', 2, expect.objectContaining(metadata)],
      ['FileDownloaded', 3, expect.objectContaining(metadata)],
    ]);
    expect((await stores.eventStore.readStream(`file-${fileId}`)).map((event) => event.type)).toEqual(['FileUploaded']);

    const loaded = await new CommandPipeline(stores.eventStore).load(fileAggregate, fileId);
    expect(loaded).toMatchObject({ exists: true, revision: 0n, state: { name: 'popular.txt' } });
  });

  it('refuses a download of a file that was never uploaded, and creates no stream for it', async () => {
    const fileId = randomUUID();
    await expect(new RecordDownload(stores.eventStore).run(downloadOf(fileId), metadata)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await stores.eventStore.readStream(`download-${fileId}`)).toEqual([]);
    expect(await stores.eventStore.headPosition()).toBeNull();
  });

  it("publishes downloads on filora.file.v1 keyed by file-<id>, in order with the file's own events", async () => {
    const fileId = randomUUID();
    await upload(fileId);
    await new RecordDownload(stores.eventStore).run(downloadOf(fileId), metadata);
    await appendToFile(fileId, renamed(fileId, 'b.txt'));

    const messages = await relayed('filora.file.v1', 3);
    expect(messages.map((message) => [message.key, message.headers.ce_type, message.headers.filora_stream])).toEqual([
      [`file-${fileId}`, 'io.filora.FileUploaded', `file-${fileId}`],
      [`file-${fileId}`, 'io.filora.FileDownloaded', `download-${fileId}`],
      [`file-${fileId}`, 'io.filora.FileRenamed', `file-${fileId}`],
    ]);
    expect(messages[1]!.headers).toMatchObject({
      ce_source: '/filora/file',
      ce_subject: `file-${fileId}`,
      filora_event: 'file.downloaded',
      filora_revision: '0',
      filora_correlation_id: 'corr-download',
    });
    expect(JSON.parse(messages[1]!.value.toString())).toMatchObject({ fileId, bytes: 3 });
    expect(await relayed('filora.download.v1', 1)).toEqual([]);
  });
});

describe('downloads recorded inside the file stream (the layout before download-<fileId>)', () => {
  async function oldLayoutFile(): Promise<string> {
    const fileId = randomUUID();
    await upload(fileId);
    await appendToFile(fileId, { type: 'FileDownloaded', data: downloadOf(fileId) });
    return fileId;
  }

  it('still fold: the decider passes over them', async () => {
    const fileId = await oldLayoutFile();
    await appendToFile(fileId, renamed(fileId, 'renamed.txt'));
    const { state, revision } = await new CommandPipeline(stores.eventStore).load(fileAggregate, fileId);
    expect(revision).toBe(2n);
    expect(state).toMatchObject({ exists: true, deleted: false, fileId, ownerId, name: 'renamed.txt', versions: [{ version: 1 }] });
  });

  it('are still published on filora.file.v1 keyed by file-<id>', async () => {
    const fileId = await oldLayoutFile();
    const messages = await relayed('filora.file.v1', 2);
    expect(messages.map((message) => [message.key, message.headers.filora_event, message.headers.filora_stream])).toEqual([
      [`file-${fileId}`, 'upload.completed', `file-${fileId}`],
      [`file-${fileId}`, 'file.downloaded', `file-${fileId}`],
    ]);
  });
});
