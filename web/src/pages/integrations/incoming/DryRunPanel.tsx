import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field, fieldAria } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';
import { DryRunResult } from './DryRunResult';
import type { DryRunAnswer } from './types';
import { hookPath } from './types';

const SAMPLE_HINT = 'What the sender would post. Nothing is created and nothing is logged.';

type Parsed = { ok: true; payload: Record<string, unknown> } | { ok: false; message: string };

function parsePayload(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The sample payload is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'The sample payload must be a JSON object.' };
  return { ok: true, payload: value as Record<string, unknown> };
}

/** What a dry run answered, and whether it mapped with the edited mapping (unsaved) or the saved one. */
interface Tried {
  answer: DryRunAnswer;
  edited: boolean;
}

/**
 * Tries the mapping being edited on a sample payload (POST …/test with the unsaved `field_mapping` beside the
 * payload; the saved one when nothing changed): the command it would run, or why not. Nothing is saved, run or logged.
 */
export function DryRunPanel({ hookId, editedMapping }: { hookId: string; editedMapping: Record<string, unknown> | null }) {
  const [text, setText] = useState('');
  const [invalidJson, setInvalidJson] = useState<string | null>(null);
  const [tried, setTried] = useState<Tried | null>(null);
  const run = useAction(async () => {
    const parsed = parsePayload(text);
    setTried(null);
    setInvalidJson(parsed.ok ? null : parsed.message);
    if (!parsed.ok) return;
    const body = editedMapping === null ? { payload: parsed.payload } : { payload: parsed.payload, field_mapping: editedMapping };
    const answer = await api<DryRunAnswer>('POST', `${hookPath(hookId)}/test`, { body });
    setTried({ answer, edited: editedMapping !== null });
  });
  return (
    <section class="incoming-dry-run" aria-labelledby="incoming-dry-run-title">
      <h3 id="incoming-dry-run-title">Dry run</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run.run();
        }}
      >
        <Field id="incoming-sample" label="Sample payload (JSON)" hint={SAMPLE_HINT}>
          <textarea
            id="incoming-sample"
            {...fieldAria('incoming-sample', { hint: SAMPLE_HINT })}
            spellcheck={false}
            placeholder={'{"contact": {"email": "ada@example.com"}}'}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </Field>
        <p class="incoming-note">
          {editedMapping === null
            ? 'Runs with the saved mapping.'
            : 'Runs with the mapping as you edited it, before it is saved: save it when the result is right.'}
        </p>
        <button type="submit" class="button" disabled={run.running || text.trim() === ''}>
          {run.running ? 'Running…' : 'Run dry run'}
        </button>
      </form>
      {invalidJson !== null && (
        <p class="banner banner-error" role="alert">
          {invalidJson}
        </p>
      )}
      <ErrorBanner error={run.error} title="The dry run did not run" />
      {tried !== null && <DryRunResult answer={tried.answer} mapping={tried.edited ? 'edited' : 'saved'} />}
    </section>
  );
}
