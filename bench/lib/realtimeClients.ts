import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ChildAnswer, ChildCommand } from './realtimeClientChild';
import { step } from './progress';

/** WebSocket clients running in a child process (realtimeClientChild.ts), driven from the benchmark. */
export interface RealtimeClients {
  /** Connects one authenticated client per token, `batch` at a time (the listen backlog is 511). */
  open(url: string, tokens: readonly string[], batch: number): Promise<void>;
  /** When each sync_event arrived since the last call: event id and wall-clock ms. */
  receipts(): Promise<Array<[string, number]>>;
  close(): Promise<void>;
}

export function startRealtimeClients(): RealtimeClients {
  const child: ChildProcess = fork(join(__dirname, 'realtimeClientChild.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (kind: ChildAnswer['kind']) =>
    new Promise<ChildAnswer>((resolve, reject) => {
      const listen = (message: ChildAnswer) => {
        if (message.kind === 'progress') step(`${message.opened} clients connected and authenticated`);
        if (message.kind === 'failed') reject(new Error(`realtime clients failed: ${message.error}`));
        else if (message.kind === kind) resolve(message);
        else return;
        child.off('message', listen);
      };
      child.on('message', listen);
      void exited.then(() => reject(new Error('the realtime client process exited')));
    });
  const send = (command: ChildCommand) => child.send(command);
  return {
    async open(url, tokens, batch) {
      const opened = next('opened');
      send({ kind: 'open', url, tokens: [...tokens], batch });
      await opened;
    },
    async receipts() {
      const answer = next('receipts');
      send({ kind: 'receipts' });
      const received = await answer;
      return received.kind === 'receipts' ? received.receipts : [];
    },
    async close() {
      if (child.exitCode === null) send({ kind: 'close' });
      await exited;
    },
  };
}
