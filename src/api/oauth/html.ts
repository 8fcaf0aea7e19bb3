import { Readable } from 'node:stream';
import type { RouteResult } from '../http/route';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, in an element or in a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);

/** An HTML page as a route's answer (the route table answers JSON otherwise). */
export const htmlAnswer = (status: number, html: string, headers: Record<string, string> = {}): RouteResult => ({
  status,
  headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  stream: Readable.from([Buffer.from(html, 'utf8')]),
});
