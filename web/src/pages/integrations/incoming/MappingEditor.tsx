import { ScrollTable } from '../../../components/ScrollTable';
import type { MappingRow, SourceKind } from './mapping';
import { newRow, SOURCE_LABELS, TRANSFORM_NAMES } from './mapping';

/** Examples, worded as such (and set in italics) so an empty box does not look filled in. */
const PLACEHOLDERS: Record<SourceKind, string> = {
  path: 'e.g. contact.email',
  template: 'e.g. {{contact.name}}.txt',
  value: 'e.g. text or JSON',
};

/**
 * The field mapping as an editable table: which target field each row fills, from what in the sender's
 * payload (a path, a template, or a fixed value), with optional transforms and a default.
 */
export function MappingEditor({
  rows,
  fields,
  onChange,
}: {
  rows: readonly MappingRow[];
  /** The target fields the action allows. */
  fields: readonly string[];
  onChange: (rows: MappingRow[]) => void;
}) {
  const update = (key: number, change: Partial<MappingRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const remove = (key: number) => onChange(rows.filter((row) => row.key !== key));
  const unused = fields.filter((field) => !rows.some((row) => row.field === field));
  return (
    <div class="incoming-mapping">
      <ScrollTable label="Mapped fields" columns={['Target field', 'Source', 'Path, template or value', 'Transforms', 'Default', 'Remove']}>
        {rows.map((row, index) => {
          const named = `row ${index + 1}`;
          const choices = fields.filter((field) => field === row.field || unused.includes(field));
          return (
            <tr key={row.key}>
              <td>
                <select
                  aria-label={`Target field, ${named}`}
                  value={row.field}
                  onChange={(event) => update(row.key, { field: event.currentTarget.value })}
                >
                  <option value="">Choose…</option>
                  {choices.map((field) => (
                    <option key={field} value={field}>
                      {field}
                    </option>
                  ))}
                  {row.field !== '' && !fields.includes(row.field) && <option value={row.field}>{row.field} (not for this action)</option>}
                </select>
              </td>
              <td>
                <select
                  class="incoming-source"
                  aria-label={`Source, ${named}`}
                  value={row.kind}
                  onChange={(event) => update(row.key, { kind: event.currentTarget.value as SourceKind })}
                >
                  {(Object.keys(SOURCE_LABELS) as SourceKind[]).map((kind) => (
                    <option key={kind} value={kind}>
                      {SOURCE_LABELS[kind]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  class="incoming-expression"
                  aria-label={`Path, template or value, ${named}`}
                  placeholder={PLACEHOLDERS[row.kind]}
                  value={row.expression}
                  onInput={(event) => update(row.key, { expression: event.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Transforms, ${named}`}
                  list="incoming-transforms"
                  placeholder="e.g. trim, lower"
                  value={row.transforms}
                  onInput={(event) => update(row.key, { transforms: event.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Default, ${named}`}
                  value={row.fallback}
                  onInput={(event) => update(row.key, { fallback: event.currentTarget.value })}
                />
              </td>
              <td>
                <button type="button" class="button button-small button-secondary" onClick={() => remove(row.key)}>
                  Remove<span class="visually-hidden"> {row.field === '' ? named : row.field}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </ScrollTable>
      <datalist id="incoming-transforms">
        {TRANSFORM_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <p class="hint">
        A path reads the payload (<code>contact.email</code>, <code>items[0].name</code>); a template mixes text and paths (
        <code>{'{{contact.name}}.txt'}</code>); a fixed value is text, or JSON such as <code>["web", "form"]</code>. Transforms, in order:{' '}
        {TRANSFORM_NAMES.join(', ')}.
      </p>
      <button
        type="button"
        class="button button-small button-secondary"
        onClick={() => onChange([...rows, newRow(unused[0] ?? '')])}
        disabled={unused.length === 0}
      >
        Add field
      </button>
    </div>
  );
}
