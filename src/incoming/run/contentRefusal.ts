import { DomainError } from '../../domain/shared/domainError';

/**
 * The upload code names the REST upload's multipart field (`file`) in a quota refusal; a hook's sender knows
 * the target field `content`. Other errors pass unchanged.
 */
export function namingContent(error: unknown): unknown {
  if (error instanceof DomainError && error.kind === 'too_large' && error.field === 'file') {
    return new DomainError(error.kind, error.message, 'content');
  }
  return error;
}

/** Runs `work`, answering a quota refusal as one about `content`. */
export async function withContentRefusal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw namingContent(error);
  }
}
