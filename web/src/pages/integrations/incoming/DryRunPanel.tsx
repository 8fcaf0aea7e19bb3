import { useState } from 'preact/hooks';
import { api } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';
import { DryRunResult } from './DryRunResult';
import type { DryRunAnswer } from './types';
import { hookPath } from './types';

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

/** Tries the saved mapping on a sample payload (POST …/test): the command it would run, or why not; nothing runs or is logged. */
export function DryRunPanel({ hookId, unsaved }: { hookId: string; unsaved: boolean }) {
  const [text, setText] = useState('');
  const [invalidJson, setInvalidJson] = useState<string | null>(null);
  const [answer, setAnswer] = useState<DryRunAnswer | null>(null);
  const run = useAction(async () => {
    const parsed = parsePayload(text);
    setAnswer(null);
    setInvalidJson(parsed.ok ? null : parsed.message);
    if (!parsed.ok) return;
    setAnswer(await api<DryRunAnswer>('POST', `${hookPath(hookId)}/test`, { body: { payload: parsed.payload } }));
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
        <Field
          id="incoming-sample"
          label="Sample payload (JSON)"
          hint="What the sender would post. Nothing is created and nothing is logged."
        >
          <textarea
            id="incoming-sample"
            aria-describedby="incoming-sample-hint"
            spellcheck={false}
            placeholder={'{"contact": {"email": "ada@example.com"}}'}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </Field>
        {unsaved && <p class="incoming-note">The dry run uses the saved mapping: save your changes to try them.</p>}
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
      {answer !== null && <DryRunResult answer={answer} />}
    </section>
  );
}
