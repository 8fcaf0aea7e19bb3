import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { signOut } from './api/auth';
import { Redirect } from './components/Redirect';
import { Shell } from './components/Shell';
import { useRouteAnnouncement } from './hooks/useRouteAnnouncement';
import { useSession } from './hooks/useSession';
import { RegisterPage } from './pages/auth/RegisterPage';
import { SignInPage } from './pages/auth/SignInPage';
import { FilePage } from './pages/files/FilePage';
import { FilesPage } from './pages/files/FilesPage';
import { IncomingWebhookPage } from './pages/integrations/incoming/IncomingWebhookPage';
import { IncomingWebhooksPage } from './pages/integrations/incoming/IncomingWebhooksPage';
import { IntegrationsLayout } from './pages/integrations/IntegrationsLayout';
import { TokenPage } from './pages/integrations/tokens/TokenPage';
import { TokensPage } from './pages/integrations/tokens/TokensPage';
import { UsagePage } from './pages/integrations/usage/UsagePage';
import { DeliveryPage } from './pages/integrations/webhooks/DeliveryPage';
import { WebhookPage } from './pages/integrations/webhooks/WebhookPage';
import { WebhooksPage } from './pages/integrations/webhooks/WebhooksPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SecurityPage } from './pages/security/SecurityPage';
import { PublicLinkPage } from './pages/publicLink/PublicLinkPage';
import { SharingPage } from './pages/sharing/SharingPage';
import { BASE, isOpenToAll, paths, PUBLIC_PATHS } from './routes';

const inIntegrations = (Page: () => preact.JSX.Element) => () => (
  <IntegrationsLayout>
    <Page />
  </IntegrationsLayout>
);

const TokensSection = inIntegrations(TokensPage);
const TokenSection = inIntegrations(TokenPage);
const WebhooksSection = inIntegrations(WebhooksPage);
const WebhookSection = inIntegrations(WebhookPage);
const DeliverySection = inIntegrations(DeliveryPage);
const IncomingWebhooksSection = inIntegrations(IncomingWebhooksPage);
const IncomingWebhookSection = inIntegrations(IncomingWebhookPage);
const UsageSection = inIntegrations(UsagePage);

function SignedInPages() {
  return (
    <Shell onSignOut={() => void signOut()}>
      <Router>
        <Route path={`${BASE}/`} component={() => <Redirect to={paths.files} />} />
        <Route path={paths.files} component={FilesPage} />
        <Route path={`${BASE}/files/folders/:folderId`} component={FilesPage} />
        <Route path={`${BASE}/files/:fileId`} component={FilePage} />
        <Route path={paths.sharing} component={SharingPage} />
        <Route path={paths.security} component={SecurityPage} />
        <Route path={paths.integrations} component={() => <Redirect to={paths.tokens} />} />
        <Route path={paths.tokens} component={TokensSection} />
        <Route path={`${paths.tokens}/:tokenId`} component={TokenSection} />
        <Route path={paths.webhooks} component={WebhooksSection} />
        <Route path={`${paths.webhooks}/:webhookId`} component={WebhookSection} />
        <Route path={`${paths.webhooks}/:webhookId/deliveries/:deliveryId`} component={DeliverySection} />
        <Route path={paths.incomingWebhooks} component={IncomingWebhooksSection} />
        <Route path={`${paths.incomingWebhooks}/:hookId`} component={IncomingWebhookSection} />
        <Route path={paths.usage} component={UsageSection} />
        <Route default component={NotFoundPage} />
      </Router>
    </Shell>
  );
}

/** Signed out, only the sign-in and register pages open; any other address asks to sign in and comes back after. */
function Pages() {
  const session = useSession();
  const { path, url, query } = useLocation();
  useRouteAnnouncement();
  if (isOpenToAll(path)) {
    return (
      <Router>
        <Route path={paths.publicLink(':token')} component={PublicLinkPage} />
        <Route default component={NotFoundPage} />
      </Router>
    );
  }
  const isPublic = PUBLIC_PATHS.includes(path);
  if (session === null && !isPublic) return <Redirect to={`${paths.signIn}?next=${encodeURIComponent(url)}`} />;
  // Only a page of the console is a place to come back to (never another site).
  if (session !== null && isPublic) return <Redirect to={query.next?.startsWith(`${BASE}/`) ? query.next : paths.files} />;
  if (session === null) {
    return (
      <main id="main" class="auth-main" tabIndex={-1}>
        <Router>
          <Route path={paths.signIn} component={SignInPage} />
          <Route path={paths.register} component={RegisterPage} />
        </Router>
      </main>
    );
  }
  return <SignedInPages />;
}

export function App() {
  return (
    <LocationProvider>
      <Pages />
    </LocationProvider>
  );
}
