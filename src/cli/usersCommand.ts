import { randomUUID } from 'node:crypto';
import { ChangePlan } from '../commands/users/changePlan';
import type { RoleAction } from '../commands/users/changeRole';
import { ChangeRole } from '../commands/users/changeRole';
import type { Config } from '../config';
import type { Platform } from '../container';
import { DomainError } from '../domain/shared/domainError';
import type { EventMetadata } from '../ports/eventStore';
import { PLAN_NAMES, planName } from '../domain/user/plans';
import { roleName, ROLES } from '../domain/user/roles';
import type { ExitCode } from './operatorCommand';
import { inTheDatabaseOf, onServerData } from './operatorCommand';

/** One `filora users <subcommand> <username> <value>`: the values it takes, and what it does with one (its line of outcome). */
interface UsersSubcommand {
  values: readonly string[];
  explanation: string;
  run(platform: Platform, username: string, value: string, metadata: EventMetadata): Promise<string>;
}

const roleSubcommand = (action: RoleAction, explanation: string): UsersSubcommand => ({
  values: ROLES,
  explanation,
  async run(platform, username, value, metadata) {
    const role = roleName.parse(value);
    const change = await platform.container.resolve(ChangeRole).run(username, action, role, metadata);
    const roles = change.roles.length === 0 ? 'none' : change.roles.join(', ');
    if (action === 'grant') {
      const outcome = change.position === null ? 'already holds' : 'now holds';
      return `${username} ${outcome} the ${role} role (roles: ${roles})`;
    }
    const outcome = change.position === null ? 'does not hold' : 'no longer holds';
    return `${username} ${outcome} the ${role} role (roles: ${roles})`;
  },
});

const SUBCOMMANDS: Record<string, UsersSubcommand> = {
  plan: {
    values: PLAN_NAMES,
    explanation: 'put a user on a plan, which sets their rate limits',
    async run(platform, username, value, metadata) {
      const plan = planName.parse(value);
      const change = await platform.container.resolve(ChangePlan).run(username, plan, metadata);
      const before = change.previousPlan ?? `${platform.config.FILORA_DEFAULT_PLAN}, the default`;
      return change.position === null
        ? `${username} is already on the ${change.plan} plan`
        : `${username} is now on the ${change.plan} plan (was ${before})`;
    },
  },
  grant: roleSubcommand('grant', "give a user a role: an auditor (or an admin) reads every stream's history"),
  revoke: roleSubcommand('revoke', 'take a role back; it counts at once'),
};

const synopsis = (name: string, { values }: UsersSubcommand) => `users ${name} <username> ${values.join('|')}`;

export const USERS_USAGE = Object.entries(SUBCOMMANDS)
  .map(([name, subcommand]) => `  ${synopsis(name, subcommand)}\n             ${subcommand.explanation}`)
  .join('\n');

const USAGE_ERROR = Object.entries(SUBCOMMANDS)
  .map(([name, subcommand], index) => `${index === 0 ? 'usage: ' : '       '}filora ${synopsis(name, subcommand)}`)
  .join('\n');

interface UsersArguments {
  subcommand: UsersSubcommand;
  username: string;
  value: string;
}

function parseUsersArguments(args: readonly string[]): UsersArguments | null {
  const [name, username, value, ...extra] = args;
  const subcommand = name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!subcommand || !username || value === undefined || !subcommand.values.includes(value) || extra.length > 0) return null;
  return { subcommand, username, value };
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
  const parsed = parseUsersArguments(args);
  if (!parsed) {
    process.stderr.write(`${USAGE_ERROR}\n`);
    return 2;
  }
  return onServerData(config, openPlatform, async (platform) => {
    try {
      const requestId = `cli-${randomUUID()}`;
      const metadata = { requestId, correlationId: requestId, causationId: requestId };
      process.stdout.write(`${await parsed.subcommand.run(platform, parsed.username, parsed.value, metadata)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      process.stderr.write(`${error.message}${inTheDatabaseOf(config)}\n`);
      return 1;
    }
  });
}
