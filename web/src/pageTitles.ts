import { BASE } from './routes';

/** What each address is, for the window title (most specific first; ids are not titles). */
const TITLES: readonly [RegExp, string][] = [
  [/^\/sign-in$/, 'Sign in'],
  [/^\/register$/, 'Create an account'],
  [/^\/files$/, 'My files'],
  [/^\/files\/folders\/[^/]+$/, 'Folder'],
  [/^\/files\/[^/]+$/, 'File'],
  [/^\/shared$/, 'Shared'],
  [/^\/l\/[^/]+$/, 'Shared link'],
  [/^\/settings\/security$/, 'Security'],
  [/^\/settings\/integrations\/tokens$/, 'API tokens'],
  [/^\/settings\/integrations\/tokens\/[^/]+$/, 'API token'],
  [/^\/settings\/integrations\/webhooks$/, 'Webhooks'],
  [/^\/settings\/integrations\/webhooks\/[^/]+$/, 'Webhook'],
  [/^\/settings\/integrations\/webhooks\/[^/]+\/deliveries\/[^/]+$/, 'Webhook delivery'],
  [/^\/settings\/integrations\/incoming$/, 'Incoming webhooks'],
  [/^\/settings\/integrations\/incoming\/[^/]+$/, 'Incoming webhook'],
  [/^\/settings\/integrations\/usage$/, 'API usage'],
];

/** The window title of a console address: "<page> · Filora". */
export function pageTitleOf(path: string): string {
  const inConsole = path.startsWith(`${BASE}/`) ? path.slice(BASE.length).replace(/\/$/, '') : path;
  const title = TITLES.find(([pattern]) => pattern.test(inConsole))?.[1];
  return title === undefined ? 'Filora' : `${title} · Filora`;
}
