import { randomUUID } from 'node:crypto';
import express from 'express';
import type { AddressInfo } from 'node:net';

/**
 * The baseline of the HTTP benchmarks: a bare Express 5 app, run as its own process by bareExpress.ts.
 * It does what any JSON API does and nothing more: POST and PATCH parse a JSON body and answer it back,
 * GET answers a JSON document of about `?bytes=` bytes, serialised again for every request.
 */

interface JsonDocument {
  data: Record<string, unknown>[];
  pad: string;
}

/** As many file-like records as fit in `bytes` once serialised, padded to exactly `bytes`. */
function documentOf(bytes: number): JsonDocument {
  const document: JsonDocument = { data: [], pad: '' };
  for (;;) {
    const item = { id: randomUUID(), name: `document-${document.data.length}.txt`, size: 4096, mime_type: 'text/plain' };
    document.data.push(item);
    if (JSON.stringify(document).length > bytes) {
      document.data.pop();
      break;
    }
  }
  document.pad = 'x'.repeat(Math.max(0, bytes - JSON.stringify(document).length));
  return document;
}

const documents = new Map<number, JsonDocument>();

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/echo', (req, res) => void res.status(201).json(req.body));
app.patch('/echo', (req, res) => void res.status(200).json(req.body));
app.get('/json', (req, res) => {
  const bytes = Math.min(Number(req.query.bytes) || 256, 1 << 20);
  let document = documents.get(bytes);
  if (!document) {
    document = documentOf(bytes);
    documents.set(bytes, document);
  }
  res.json(document);
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
