import { useEffect, useRef, useState } from 'preact/hooks';

/** Copies a value to the clipboard and says so (announced to screen readers too). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
    clearTimeout(timer.current ?? undefined);
    timer.current = setTimeout(() => setOutcome('idle'), 2000);
  };
  return (
    <span class="copy">
      <button type="button" class="button button-small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" aria-live="polite" class="copy-status">
        {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Copy failed: select the text and copy it' : ''}
      </span>
    </span>
  );
}
