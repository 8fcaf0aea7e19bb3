import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** package.json sits three levels up from this file both in src/webhooks/signing and in the image's dist/webhooks/signing. */
const PACKAGE_JSON = join(__dirname, '..', '..', '..', 'package.json');

const packageVersion = (): string => z.object({ version: z.string() }).parse(JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'))).version;

/** What every delivery announces itself as: `Filora-Webhooks/<package version>`. */
export const WEBHOOK_USER_AGENT = `Filora-Webhooks/${packageVersion()}`;
