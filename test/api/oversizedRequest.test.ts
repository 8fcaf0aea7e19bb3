import { connect } from 'node:net';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const envelope = (code: string) => ({
  error: { code, message: expect.any(String), details: expect.any(Array) },
  request_id: expect.any(String),
});

/** Sends `head` as is over a socket and resolves with everything the server wrote before closing. */
function rawRequest(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

describe('an over-long URL', () => {
  it('answers 431 with the error envelope and a request id', async () => {
    const path = `/api/v1/files?q=${'a'.repeat(20 * 1024)}`;
    const answer = await rawRequest(platform.url, `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const [statusLine, ...headerLines] = head.split('\r\n');
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const headers = new Map(
      headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body));
    const parsed = JSON.parse(body) as unknown;
    expect(parsed).toEqual(envelope('request_header_fields_too_large'));
    expect(parsed).toMatchObject({ request_id: headers.get('x-request-id') });
  });

  it('still answers a malformed request line with 400 in the envelope', async () => {
    const answer = await rawRequest(platform.url, 'NOT HTTP\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.split('\r\n\r\n')[1] ?? '')).toEqual(envelope('validation_error'));
  });
});
