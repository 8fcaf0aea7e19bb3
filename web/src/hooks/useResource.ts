import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer, and while a reload the user asked for runs. */
  loading: boolean;
  /** Loads again; `quiet` keeps what is shown until the answer arrives (a live update). */
  reload(quiet?: boolean): void;
}

/** Loads data for a page from the API, again whenever `deps` change; answers of superseded loads are dropped. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const quietly = useRef(false);
  const loader = useRef(load);
  loader.current = load;

  const dependencies = JSON.stringify(deps);
  const loadedFor = useRef(dependencies);
  useEffect(() => {
    const controller = new AbortController();
    if (!quietly.current) setLoading(true);
    // Other inputs (another folder, another id): what is shown belongs to the old ones, so it goes.
    if (loadedFor.current !== dependencies) {
      loadedFor.current = dependencies;
      setData(undefined);
      setError(null);
    }
    quietly.current = false;
    loader.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The caller names what the load depends on.
  }, [...deps, generation]);

  const reload = useCallback((quiet = false) => {
    quietly.current = quiet;
    setGeneration((value) => value + 1);
  }, []);
  return { data, error, loading, reload };
}
