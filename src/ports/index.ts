/** Injection tokens for the ports; only the composition root binds them to adapters. */
export const TOKENS = {
  EventStore: Symbol.for('filora.EventStore'),
  ReadStore: Symbol.for('filora.ReadStore'),
  MessageLog: Symbol.for('filora.MessageLog'),
  BlobStore: Symbol.for('filora.BlobStore'),
  Clock: Symbol.for('filora.Clock'),
  Logger: Symbol.for('filora.Logger'),
  Config: Symbol.for('filora.Config'),
} as const;

/** The time, injected so that code which stamps times can be tested with a fixed one. */
export type Clock = () => Date;

export type * from './eventStore';
export type * from './readStore';
export type * from './messageLog';
export type * from './blobStore';
export type * from './logger';
