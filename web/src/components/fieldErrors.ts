import { ApiFailure } from '../api/failure';

/**
 * The API's complaints about a form's fields, by field name. Validation names a field `body.username`, a
 * refusal of the command (a taken username, a wrong current password) names it `username`: both mean `username`.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiFailure)) return {};
  const messages: Record<string, string[]> = {};
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '');
    (messages[field] ??= []).push(detail.message);
  }
  return Object.fromEntries(Object.entries(messages).map(([field, list]) => [field, [...new Set(list)].join('; ')]));
}
