/** Placeholder until this page is built. */
export function SignInPage() {
  return (
    <section>
      <h1>Sign in</h1>
    </section>
  );
}
