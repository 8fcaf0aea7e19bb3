import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { RecordDownload } from '../../../src/commands/files/recordDownload';
import { LINK_DOWNLOAD_ATTEMPTS, LinkDownloads } from '../../../src/commands/links/linkDownloads';
import { CommandPipeline } from '../../../src/commands/pipeline';
import { DomainError } from '../../../src/domain/shared/domainError';

const ownerId = '44444444-4444-4444-8444-444444444444';
const fileId = '11111111-1111-4111-8111-111111111111';
const linkId = '77777777-7777-4777-8777-777777777777';
const download = { fileId, ownerId, versionId: randomUUID(), sha256: 'a'.repeat(64), bytes: 3, range: null };

async function setup(maxDownloads: number) {
  const eventStore = new MemoryEventStore();
  // RecordDownload only checks that the file's stream starts with its upload.
  await eventStore.append(`file-${fileId}`, [{ id: randomUUID(), type: 'FileUploaded', data: { fileId }, metadata: {} }], {
    expectedRevision: 'no_stream',
  });
  const created = {
    linkId,
    ownerId,
    resourceKind: 'file',
    resourceId: fileId,
    permission: 'download',
    expiresAt: null,
    passwordHash: null,
    maxDownloads,
    createdAt: new Date().toISOString(),
  };
  await eventStore.append(`link-${linkId}`, [{ id: randomUUID(), type: 'PublicLinkCreated', data: created, metadata: {} }], {
    expectedRevision: 'no_stream',
  });
  /** One API process: its own pipeline (and folded states) and its own per-link locks. */
  const process = () =>
    new LinkDownloads(new CommandPipeline(eventStore, { maxAttempts: LINK_DOWNLOAD_ATTEMPTS }), new RecordDownload(eventStore));
  return { eventStore, process };
}

describe('downloads through a link', () => {
  it('serve exactly max_downloads of many concurrent downloads spread over several processes', async () => {
    const { eventStore, process } = await setup(5);
    const processes = [process(), process(), process()];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => processes[i % processes.length]!.count(linkId, download, { requestId: `r${i}` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toEqual(expect.objectContaining({ kind: 'forbidden', message: 'the link has no downloads left' }));
    }
    const counted = await eventStore.readStream(`link-${linkId}`, { from: 0n });
    expect(counted.slice(1).map((event) => (event.data as { downloadNumber: number }).downloadNumber)).toEqual([1, 2, 3, 4, 5]);
    const downloads = await eventStore.readStream(`download-${fileId}`, { from: 0n });
    expect(downloads).toHaveLength(5);
    for (const event of downloads) expect(event).toMatchObject({ data: { linkId, downloadedBy: linkId }, metadata: { actor: linkId } });
  });

  it('records nothing for a refused download', async () => {
    const { eventStore, process } = await setup(1);
    const downloads = process();
    await downloads.count(linkId, download, {});
    await expect(downloads.count(linkId, download, {})).rejects.toBeInstanceOf(DomainError);
    expect(await eventStore.readStream(`download-${fileId}`, { from: 0n })).toHaveLength(1);
  });
});
