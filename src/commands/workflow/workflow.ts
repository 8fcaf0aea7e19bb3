import type { Logger } from '../../ports/logger';

interface Cleanup {
  what: string;
  run(): Promise<unknown>;
}

/**
 * The steps of a command that spans streams (claim a name, reference content, append, verify the parent),
 * each registered with what undoes it. When a step fails, the undos of the steps before it run in
 * reverse order; once all succeed, the clean-ups registered for success run. Undos and clean-ups
 * never hide the error being handled or fail a change already recorded: their failures are logged
 * (what they leave behind, a claim or unreferenced content, is reclaimed later).
 */
export class Workflow {
  private readonly undos: Cleanup[] = [];
  private readonly afterwards: Cleanup[] = [];

  constructor(private readonly logger: Logger) {}

  /** Runs a step; if a later one fails, `undo` reverses it. */
  async step<T>(run: () => Promise<T>, undo?: { what: string; run(result: T): Promise<unknown> }): Promise<T> {
    const result = await run();
    if (undo) this.undos.push({ what: undo.what, run: () => undo.run(result) });
    return result;
  }

  /** Something already done outside this workflow that a failure must undo. */
  onFailure(what: string, run: () => Promise<unknown>): void {
    this.undos.push({ what, run });
  }

  /** Runs once every step has succeeded. */
  onSuccess(what: string, run: () => Promise<unknown>): void {
    this.afterwards.push({ what, run });
  }

  async compensate(): Promise<void> {
    for (const undo of this.undos.splice(0).reverse()) await this.attempt(undo);
  }

  async finish(): Promise<void> {
    for (const cleanup of this.afterwards.splice(0)) await this.attempt(cleanup);
  }

  private async attempt(cleanup: Cleanup): Promise<void> {
    try {
      await cleanup.run();
    } catch (error) {
      this.logger.warn(`could not ${cleanup.what}`, { error });
    }
  }
}

/** Runs `body` as one workflow: compensated if it throws, finished if it returns. */
export async function runWorkflow<T>(logger: Logger, body: (workflow: Workflow) => Promise<T>): Promise<T> {
  const workflow = new Workflow(logger);
  let result: T;
  try {
    result = await body(workflow);
  } catch (error) {
    await workflow.compensate();
    throw error;
  }
  await workflow.finish();
  return result;
}
