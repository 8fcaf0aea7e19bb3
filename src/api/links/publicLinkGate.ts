import type { Request, Response } from 'express';
import type { ReadStore } from '../../ports/readStore';
import type { PublicLinkRow } from '../../projections/links/publicLinkRows';
import { PUBLIC_LINKS } from '../../projections/links/publicLinkRows';
import type { LinkTokens } from '../../security/linkTokens';
import type { PasswordHasher } from '../../security/passwordHasher';
import { ApiError } from '../http/apiError';
import type { RateLimitRule } from '../http/rateLimit/rateLimitRule';
import { describeRule, HOUR_MS, MINUTE_MS } from '../http/rateLimit/rateLimitRule';
import type { RateLimitCounters } from '../http/rateLimitCounters';
import { admittedByAll } from '../http/rateLimitCounters';
import { linkStatus, publicLinkPath } from './linkViews';

export const LINK_PASSWORD_HEADER = 'X-Link-Password';
const ACCESS_COOKIE = 'filora_link_access';
const ACCESS_TTL_MS = 15 * MINUTE_MS;

/** Password attempts on one link, from anywhere; and from one address, on any link. */
const PASSWORD_ATTEMPTS_PER_LINK = { limit: 100, windowMs: HOUR_MS };
const PASSWORD_ATTEMPTS_PER_IP = { limit: 30, windowMs: 15 * MINUTE_MS };

const gone = () => new ApiError('not_found', 'this link does not exist or no longer works');

function cookieValue(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** Header values arrive as bytes read as Latin-1; a password outside ASCII was sent as UTF-8. */
const headerText = (value: string): string => Buffer.from(value, 'latin1').toString('utf8');

export interface PublicLinkGateDependencies {
  readStore: ReadStore;
  tokens: LinkTokens;
  passwords: PasswordHasher;
  counters: RateLimitCounters;
  now?: () => Date;
}

/**
 * The way in for a link's holder: the token must be one this server issued, the link must work now
 * (not revoked, expired, used up, nor its file or folder deleted: all answered 404 alike), and a
 * password-protected link needs its password, in X-Link-Password or as the cookie POST …/access sets.
 * Password attempts are limited per link and per address, and a refused attempt costs no scrypt.
 * Every attempt counts, right or wrong (the counters cannot be read without counting): clients that
 * come back often exchange the password for the cookie once.
 */
export class PublicLinkGate {
  private readonly now: () => Date;

  constructor(private readonly deps: PublicLinkGateDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The link behind the token, if it works now; its password is not checked. */
  async live(token: string): Promise<PublicLinkRow> {
    const linkId = this.deps.tokens.linkIdOf(token);
    const row = linkId === null ? null : await this.deps.readStore.get<PublicLinkRow>(PUBLIC_LINKS, linkId);
    if (!row || linkStatus(row, this.now()) !== 'active') throw gone();
    return row;
  }

  /** The link behind the token, if it works now and the request carries its password or access cookie. */
  async open(token: string, req: Request): Promise<PublicLinkRow> {
    const row = await this.live(token);
    if (!row.has_password || this.holdsAccessCookie(req, row)) return row;
    const password = req.get(LINK_PASSWORD_HEADER);
    if (password === undefined) {
      throw new ApiError(
        'unauthorized',
        `this link needs its password: send it in ${LINK_PASSWORD_HEADER}, or exchange it at POST ${publicLinkPath(token)}/access`,
      );
    }
    await this.checkPassword(row, headerText(password), req);
    return row;
  }

  /** Checks the password and sets a cookie that stands for it on this link's paths for 15 minutes. */
  async exchange(token: string, password: string, req: Request, res: Response): Promise<{ expires_at: string }> {
    const row = await this.live(token);
    if (row.has_password) await this.checkPassword(row, password, req);
    const expiresAtMs = this.now().getTime() + ACCESS_TTL_MS;
    res.cookie(ACCESS_COOKIE, this.deps.tokens.accessProof(row._id, row.password_version, expiresAtMs), {
      httpOnly: true,
      secure: req.secure,
      sameSite: 'lax',
      path: publicLinkPath(token),
      maxAge: ACCESS_TTL_MS,
    });
    return { expires_at: new Date(expiresAtMs).toISOString() };
  }

  private holdsAccessCookie(req: Request, row: PublicLinkRow): boolean {
    const proof = cookieValue(req, ACCESS_COOKIE);
    return proof !== null && this.deps.tokens.isValidAccessProof(proof, row._id, row.password_version, this.now().getTime());
  }

  private async checkPassword(row: PublicLinkRow, password: string, req: Request): Promise<void> {
    await this.countAttempt(row._id, req.ip ?? 'unknown');
    if (!(await this.deps.passwords.verify(password, row.password_hash ?? '')))
      throw new ApiError('unauthorized', 'the link password is wrong');
  }

  private async countAttempt(linkId: string, ip: string): Promise<void> {
    const rules: RateLimitRule[] = [
      { key: `link-password:link:${linkId}@${PASSWORD_ATTEMPTS_PER_LINK.windowMs}`, name: 'link password', ...PASSWORD_ATTEMPTS_PER_LINK },
      {
        key: `link-password:ip:${ip}@${PASSWORD_ATTEMPTS_PER_IP.windowMs}`,
        name: 'link passwords from one address',
        ...PASSWORD_ATTEMPTS_PER_IP,
      },
    ];
    const nowMs = this.now().getTime();
    const verdicts = await this.deps.counters.take(rules, nowMs);
    if (admittedByAll(verdicts)) return;
    const refusing = rules.map((rule, i) => ({ rule, verdict: verdicts[i]! })).filter(({ verdict }) => !verdict.allowed);
    const { rule, verdict } = refusing.reduce((latest, next) => (next.verdict.resetAt > latest.verdict.resetAt ? next : latest));
    const retryAfter = Math.max(1, Math.ceil((verdict.resetAt - nowMs) / 1000));
    throw new ApiError('rate_limited', `${describeRule(rule)} reached`, [], { 'Retry-After': String(retryAfter) });
  }
}
