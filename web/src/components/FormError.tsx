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
