import type { ComponentChildren } from 'preact';

/**
 * A table that scrolls sideways inside its frame on a narrow screen: the frame is a named, focusable region
 * (keyboard users can scroll it), the table's caption repeats the name for screen readers, `columns` are the
 * header cells and the rows are the children.
 */
export function ScrollTable({
  label,
  columns,
  tableClass,
  children,
}: {
  label: string;
  columns: readonly string[];
  tableClass?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class={tableClass}>
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
