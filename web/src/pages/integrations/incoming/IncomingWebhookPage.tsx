/** Placeholder until this page is built. */
export function IncomingWebhookPage() {
  return (
    <section>
      <h1>Incoming webhook</h1>
    </section>
  );
}
