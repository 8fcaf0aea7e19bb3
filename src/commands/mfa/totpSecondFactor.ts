import type { EventMetadata, Position } from '../../ports/eventStore';
import type { CommandPipeline } from '../pipeline';
import type { SecondFactorSecrets } from './checkedProofs';
import { checkedProof, methodOf, throwIfRefused } from './checkedProofs';
import type { SecondFactorCheck, SecondFactorProof } from './secondFactorPorts';
import { totpAggregate } from './totpAggregate';

/** A TOTP code or a recovery code, checked against the user stream and spent there (login, /auth/verify, the OAuth consent). */
export class TotpSecondFactor implements SecondFactorCheck {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly box: SecondFactorSecrets,
  ) {}

  async verify(userId: string, proof: SecondFactorProof, sessionId: string | null, metadata: EventMetadata): Promise<Position> {
    const method = methodOf(proof);
    const result = await this.pipeline.execute(
      totpAggregate,
      userId,
      async ({ state }) => {
        const checked = checkedProof(userId, state, proof, this.box, this.pipeline.currentTime());
        return checked
          ? { type: 'AcceptSecondFactor' as const, proof: checked, sessionId }
          : { type: 'RecordSecondFactorFailure' as const, method };
      },
      { ...metadata, actor: userId },
    );
    throwIfRefused(result.events);
    return result.position!;
  }
}
