import { PUBLIC_EVENT_NAMES } from '../../../src/domain/publicEvents';
import {
  matchesSelectors,
  requireValidSelectors,
  unknownSelectors,
  VALID_EVENT_SELECTORS,
} from '../../../src/domain/webhook/eventSelectors';

const publicNames = [...new Set(Object.values(PUBLIC_EVENT_NAMES))];

describe('webhook event selectors', () => {
  it('accepts every public name, the aliases, category wildcards and *', () => {
    const selectors = [...publicNames, 'file.created', 'file.shared', 'file.*', 'upload.*', 'share.*', 'webhook.*', '*'];
    expect(unknownSelectors(selectors)).toEqual([]);
    expect(() => requireValidSelectors(selectors)).not.toThrow();
    for (const selector of selectors) expect(VALID_EVENT_SELECTORS).toContain(selector);
  });

  it('refuses unknown names and wildcards, naming the valid ones', () => {
    expect(unknownSelectors(['file.updated', 'file.exploded', 'nothing.*', 'file.', '**', 'File.updated'])).toEqual([
      'file.exploded',
      'nothing.*',
      'file.',
      '**',
      'File.updated',
    ]);
    expect(() => requireValidSelectors(['upload.completed', 'file.exploded'])).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'events', message: expect.stringMatching(/'file.exploded'.*upload\.completed/) }),
    );
    expect(() => requireValidSelectors([])).toThrow(expect.objectContaining({ kind: 'invalid', field: 'events' }));
  });

  it('matches exact names only to themselves', () => {
    expect(matchesSelectors(['upload.completed', 'file.deleted'], 'upload.completed')).toBe(true);
    expect(matchesSelectors(['upload.completed', 'file.deleted'], 'file.deleted')).toBe(true);
    expect(matchesSelectors(['upload.completed', 'file.deleted'], 'file.updated')).toBe(false);
  });

  it('matches an alias to the event it stands for', () => {
    expect(matchesSelectors(['file.created'], 'upload.completed')).toBe(true);
    expect(matchesSelectors(['file.shared'], 'share.created')).toBe(true);
    expect(matchesSelectors(['file.shared'], 'share.revoked')).toBe(false);
  });

  it('matches a category wildcard to its names and to the events its aliases stand for', () => {
    for (const name of ['file.updated', 'file.deleted', 'file.downloaded', 'upload.completed', 'share.created'])
      expect(matchesSelectors(['file.*'], name)).toBe(true);
    expect(matchesSelectors(['file.*'], 'share.revoked')).toBe(false);
    expect(matchesSelectors(['file.*'], 'folder.created')).toBe(false);
    expect(matchesSelectors(['folder.*'], 'folder.deleted')).toBe(true);
  });

  it('matches * to every public event, and nothing else to an unknown one', () => {
    for (const name of publicNames) expect(matchesSelectors(['*'], name)).toBe(true);
    expect(matchesSelectors(['*'], 'delivery.attempted')).toBe(false);
    expect(matchesSelectors([], 'upload.completed')).toBe(false);
  });
});
