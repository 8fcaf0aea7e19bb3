import type { TotpState } from '../../domain/user/mfa/totpDecider';
import { isTotpEnabled, recoveryCodesRemaining } from '../../domain/user/mfa/totpDecider';
import { notFound, conflict } from '../../domain/shared/domainError';
import type { EventMetadata, Position } from '../../ports/eventStore';
import type { WebhookSecretBox } from '../../security/webhookSecrets';
import { userAggregate } from '../aggregates';
import type { CommandPipeline } from '../pipeline';
import { checkedProof, methodOf, throwIfRefused, totpStepOf } from './checkedProofs';
import { newRecoveryCodes } from './recoveryCodes';
import type { SecondFactorProof } from './secondFactorPorts';
import { totpAggregate } from './totpAggregate';
import { newTotpSecret, totpUri } from './totpCodes';

export interface StartedEnrollment {
  /** Base32, shown this once for typing into an app; stored sealed. */
  secret: string;
  otpauthUri: string;
  position: Position;
}

export interface IssuedRecoveryCodes {
  recoveryCodes: string[];
  position: Position;
}

export interface TotpStatus {
  enabled: boolean;
  /** An enrollment begun and not confirmed. */
  pending: boolean;
  recoveryCodesRemaining: number;
}

/** A user managing their own TOTP second factor: enroll, confirm, disable, new recovery codes. */
export class TotpEnrollment {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly box: Pick<WebhookSecretBox, 'seal' | 'open' | 'keyedDigest'>,
  ) {}

  async status(userId: string): Promise<TotpStatus> {
    const { state } = await this.pipeline.load(totpAggregate, userId);
    return { enabled: isTotpEnabled(state), pending: state.pendingSecret !== null, recoveryCodesRemaining: recoveryCodesRemaining(state) };
  }

  /** A new secret; starting again before confirming replaces it. */
  async start(userId: string, metadata: EventMetadata): Promise<StartedEnrollment> {
    const user = await this.pipeline.load(userAggregate, userId);
    if (!user.state.exists) throw notFound('user not found');
    const secret = newTotpSecret();
    const result = await this.pipeline.execute(
      totpAggregate,
      userId,
      { type: 'StartTotpEnrollment', encryptedSecret: this.box.seal(secret) },
      { ...metadata, actor: userId },
    );
    return { secret, otpauthUri: totpUri(secret, user.state.username), position: result.position! };
  }

  /** Turns TOTP on with a code of the pending secret, and answers the recovery codes, the only time they are shown. */
  async confirm(userId: string, code: string, metadata: EventMetadata): Promise<IssuedRecoveryCodes> {
    return this.issueRecoveryCodes(userId, code, metadata, 'ConfirmTotp', (state) => {
      if (state.pendingSecret === null)
        throw conflict(isTotpEnabled(state) ? 'TOTP is already enabled' : 'no TOTP enrollment to confirm; start one first');
      return state.pendingSecret;
    });
  }

  /** Turns TOTP off with a current code or a recovery code. Sessions already started are left as they are. */
  async disable(userId: string, proof: SecondFactorProof, metadata: EventMetadata): Promise<Position> {
    const method = methodOf(proof);
    const result = await this.pipeline.execute(
      totpAggregate,
      userId,
      async ({ state }) => {
        if (!isTotpEnabled(state)) throw conflict('TOTP is not enabled');
        const checked = checkedProof(userId, state, proof, this.box, this.pipeline.currentTime());
        return checked ? { type: 'DisableTotp' as const, proof: checked } : { type: 'RecordSecondFactorFailure' as const, method };
      },
      { ...metadata, actor: userId },
    );
    throwIfRefused(result.events);
    return result.position!;
  }

  /** New recovery codes for a current TOTP code; every earlier one stops working. */
  async regenerateRecoveryCodes(userId: string, code: string, metadata: EventMetadata): Promise<IssuedRecoveryCodes> {
    return this.issueRecoveryCodes(userId, code, metadata, 'RegenerateRecoveryCodes', (state) => {
      if (state.secret === null) throw conflict('TOTP is not enabled');
      return state.secret;
    });
  }

  /**
   * New recovery codes, stored by the command `type` when `code` is a TOTP code of the sealed secret `secretOf`
   * picks (it throws when there is none); a wrong code is recorded as a failure and refused.
   */
  private async issueRecoveryCodes(
    userId: string,
    code: string,
    metadata: EventMetadata,
    type: 'ConfirmTotp' | 'RegenerateRecoveryCodes',
    secretOf: (state: TotpState) => string,
  ): Promise<IssuedRecoveryCodes> {
    const { codes, hashes } = newRecoveryCodes(this.box, userId);
    const result = await this.pipeline.execute(
      totpAggregate,
      userId,
      async ({ state }) => {
        const step = totpStepOf(secretOf(state), code, this.box, this.pipeline.currentTime());
        return step !== null
          ? { type, step, recoveryCodeHashes: hashes }
          : { type: 'RecordSecondFactorFailure' as const, method: 'totp' as const };
      },
      { ...metadata, actor: userId },
    );
    throwIfRefused(result.events);
    return { recoveryCodes: codes, position: result.position! };
  }
}
