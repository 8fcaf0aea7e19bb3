import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { newWebhookSecret } from '../../../src/security/webhookSecrets';
import { serializeWebhookBody, toWebhookBody } from '../../../src/webhooks/payloads/toWebhookBody';
import { signHeaders } from '../../../src/webhooks/signing/signHeaders';

const MARKER = '<!-- webhook-receiver:';

/** The README's receiver, as a reader would copy it: the first js block after the marker. */
function readmeReceiver(): string {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf(MARKER));
  const block = /```js\n([\s\S]*?)\n```/.exec(after);
  if (!readme.includes(MARKER) || !block) throw new Error('the README has no webhook receiver block');
  return block[1]!;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

interface Receiver {
  url: string;
  output: () => string;
  process: ChildProcess;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});

async function startReceiver(secrets: string[]): Promise<Receiver> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', readmeReceiver()], {
    env: { PATH: process.env.PATH, WEBHOOK_SECRETS: secrets.join(','), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}/`, output: () => output, process: child };
}

const ownerId = randomUUID();
const uploaded = (name: string) => ({
  type: 'FileUploaded',
  createdAt: new Date(),
  data: {
    fileId: randomUUID(),
    ownerId,
    folderId: null,
    name,
    versionId: randomUUID(),
    version: 1,
    size: 5,
    sha256: 'b'.repeat(64),
    mimeType: 'text/plain',
  },
});

async function deliver(receiver: Receiver, secrets: string[], options: { name?: string; at?: Date; tamper?: boolean; id?: string } = {}) {
  const id = options.id ?? randomUUID();
  const body = serializeWebhookBody(toWebhookBody(uploaded(options.name ?? 'hello.txt'), id));
  const headers = signHeaders(body, id, options.at ?? new Date(), secrets);
  const sent = options.tamper ? body.replace('hello', 'jello') : body;
  return (await fetch(receiver.url, { method: 'POST', headers, body: sent })).status;
}

describe('the README’s webhook receiver', () => {
  it('accepts a signed delivery and prints its event, once per webhook-id', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver([secret]);
    const id = randomUUID();
    expect(await deliver(receiver, [secret], { id, name: 'hello.txt' })).toBe(204);
    expect(await deliver(receiver, [secret], { id, name: 'hello.txt' })).toBe(204);
    expect(receiver.output()).toContain('upload.completed {');
    expect(receiver.output()).toContain('"file_name":"hello.txt"');
    expect(receiver.output().match(/upload\.completed/g)).toHaveLength(1);
  });

  it('refuses an altered body, another secret’s signatures and a stale timestamp', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver([secret]);
    expect(await deliver(receiver, [secret], { tamper: true })).toBe(401);
    expect(await deliver(receiver, [newWebhookSecret()])).toBe(401);
    expect(await deliver(receiver, [secret], { at: new Date(Date.now() - 10 * 60 * 1000) })).toBe(401);
    expect(receiver.output()).not.toContain('upload.completed');
  });

  it('keeps working through a rotation when it holds both secrets; with the old one only, X-Filora-Signature refuses as the README says', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    expect(await deliver(await startReceiver([current, previous]), [current, previous])).toBe(204);
    expect(await deliver(await startReceiver([current]), [current, previous])).toBe(204);
    expect(await deliver(await startReceiver([previous]), [current, previous])).toBe(401);
  });
});
