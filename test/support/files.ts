import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { call } from './http';
import type { JsonResponse } from './http';

export interface FileBody {
  id: string;
  name: string;
  folder_id: string | null;
  mime_type: string;
  size: number;
  sha256: string;
  version: number;
  description: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}

export interface FolderBody {
  id: string;
  name: string;
  parent_id: string | null;
  file_count: number;
  folder_count: number;
  path: Array<{ id: string; name: string }>;
}

export interface Page<T> {
  data: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

export interface MultipartUpload {
  content: string | Buffer;
  filename?: string;
  contentType?: string;
  fields?: Record<string, string>;
  /** Put the text fields after the file part instead of before it. */
  fieldsAfter?: boolean;
}

/** POST /api/v1/files as multipart/form-data, fields in the order asked for. */
export async function uploadMultipart(url: string, token: string, upload: MultipartUpload): Promise<JsonResponse<FileBody>> {
  const form = new FormData();
  const fields = Object.entries(upload.fields ?? {});
  const addFields = () => fields.forEach(([name, value]) => form.append(name, value));
  if (!upload.fieldsAfter) addFields();
  form.append(
    'file',
    new Blob([upload.content], { type: upload.contentType ?? 'application/octet-stream' }),
    upload.filename ?? 'upload.bin',
  );
  if (upload.fieldsAfter) addFields();
  const response = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as FileBody };
}

/** POST /api/v1/files with a JSON body. */
export function uploadJson(url: string, token: string, body: Record<string, unknown>): Promise<JsonResponse<FileBody>> {
  return call<FileBody>(url, 'POST', '/api/v1/files', { token, body });
}

export async function createFolder(url: string, token: string, name: string, parentId: string | null = null): Promise<FolderBody> {
  const response = await call<FolderBody>(url, 'POST', '/api/v1/folders', { token, body: { name, parent_id: parentId } });
  if (response.status !== 201) throw new Error(`create folder failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function download(
  url: string,
  token: string,
  fileId: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(`${url}/api/v1/files/${fileId}/download`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** Every file under a blob store root: the stored blobs and anything left in tmp/. */
export function storedFiles(dataDir: string): { blobs: string[]; temp: string[] } {
  const root = join(dataDir, 'blobs');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  const all = walk(root);
  const temp = all.filter((path) => path.startsWith(join(root, 'tmp')));
  return { blobs: all.filter((path) => !temp.includes(path)).map((path) => path.slice(path.lastIndexOf('/') + 1)), temp };
}

export async function eventually<T>(check: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Starts a request with a body of `declaredBytes`, sends `sentBytes` of it, then drops the connection:
 * a client that goes away in the middle of an upload. Resolves whether an answer came before that.
 */
export function abandonUpload(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  prefix: Buffer,
  declaredBytes: number,
  sentBytes: number,
  beforeDrop: () => Promise<unknown> | void = () => undefined,
): Promise<{ answered: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answered = false;
    const req = request({ hostname, port, path, method, headers: { ...headers, 'content-length': String(declaredBytes) } });
    req.on('error', () => resolve({ answered }));
    req.on('response', (response) => {
      answered = true;
      response.resume();
    });
    req.write(prefix);
    req.write(Buffer.alloc(sentBytes - prefix.length, 7), () => {
      void Promise.resolve(beforeDrop()).then(() => {
        req.destroy();
        resolve({ answered });
      });
    });
  });
}
