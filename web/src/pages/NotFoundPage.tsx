import { paths } from '../routes';

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing is at this address. <a href={paths.files}>Go to your files</a>.
      </p>
    </section>
  );
}
