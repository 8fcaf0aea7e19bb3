/** Placeholder until this page is built. */
export function UsagePage() {
  return (
    <section>
      <h1>Usage</h1>
    </section>
  );
}
