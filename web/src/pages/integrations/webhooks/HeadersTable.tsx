/** HTTP headers, one row each (names as the API gives them: lower-case). */
export function HeadersTable({ headers, caption }: { headers: Readonly<Record<string, string>>; caption: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p class="muted">{caption}: none.</p>;
  return (
    <div class="table-wrap">
      <table class="webhooks-headers">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name}>
              <th scope="row" class="mono">
                {name}
              </th>
              <td class="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
