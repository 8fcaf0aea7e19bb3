/** Placeholder until this page is built. */
export function TokenPage() {
  return (
    <section>
      <h1>API token</h1>
    </section>
  );
}
