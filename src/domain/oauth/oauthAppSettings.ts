import type { Scope } from '../access/scopes';
import { SCOPES } from '../access/scopes';
import { DomainError } from '../shared/domainError';
import { MAX_REDIRECT_URIS, redirectUriProblem } from './redirectUris';

/** What an app's owner sets, at registration and in every change. */
export interface OAuthAppSettings {
  name: string;
  /** Kept exactly as written: a redirect_uri in an authorization request must equal one of them. */
  redirectUris: string[];
  /** The most an app may ask a user for. */
  scopes: Scope[];
}

export const MAX_APP_NAME_LENGTH = 100;

const isScope = (scope: string): scope is Scope => (SCOPES as readonly string[]).includes(scope);
const hasDuplicates = (values: readonly string[]) => new Set(values).size !== values.length;

/** The same rules the API's schemas apply (fields named as the API names them), for any caller of the commands. */
export function requireValidAppSettings(settings: Partial<OAuthAppSettings>): void {
  const { name, redirectUris, scopes } = settings;
  if (name !== undefined && (name.trim().length === 0 || name.length > MAX_APP_NAME_LENGTH))
    throw new DomainError('invalid', `name must have 1 to ${MAX_APP_NAME_LENGTH} characters`, 'name');
  if (redirectUris !== undefined) {
    if (redirectUris.length === 0 || redirectUris.length > MAX_REDIRECT_URIS)
      throw new DomainError('invalid', `redirect_uris needs 1 to ${MAX_REDIRECT_URIS} URIs`, 'redirect_uris');
    if (hasDuplicates(redirectUris)) throw new DomainError('invalid', 'each redirect URI at most once', 'redirect_uris');
    redirectUris.forEach((uri, index) => {
      const problem = redirectUriProblem(uri);
      if (problem !== null) throw new DomainError('invalid', problem, `redirect_uris.${index}`);
    });
  }
  if (scopes !== undefined) {
    if (scopes.length === 0 || !scopes.every(isScope) || hasDuplicates(scopes))
      throw new DomainError('invalid', `scopes must be a non-empty set of ${SCOPES.join(', ')}`, 'scopes');
  }
}
