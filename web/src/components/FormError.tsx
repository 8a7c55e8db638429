/**
 * What a settings card does with its writes: each clears the last error, runs, and on
 * failure shows why in the card (the API's message names the field and the problem).
 */
import { useState } from 'react';

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useWrites() {
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<void>) => {
    setError(null);
    try {
      await write();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return { error, run };
}

export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** useWrites, one write at a time: `busy` while it runs, so the form can say so and not send twice. */
export function useBusyWrites() {
  const { error, run } = useWrites();
  const [busy, setBusy] = useState(false);
  const runBusy = (write: () => Promise<void>) =>
    run(async () => {
      setBusy(true);
      try {
        await write();
      } finally {
        setBusy(false);
      }
    });
  return { error, busy, run: runBusy };
}

/** A form's submit button, and a Cancel next to it when the form can be closed. */
export function FormButtons({ submit, disabled, onCancel, cancel }: { submit: string; disabled?: boolean; onCancel?: () => void; cancel: string }) {
  return (
    <div className="form-row">
      <button type="submit" disabled={disabled}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" className="button-link" onClick={onCancel}>
          {cancel}
        </button>
      )}
    </div>
  );
}
