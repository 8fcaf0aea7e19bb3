import type { Scope } from '../../domain/access/scopes';
import { heldScopes } from '../../domain/access/scopes';
import type { EventStore } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import { findTokenBySecretHash } from '../../projections/tokens/tokenQueries';
import type { TokenView } from '../../projections/tokens/tokensProjection';
import { hashApiToken } from '../../security/apiTokenSecrets';
import { IpAllowlist } from '../../security/ipAllowlist';
import { FreshAnswers } from '../../shared/freshAnswers';
import { RecentlyUsed } from '../../shared/recentlyUsed';

export interface LiveTokensOptions {
  /** How long an answer is reused: a revocation or regeneration takes effect within this plus the projection's lag. */
  ttlMs: number;
  /** Tokens remembered at once; the oldest answers are forgotten first. */
  maxEntries: number;
  /**
   * How long to wait for the read models to reach the newest event when a secret is not found. Kept
   * short: a token's creation answers only once the read models hold it, so this covers only a creation
   * answered 202, while anyone can make secrets that pass the checksum and have each wait this long.
   */
  waitMaxMs: number;
}

/** A token that may act now, with its allowlist ready to check addresses against and the scopes it holds. */
export interface LiveToken {
  view: TokenView;
  allowlist: IpAllowlist;
  scopes: ReadonlySet<Scope>;
}

/**
 * Finds the token a secret belongs to in the tokens read model, by the secret's hash, with each answer
 * reused for at most `ttlMs`: every API process sees a revocation, regeneration or change within that,
 * and the process that made it at once (`forget`).
 * A secret not found may belong to a token created a moment ago; the lookup then waits (bounded) for the
 * read models to reach the newest event and looks once more. Expiry is checked on every call.
 */
export class LiveTokens {
  private readonly answers: FreshAnswers<string, LiveToken | null>;
  /** The secret hash each token was last found by, so that a change made here can forget it at once. */
  private readonly hashOfToken: RecentlyUsed<string, string>;

  constructor(
    private readonly readStore: ReadStore,
    private readonly eventStore: EventStore,
    private readonly progress: ProjectionProgress,
    private readonly options: LiveTokensOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new FreshAnswers(options.maxEntries, options.ttlMs, now);
    this.hashOfToken = new RecentlyUsed(options.maxEntries);
  }

  /** Drops what this process remembers of a token it has just changed, revoked, regenerated or deleted. */
  forget(tokenId: string): void {
    const secretHash = this.hashOfToken.peek(tokenId);
    if (secretHash !== undefined) this.answers.forget(secretHash);
    this.hashOfToken.delete(tokenId);
  }

  find(secret: string): Promise<LiveToken | null> {
    return this.findByHash(hashApiToken(secret));
  }

  /** As `find`, by the secret's hash: what a realtime connection keeps to check its token again (never the secret). */
  async findByHash(secretHash: string): Promise<LiveToken | null> {
    const token = await this.answers.get(secretHash, () => this.lookUp(secretHash));
    return token && this.usableNow(token.view) ? token : null;
  }

  private async lookUp(secretHash: string): Promise<LiveToken | null> {
    let view = await findTokenBySecretHash(this.readStore, secretHash);
    if (!view) {
      const head = await this.eventStore.headPosition();
      if (head !== null && (await this.progress.waitFor(head, this.options.waitMaxMs)))
        view = await findTokenBySecretHash(this.readStore, secretHash);
    }
    const token =
      view && view.revoked_at === null ? { view, allowlist: new IpAllowlist(view.ip_allowlist), scopes: heldScopes(view.scopes) } : null;
    if (view) this.hashOfToken.set(view._id, secretHash);
    return token;
  }

  private usableNow(view: TokenView): boolean {
    return view.expires_at === null || new Date(view.expires_at).getTime() > this.now();
  }
}
