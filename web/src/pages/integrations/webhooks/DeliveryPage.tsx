/** Placeholder until this page is built. */
export function DeliveryPage() {
  return (
    <section>
      <h1>Delivery</h1>
    </section>
  );
}
