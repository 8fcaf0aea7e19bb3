import type { UsageRecord } from '../../domain/usage/usageEvents';

/**
 * Whose requests a usage read shows, so that it waits for those records only: all of a user's (`user`: the
 * statistics, the api-usage dashboard), those made with any of a user's tokens (`tokensOf`: the token
 * list), or one token's (`token`: a token, its log, a dashboard's token filter). `id` is the user's or the
 * token's.
 */
export type SubjectKind = 'user' | 'tokensOf' | 'token';
export interface UsageSubject {
  kind: SubjectKind;
  id: string;
}

export const requestsOfUser = (userId: string): UsageSubject => ({ kind: 'user', id: userId });
export const tokenRequestsOfUser = (userId: string): UsageSubject => ({ kind: 'tokensOf', id: userId });
export const requestsOfToken = (tokenId: string): UsageSubject => ({ kind: 'token', id: tokenId });

/** Calls `visit` with every subject whose reads show this record (the inverse of showsRecord). */
export function forEachSubjectOf(record: UsageRecord, visit: (kind: SubjectKind, id: string) => void): void {
  visit('user', record.userId);
  if (record.tokenId === null) return;
  visit('tokensOf', record.userId);
  visit('token', record.tokenId);
}

/** Whether a read of `subject` shows this record. */
export function showsRecord(subject: UsageSubject, record: UsageRecord): boolean {
  switch (subject.kind) {
    case 'user':
      return record.userId === subject.id;
    case 'tokensOf':
      return record.tokenId !== null && record.userId === subject.id;
    case 'token':
      return record.tokenId === subject.id;
  }
}
