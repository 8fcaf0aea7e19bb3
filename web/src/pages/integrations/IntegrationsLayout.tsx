import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { paths } from '../../routes';

const SECTIONS = [
  { href: paths.tokens, label: 'API tokens' },
  { href: paths.webhooks, label: 'Webhooks' },
  { href: paths.incomingWebhooks, label: 'Incoming webhooks' },
  { href: paths.usage, label: 'Usage' },
];

/** The integrations settings (the VRTX seed's /settings/integrations): one section at a time, named in the sub-navigation. */
export function IntegrationsLayout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  return (
    <div class="integrations">
      <nav aria-label="Integrations" class="subnav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.href}>
              <a href={section.href} aria-current={path.startsWith(section.href) ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="integrations-body">{children}</div>
    </div>
  );
}
