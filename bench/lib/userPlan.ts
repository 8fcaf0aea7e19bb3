import type { PlanName } from '../../src/domain/user/plans';
import { runFilora } from '../../test/support/serverProcess';

/** `filora users plan <username> <plan>` on `dataDir`, as an operator runs it (beside the running server); throws unless it succeeds. */
export async function putOnPlan(dataDir: string, username: string, plan: PlanName): Promise<string> {
  const run = runFilora('users', { FILORA_DATA_DIR: dataDir, FILORA_LOG_LEVEL: 'warn' }, ['plan', username, plan]);
  const code = await run.exited;
  const output = run.output().trim();
  if (code !== 0) throw new Error(`filora users plan ${username} ${plan} exited with ${code}: ${output}`);
  return output;
}
