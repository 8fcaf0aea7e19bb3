import type { LinkDownloads } from '../../commands/links/linkDownloads';
import type { PublicLinks } from '../../commands/links/publicLinks';
import type { LinkTokens } from '../../security/linkTokens';
import type { PasswordHasher } from '../../security/passwordHasher';

/** What the link routes call: the owner's commands, downloads through links, tokens and password checks. */
export interface LinkServices {
  commands: PublicLinks;
  downloads: LinkDownloads;
  tokens: LinkTokens;
  passwords: PasswordHasher;
}
