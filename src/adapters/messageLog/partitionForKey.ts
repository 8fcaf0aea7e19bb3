/**
 * A stable partition for a key: 32-bit FNV-1a over the key's UTF-8 bytes, modulo the partition count.
 * It must never change, or a key's messages would move partitions and lose their order.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
