import type { Position } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import { findLiveSession } from '../../projections/sessions/sessionQueries';
import { FreshAnswers } from '../../shared/freshAnswers';

export interface LiveSessionsOptions {
  /** How long an answer is reused: a logout or password change takes effect within this. */
  ttlMs: number;
  /** Sessions remembered at once; the oldest answers are forgotten first. */
  maxEntries: number;
  /** How long to wait for the read models to reach a session that was just started. */
  waitMaxMs: number;
}

/**
 * Whether the session an access token belongs to is still live, from the sessions read model, with
 * each answer reused for at most `ttlMs`. A session the read model does not have yet was started a
 * moment ago: its tokens carry the position it was started at, and the check waits for that (bounded).
 */
export class LiveSessions {
  private readonly answers: FreshAnswers<string, boolean>;

  constructor(
    private readonly readStore: ReadStore,
    private readonly progress: ProjectionProgress,
    private readonly options: LiveSessionsOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new FreshAnswers(options.maxEntries, options.ttlMs, now);
  }

  isLive(sessionId: string, startedBy: Position | undefined): Promise<boolean> {
    return this.answers.get(sessionId, () => this.check(sessionId, startedBy));
  }

  private async check(sessionId: string, startedBy: Position | undefined): Promise<boolean> {
    if (await this.found(sessionId)) return true;
    if (startedBy === undefined || !(await this.progress.waitFor(startedBy, this.options.waitMaxMs))) return false;
    return this.found(sessionId);
  }

  private async found(sessionId: string): Promise<boolean> {
    return (await findLiveSession(this.readStore, sessionId, new Date(this.now()))) !== null;
  }
}
