import type { ZodError, ZodType } from 'zod';
import { ApiError } from './apiError';
import type { ErrorDetail } from './apiError';

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.slice(0, 50).map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

/** Parses one part of a request, answering 400 with a detail per problem. */
export function parseOrReject<T>(schema: ZodType<T>, value: unknown, part: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = zodDetails(result.error).map((detail) => ({
    ...detail,
    path: detail.path === '(root)' ? part : `${part}.${detail.path}`,
  }));
  throw new ApiError('validation_error', `the request ${part} is not valid`, details);
}
