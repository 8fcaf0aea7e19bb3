import { createHash } from 'node:crypto';
import type { Scope } from '../../domain/access/scopes';
import { escapeHtml } from './html';
import type { ProtocolError } from './protocolErrors';
import { SCOPE_DESCRIPTIONS } from './scopeDescriptions';

/** What the consent page shows and carries. */
export interface ConsentView {
  /** Where the form posts (the authorize endpoint's served path). */
  action: string;
  appName: string;
  /** The username of the user who registered the app; null when it cannot be read now. */
  ownerUsername: string | null;
  scopes: readonly Scope[];
  redirectUri: string;
  requestToken: string;
  /** `password`: the user signs in; `second_factor`: their password was right, their authentication code is asked. */
  step: 'password' | 'second_factor';
  signInToken?: string;
  /** The name the user typed, kept when the page is shown again. */
  username?: string;
  error?: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}ul{padding-left:1.2rem}li{margin:.3rem 0}label{display:block;margin:.6rem 0 .2rem}
input{width:100%;padding:.4rem;box-sizing:border-box}.error{color:#a00;border:1px solid #a00;padding:.5rem}
.buttons{margin-top:1rem;display:flex;gap:.5rem}button{padding:.5rem 1rem}small{color:#555}`;

/** The one inline style is allowed by its hash: the page runs no script and loads nothing. */
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * Never framed (clickjacking), never cached, no Referer (the request's URL names the state). The form may
 * post here only, and be redirected to the app's redirect URI.
 */
export function consentHeaders(redirectUri: string | null): Record<string, string> {
  const redirectOrigin = redirectUri === null ? '' : ` ${new URL(redirectUri).origin}`;
  return {
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      `form-action 'self'${redirectOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

function signInFields(view: ConsentView): string {
  if (view.step === 'second_factor')
    return `<p>Your account has two-step verification. Enter the code your authenticator app shows, or one of your recovery codes.</p>
${hidden('sign_in_token', view.signInToken ?? '')}
<label for="code">Authentication code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="10" autofocus>
<label for="recovery_code">Or a recovery code</label>
<input id="recovery_code" name="recovery_code" autocomplete="off" maxlength="64">`;
  return `<p>Sign in to Filora to decide.</p>
<label for="username">Username or email</label>
<input id="username" name="username" autocomplete="username" maxlength="254" value="${escapeHtml(view.username ?? '')}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="256" required>`;
}

/** The page asking a user whether the app may act for them, with what it may do. */
export function consentPage(view: ConsentView): string {
  const app = escapeHtml(view.appName);
  const owner = view.ownerUsername === null ? '' : ` <small>(registered by ${escapeHtml(view.ownerUsername)})</small>`;
  const scopes = view.scopes
    .map((scope) => `<li><strong>${escapeHtml(SCOPE_DESCRIPTIONS[scope])}</strong> <small>${escapeHtml(scope)}</small></li>`)
    .join('\n');
  return page(
    `Allow ${view.appName} to use your Filora account?`,
    `<h1>Allow <span class="app">${app}</span> to use your Filora account?</h1>
<p><span class="app">${app}</span>${owner} asks to:</p>
<ul class="scopes">
${scopes}
</ul>
<p><small>You will then be sent back to ${escapeHtml(view.redirectUri)}</small></p>
${view.error ? `<p class="error" role="alert">${escapeHtml(view.error)}</p>` : ''}
<form method="post" action="${escapeHtml(view.action)}">
${hidden('request_token', view.requestToken)}
${signInFields(view)}
<div class="buttons">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>`,
  );
}

/** The page for a request that cannot be sent back to any app (unknown app, unregistered redirect URI, a stale form). */
export const errorPage = (error: ProtocolError): string =>
  page(
    'Authorization failed',
    `<h1>This authorization request cannot be completed</h1>
<p class="error" role="alert">${escapeHtml(error.error_description)}</p>
<p><small>Error: ${escapeHtml(error.error)}. Go back to the app and start again.</small></p>`,
  );
