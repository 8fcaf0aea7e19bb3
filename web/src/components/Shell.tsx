import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { liveFeed } from '../api/realtime';
import { sessionStore } from '../api/session';
import { useLiveState } from '../hooks/useLive';
import { paths } from '../routes';

const NAVIGATION = [
  { href: paths.files, label: 'Files' },
  { href: paths.sharing, label: 'Shared' },
  { href: paths.integrations, label: 'Integrations' },
  { href: paths.security, label: 'Security' },
];

const LIVE_LABELS = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' } as const;

/** The frame of every signed-in page: skip link, navigation, live indicator, sign out, and the page itself. */
export function Shell({ children, onSignOut }: { children: ComponentChildren; onSignOut: () => void }) {
  const { path } = useLocation();
  const live = useLiveState();
  // Holds the realtime connection open while signed in, so moving between pages does not reconnect it.
  useEffect(() => liveFeed.onItem(() => undefined), []);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={paths.files}>
          Filora
        </a>
        <nav aria-label="Main">
          <ul class="nav">
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-end">
          <span class={`live live-${live}`} title="Realtime updates">
            {LIVE_LABELS[live]}
          </span>
          <button type="button" class="button button-ghost" onClick={onSignOut} disabled={sessionStore.current() === null}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
