/** Placeholder until this page is built. */
export function TokensPage() {
  return (
    <section>
      <h1>API tokens</h1>
    </section>
  );
}
