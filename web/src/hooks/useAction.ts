import { useState } from 'preact/hooks';

export interface Action<A extends unknown[]> {
  run(...args: A): Promise<void>;
  running: boolean;
  error: unknown;
  clearError(): void;
}

/** A button's or form's request: whether it is running, and its failure to show (the API's error envelope). */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<void>): Action<A> {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A) => {
    setRunning(true);
    setError(null);
    try {
      await perform(...args);
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  };
  return { run, running, error, clearError: () => setError(null) };
}
