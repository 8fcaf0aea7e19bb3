import { call } from './http';
import type { JsonResponse } from './http';
import { eventually } from './files';

/** What a receive URL answers a call that ran (or the error envelope). */
export interface ReceiveAnswer {
  id: string;
  resource: 'file' | 'folder';
  result: 'created' | 'updated';
  call_id: string;
  error?: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

/** A row of GET /incoming-webhooks/{id}/logs. */
export interface CallLogRow {
  id: string;
  received_at: string;
  ip: string | null;
  size_bytes: number;
  message_id: string | null;
  outcome: string;
  status: number | null;
  result_id: string | null;
  errors: Array<{ path: string; message: string }>;
  payload_excerpt: string;
  finished_at: string | null;
}

/** POSTs a payload to a receive URL as a sender would: JSON unless `raw` bytes are given. */
export async function postToHook(
  hookUrl: string,
  payload: unknown,
  headers: Record<string, string> = {},
  raw?: string | Buffer,
): Promise<JsonResponse<ReceiveAnswer>> {
  const body = raw ?? JSON.stringify(payload);
  const response = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as ReceiveAnswer };
}

/** The hook's call log, newest first, once it holds at least `count` finished rows (the read model follows the calls). */
export async function callLog(url: string, token: string, hookId: string, count: number): Promise<CallLogRow[]> {
  const rows = await eventually(
    async () =>
      (await call<{ data: CallLogRow[] }>(url, 'GET', `/api/v1/incoming-webhooks/${hookId}/logs?limit=100`, { token })).body.data ?? [],
    (data) => data.filter((row) => row.finished_at !== null).length >= count,
    10_000,
  );
  return rows;
}
