import type { DryRunAnswer } from './types';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The mapped values of a command: its folder's or file's fields, and how an update finds its file. */
function mappedValues(command: Record<string, unknown>): Array<[string, unknown]> {
  const entity = isRecord(command.folder) ? command.folder : isRecord(command.file) ? command.file : {};
  const match = isRecord(command.match)
    ? Object.entries(command.match).map(([key, value]): [string, unknown] => [`match ${key}`, value])
    : [];
  return [...Object.entries(entity), ...match];
}

/** Which mapping the payload went through, in words that stay true after a save. */
const MAPPING_USED = { edited: 'Mapped with your edits, before they were saved.', saved: 'Mapped with the saved mapping.' } as const;

/** What a dry run answered: the command the payload would become (and whether it creates or updates), or the errors. */
export function DryRunResult({ answer, mapping }: { answer: DryRunAnswer; mapping: keyof typeof MAPPING_USED }) {
  if (!answer.valid)
    return (
      <div class="banner banner-error" role="alert">
        <strong>This payload would not run</strong>
        <p>{MAPPING_USED[mapping]}</p>
        <ul>
          {answer.errors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              <code>{error.path}</code>: {error.message}
            </li>
          ))}
        </ul>
      </div>
    );
  const entry = answer.command.action === 'create_folder' ? 'folder' : 'file';
  const target = answer.plan.target_id === null ? `a new ${entry}` : `the ${entry} ${answer.plan.target_id}`;
  return (
    <div class="banner banner-success incoming-dry-result" role="status">
      <strong>
        Would {answer.plan.branch} {target}
      </strong>
      <p>{MAPPING_USED[mapping]}</p>
      <dl class="incoming-values">
        {mappedValues(answer.command).map(([field, value]) => (
          <div key={field}>
            <dt>{field}</dt>
            <dd>{value === null ? <span class="muted">none</span> : <code>{shown(value)}</code>}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>The whole command</summary>
        <pre class="incoming-pre">{JSON.stringify(answer.command, null, 2)}</pre>
      </details>
    </div>
  );
}
