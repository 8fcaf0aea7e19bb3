import { ScrollTable } from '../../../components/ScrollTable';

const COLUMNS = ['Header', 'Value'];

/**
 * HTTP headers under a visible title, one row each (names as the API gives them: lower-case). `label` names the
 * table for assistive technology where several such tables share a page ("Attempt 2 request headers").
 */
export function HeadersTable({ title, label, headers }: { title: string; label: string; headers: Readonly<Record<string, string>> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p class="muted">{title}: none.</p>;
  return (
    <figure class="webhooks-block">
      <figcaption>{title}</figcaption>
      <ScrollTable label={label} columns={COLUMNS} tableClass="webhooks-headers">
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" class="mono">
              {name}
            </th>
            <td class="mono">{value}</td>
          </tr>
        ))}
      </ScrollTable>
    </figure>
  );
}
