import { randomUUID } from 'node:crypto';
import { ChangePlan } from '../commands/users/changePlan';
import type { Config } from '../config';
import type { Platform } from '../container';
import { DomainError } from '../domain/shared/domainError';
import type { PlanName } from '../domain/user/plans';
import { PLAN_NAMES } from '../domain/user/plans';
import type { ExitCode } from './operatorCommand';
import { inTheDatabaseOf, onServerData } from './operatorCommand';

export const USERS_USAGE = `  users plan <username> ${PLAN_NAMES.join('|')}
             put a user on a plan, which sets their rate limits`;

interface PlanArguments {
  username: string;
  plan: PlanName;
}

function parsePlanArguments(args: readonly string[]): PlanArguments | null {
  const [subcommand, username, plan, ...extra] = args;
  if (subcommand !== 'plan' || !username || extra.length > 0) return null;
  const known = PLAN_NAMES.find((name) => name === plan);
  return known ? { username, plan: known } : null;
}

/**
 * `filora users …`, an operator's commands on users. Writes go through the command pipeline like any
 * other (they need no running server); the outcome is a line on stdout, or on stderr with exit code 1.
 */
export async function runUsersCommand(
  args: readonly string[],
  config: Config,
  openPlatform: (config: Config) => Promise<Platform>,
): Promise<ExitCode> {
  const parsed = parsePlanArguments(args);
  if (!parsed) {
    process.stderr.write(`usage: filora users plan <username> ${PLAN_NAMES.join('|')}\n`);
    return 2;
  }
  return onServerData(config, openPlatform, async (platform) => {
    try {
      const requestId = `cli-${randomUUID()}`;
      const change = await platform.container
        .resolve(ChangePlan)
        .run(parsed.username, parsed.plan, { requestId, correlationId: requestId, causationId: requestId });
      const before = change.previousPlan ?? `${platform.config.FILORA_DEFAULT_PLAN}, the default`;
      process.stdout.write(
        change.position === null
          ? `${parsed.username} is already on the ${change.plan} plan\n`
          : `${parsed.username} is now on the ${change.plan} plan (was ${before})\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      process.stderr.write(`${error.message}${inTheDatabaseOf(config)}\n`);
      return 1;
    }
  });
}
