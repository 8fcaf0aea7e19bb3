import { SecretOnce } from '../../../components/SecretOnce';

/** What the API shows only in one answer: the receive URL (its token is the credential) and a verification secret. */
export interface ShownOnce {
  url?: string;
  secret?: string;
}

export function IssuedSecrets({ shown }: { shown: ShownOnce }) {
  return (
    <>
      {shown.url !== undefined && <SecretOnce label="Receive URL" secret={shown.url} />}
      {shown.secret !== undefined && <SecretOnce label="Verification secret" secret={shown.secret} />}
    </>
  );
}
