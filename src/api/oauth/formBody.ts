import express from 'express';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { discardRestOfBody } from '../files/requestBody';

const FORM = 'application/x-www-form-urlencoded';
/** The OAuth forms have a handful of fields; a body with more is not one of them. */
const MOST_FIELDS = 50;

/** A form body that cannot be read: its status (400, 413, 415) and why. */
export class UnreadableForm extends Error {
  override readonly name = 'UnreadableForm';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** body-parser's refusals (http-errors): too large, too many fields, an unsupported charset, a malformed body. */
function unreadable(error: unknown): UnreadableForm {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (status === 413 || type === 'parameters.too.many') return new UnreadableForm(413, 'the form is too large');
  if (status === 415) return new UnreadableForm(415, 'the form must be UTF-8');
  return new UnreadableForm(400, 'the form could not be read');
}

export const isForm = (req: Request): boolean => Boolean(req.is(FORM));

/**
 * Reads an `application/x-www-form-urlencoded` body (for routes of the table that stream their body: the
 * route table parses JSON only) into its fields: a repeated field is an array, which the caller's schema
 * refuses. Throws UnreadableForm.
 */
export function formReader(limitBytes: number): (req: Request, res: Response) => Promise<Record<string, unknown>> {
  const parse = express.urlencoded({ extended: false, limit: limitBytes, parameterLimit: MOST_FIELDS, type: FORM });
  return (req, res) =>
    new Promise((resolve, reject) => {
      parse(req, res, (error?: unknown) => {
        if (error) return reject(unreadable(error));
        resolve(Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>)));
      });
    });
}

/** A protocol form read and checked against its schema: its fields, or why not (the status, the field at fault, a description). */
export type ProtocolForm<T> = { ok: true; fields: T } | { ok: false; status: 400 | 413 | 415; field: string; description: string };

/**
 * What every OAuth endpoint that takes a form does first: refuse another media type, read the form within
 * `limitBytes`, and check it against the endpoint's schema. Each endpoint answers a refusal in its own shape.
 */
export function protocolFormReader(limitBytes: number) {
  const readForm = formReader(limitBytes);
  return async function readProtocolForm<Schema extends z.ZodType>(
    req: Request,
    res: Response,
    schema: Schema,
  ): Promise<ProtocolForm<z.output<Schema>>> {
    if (!isForm(req)) {
      discardRestOfBody(req);
      return { ok: false, status: 400, field: 'body', description: `the body must be ${FORM}` };
    }
    let fields: Record<string, unknown>;
    try {
      fields = await readForm(req, res);
    } catch (error) {
      if (!(error instanceof UnreadableForm)) throw error;
      return { ok: false, status: error.status, field: 'body', description: error.message };
    }
    const parsed = schema.safeParse(fields);
    if (parsed.success) return { ok: true, fields: parsed.data };
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `body.${issue.path.join('.')}` : 'body';
    return { ok: false, status: 400, field, description: `${field}: ${issue?.message ?? 'invalid'}` };
  };
}
