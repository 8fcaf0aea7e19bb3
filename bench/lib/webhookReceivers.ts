import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ReceiverAnswer, ReceiverCommand } from './webhookReceiverChild';

export interface Receipt {
  messageId: string;
  mark: string;
  atMs: number;
}

/** A keep-alive webhook endpoint in a child process (webhookReceiverChild.ts). */
export interface ReceiverProcess {
  url: string;
  /** Every request received since the last call, in arrival order. */
  receipts(): Promise<Receipt[]>;
  close(): Promise<void>;
}

export async function startReceiverProcess(): Promise<ReceiverProcess> {
  const child: ChildProcess = fork(join(__dirname, 'webhookReceiverChild.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <Kind extends ReceiverAnswer['kind']>(kind: Kind) =>
    new Promise<Extract<ReceiverAnswer, { kind: Kind }>>((resolve, reject) => {
      const listen = (message: ReceiverAnswer) => {
        if (message.kind !== kind) return;
        child.off('message', listen);
        resolve(message as Extract<ReceiverAnswer, { kind: Kind }>);
      };
      child.on('message', listen);
      void exited.then(() => reject(new Error('the webhook receiver process exited')));
    });
  const send = (command: ReceiverCommand) => child.send(command);
  const { url } = await next('listening');
  return {
    url,
    async receipts() {
      const answered = next('receipts');
      send({ kind: 'receipts' });
      return (await answered).receipts.map(([messageId, mark, atMs]) => ({ messageId, mark, atMs }));
    },
    async close() {
      if (child.exitCode === null) send({ kind: 'close' });
      await exited;
    },
  };
}
