/** Placeholder until this page is built. */
export function FilePage() {
  return (
    <section>
      <h1>File</h1>
    </section>
  );
}
