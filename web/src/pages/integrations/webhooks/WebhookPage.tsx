/** Placeholder until this page is built. */
export function WebhookPage() {
  return (
    <section>
      <h1>Webhook</h1>
    </section>
  );
}
