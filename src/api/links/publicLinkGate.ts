import type { Request, Response } from 'express';
import type { ReadStore } from '../../ports/readStore';
import type { PublicLinkRow } from '../../projections/links/publicLinkRows';
import { PUBLIC_LINKS } from '../../projections/links/publicLinkRows';
import type { LinkTokens } from '../../security/linkTokens';
import type { PasswordHasher } from '../../security/passwordHasher';
import { ApiError } from '../http/apiError';
import type { RateLimitRule } from '../http/rateLimit/rateLimitRule';
import { HOUR_MS, MINUTE_MS } from '../http/rateLimit/rateLimitRule';
import { rateLimited } from '../http/rateLimit/rateLimited';
import { reportedLimit } from '../http/rateLimit/reportedLimit';
import type { RateLimitCounters } from '../http/rateLimitCounters';
import { admittedByAll } from '../http/rateLimitCounters';
import { linkStatus, publicLinkPath } from './linkViews';

export const LINK_PASSWORD_HEADER = 'X-Link-Password';
const ACCESS_COOKIE = 'filora_link_access';
const ACCESS_TTL_MS = 15 * MINUTE_MS;

/** Password attempts on one link, from anywhere; and from one address, on any link. */
const PASSWORD_ATTEMPTS_PER_LINK = { limit: 100, windowMs: HOUR_MS };
const PASSWORD_ATTEMPTS_PER_IP = { limit: 30, windowMs: 15 * MINUTE_MS };

const passwordAttemptRules = (linkId: string, ip: string): RateLimitRule[] => [
  { key: `link-password:link:${linkId}@${PASSWORD_ATTEMPTS_PER_LINK.windowMs}`, name: 'link password', ...PASSWORD_ATTEMPTS_PER_LINK },
  {
    key: `link-password:ip:${ip}@${PASSWORD_ATTEMPTS_PER_IP.windowMs}`,
    name: 'link passwords from one address',
    ...PASSWORD_ATTEMPTS_PER_IP,
  },
];

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
 * Wrong passwords are limited per link and per address (a right one counts against neither, so no one
 * can lock a link for everyone), and an attempt refused by the limits costs no scrypt.
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

  /**
   * The attempt is counted before the password is verified, so that a refused one costs no scrypt, and
   * given back when the password is right: only wrong passwords use up the limits.
   */
  private async checkPassword(row: PublicLinkRow, password: string, req: Request): Promise<void> {
    const rules = passwordAttemptRules(row._id, req.ip ?? 'unknown');
    const takenAt = this.now().getTime();
    const verdicts = await this.deps.counters.take(rules, takenAt);
    if (!admittedByAll(verdicts)) throw rateLimited(reportedLimit(rules.map((rule, i) => ({ rule, verdict: verdicts[i]! }))), takenAt);
    if (!(await this.deps.passwords.verify(password, row.password_hash ?? '')))
      throw new ApiError('unauthorized', 'the link password is wrong');
    await this.deps.counters.giveBack(rules, takenAt);
  }
}
