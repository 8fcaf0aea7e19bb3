/** Placeholder until this page is built. */
export function RegisterPage() {
  return (
    <section>
      <h1>Create an account</h1>
    </section>
  );
}
