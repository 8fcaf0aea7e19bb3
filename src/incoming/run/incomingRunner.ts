import type { CommandPipeline } from '../../commands/pipeline';
import type { FileCommands } from '../../commands/fileCommands';
import type { Actor } from '../../domain/access/accessPolicy';
import type { IncomingCommand } from '../../domain/incoming/incomingCommand';
import type { EventMetadata } from '../../ports/eventStore';
import type { IncomingCommandRunner, IncomingPlan, IncomingRunResult } from '../incomingPorts';

/**
 * Runs an incoming webhook's mapped command as the hook's owner, through the same file commands, access
 * policy and quota as the REST API. Skeleton: the final constructor; the behaviour lands next.
 */
export class IncomingRunner implements IncomingCommandRunner {
  constructor(
    private readonly files: FileCommands,
    private readonly pipeline: CommandPipeline,
  ) {}

  run(_owner: Actor, _command: IncomingCommand, _metadata: EventMetadata): Promise<IncomingRunResult> {
    return Promise.reject(new Error('IncomingRunner.run is not implemented yet'));
  }

  plan(_owner: Actor, _command: IncomingCommand): Promise<IncomingPlan> {
    return Promise.reject(new Error('IncomingRunner.plan is not implemented yet'));
  }
}
