import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../src/ports/eventStore';

/** An event shaped like a FileUploaded: the size of what the platform really appends. */
export function fileUploadedLike(index: number): EventToAppend {
  const ownerId = randomUUID();
  return {
    id: randomUUID(),
    type: 'FileUploaded',
    data: {
      file_id: randomUUID(),
      owner_id: ownerId,
      folder_id: randomUUID(),
      name: `quarterly-report-${index}.pdf`,
      size: 1048576 + index,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      mime_type: 'application/pdf',
      version: 1,
    },
    metadata: { actor: ownerId, requestId: randomUUID(), correlationId: randomUUID(), ip: '127.0.0.1' },
  };
}

export function fixtures(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => fileUploadedLike(index));
}
