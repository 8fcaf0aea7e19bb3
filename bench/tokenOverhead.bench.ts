import { createToken } from '../test/support/apiTokens';
import { credentialOverhead } from './lib/credentialOverhead';
import { count } from './lib/httpRows';
import { step } from './lib/progress';
import { recordedTokenRequests } from './lib/recordedTokenRequests';

/** The most a token may be given: far above what the whole run sends with it, so its own limit never refuses. */
const TOKEN_RATE_LIMIT_PER_HOUR = 1_000_000;
const USAGE_WAIT_MS = 15_000;

/** Issue 10: an API token (`fl_…`) against a login session on the same routes. */
export const benchmark = credentialOverhead('tokenOverhead', {
  label: 'API token',
  side: 'token',
  presented: `Authorization: Bearer fl_… (rate_limit ${count(TOKEN_RATE_LIMIT_PER_HOUR)}/hour)`,
  async issue(server) {
    const apiToken = await createToken(server.url, server.token, {
      name: 'bench token',
      scopes: ['files.read'],
      rate_limit: TOKEN_RATE_LIMIT_PER_HOUR,
    });
    return {
      secret: apiToken.secret,
      id: apiToken.id,
      async afterRounds() {
        const recorded = await recordedTokenRequests(server.url, server.token, apiToken.id, USAGE_WAIT_MS);
        step(`usage log: ${recorded} of the token's requests recorded`);
        return recorded > 0
          ? `usage log: ${count(recorded)} of the token's requests recorded and projected when checked`
          : `usage log: none of the token's requests recorded within ${USAGE_WAIT_MS / 1000} s (not wired?)`;
      },
    };
  },
});
