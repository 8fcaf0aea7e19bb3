/** Placeholder until this page is built. */
export function SecurityPage() {
  return (
    <section>
      <h1>Security</h1>
    </section>
  );
}
