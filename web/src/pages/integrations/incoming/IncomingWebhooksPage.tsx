/** Placeholder until this page is built. */
export function IncomingWebhooksPage() {
  return (
    <section>
      <h1>Incoming webhooks</h1>
    </section>
  );
}
