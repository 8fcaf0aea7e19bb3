import { heldScopes } from '../../domain/access/scopes';
import type { Scope } from '../../domain/access/scopes';
import { liveFamily } from '../../domain/oauth/oauthGrantState';
import type { OAuthGrantState } from '../../domain/oauth/oauthGrantState';
import { oauthGrantAggregate } from '../../commands/oauth/oauthGrantAggregate';
import type { OAuthClients } from '../../commands/oauth/oauthPorts';
import type { CommandPipeline } from '../../commands/pipeline';
import { FreshAnswers } from '../../shared/freshAnswers';

export interface LiveGrantsOptions {
  /** How long an answer is reused: a revocation made by another process takes effect within this. */
  ttlMs: number;
  /** Grants remembered at once; the oldest answers are forgotten first. */
  maxEntries: number;
}

/** A grant as far as its access tokens go: whose it is, for which app, and each token family's scopes (null: revoked). */
interface GrantAnswer {
  userId: string;
  appId: string;
  families: ReadonlyMap<string, readonly Scope[] | null>;
}

/** A live grant with the scopes its app has now: an app narrowed since the consent narrows its tokens too. */
interface LiveGrantAnswer extends GrantAnswer {
  appScopes: readonly Scope[];
}

/** What an OAuth access token may do now. */
export interface LiveFamily {
  userId: string;
  /** The scopes the token, its family and its app all hold, with those they imply. */
  scopes: ReadonlySet<Scope>;
}

function answerOf(state: OAuthGrantState): GrantAnswer | null {
  if (state.grantId === null || state.revoked) return null;
  const families = new Map<string, readonly Scope[] | null>();
  for (const familyId of state.families.keys()) families.set(familyId, liveFamily(state, familyId)?.scopes ?? null);
  return { userId: state.userId!, appId: state.appId!, families };
}

/**
 * Whether the grant and token family an OAuth access token names may still act, read from the grant's own
 * stream through the pipeline (folded on from what this process folded before, so an answer costs only the
 * events appended since) rather than from a read model: a family is live the moment its first refresh token
 * is recorded, and a revocation counts on every process within `ttlMs`, with no projection lag, and at once
 * in the process that made it (`forget`). The app must still exist: deleting it revokes its grants one
 * stream at a time, and this check does not wait for that; and a token keeps only the scopes the app still
 * has (its owner may narrow them after users consented), within `ttlMs` too.
 */
export class LiveGrants {
  private readonly answers: FreshAnswers<string, LiveGrantAnswer | null>;

  constructor(
    private readonly pipeline: Pick<CommandPipeline, 'load'>,
    private readonly clients: Pick<OAuthClients, 'find'>,
    options: LiveGrantsOptions,
    now: () => number = Date.now,
  ) {
    this.answers = new FreshAnswers(options.maxEntries, options.ttlMs, now);
  }

  /** The family's user and scopes (within the app's) when the grant, the family and the app `clientId` are live; null otherwise. */
  async find(token: {
    userId: string;
    grantId: string;
    familyId: string;
    clientId: string;
    scopes: readonly string[];
  }): Promise<LiveFamily | null> {
    let grant = await this.answers.get(token.grantId, () => this.lookUp(token.grantId));
    if (grant && !grant.families.has(token.familyId)) {
      // A family started since this answer was made (its token was just issued, maybe by another process).
      this.answers.forget(token.grantId);
      grant = await this.answers.get(token.grantId, () => this.lookUp(token.grantId));
    }
    const familyScopes = grant?.families.get(token.familyId);
    if (!grant || !familyScopes || grant.userId !== token.userId || grant.appId !== token.clientId) return null;
    const held = token.scopes.filter((scope) => familyScopes.includes(scope as Scope) && grant.appScopes.includes(scope as Scope));
    return { userId: grant.userId, scopes: heldScopes(held) };
  }

  /** Drops what this process remembers of a grant it has just revoked, or whose family it has. */
  forget(grantId: string): void {
    this.answers.forget(grantId);
  }

  private async lookUp(grantId: string): Promise<LiveGrantAnswer | null> {
    const { state } = await this.pipeline.load(oauthGrantAggregate, grantId);
    const answer = answerOf(state);
    const app = answer && (await this.clients.find(answer.appId));
    return answer && app ? { ...answer, appScopes: app.scopes } : null;
  }
}
