/** Placeholder until this page is built. */
export function SharingPage() {
  return (
    <section>
      <h1>Shared</h1>
    </section>
  );
}
