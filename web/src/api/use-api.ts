import { useCallback, useEffect, useRef, useState } from 'react';
import { NotAvailableError } from './client.ts';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'unavailable' }
  | { status: 'error'; error: Error };

/**
 * Runs `load` when `key` changes and keeps the latest answer only (a slow old request
 * never overwrites a newer one). An unknown route becomes `unavailable`, not an error.
 */
export function useApi<T>(load: () => Promise<T>, key: string): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ticket = ++latest.current;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => ticket === latest.current && setState({ status: 'ok', data }),
      (error: unknown) => {
        if (ticket !== latest.current) return;
        if (error instanceof NotAvailableError) setState({ status: 'unavailable' });
        else setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
