import type { Writable } from 'node:stream';

export class ExportCancelledError extends Error {
  override name = 'ExportCancelledError';
}

/**
 * Waits until `out` takes more, or fails when it is closed first (a download the browser
 * gave up on): a writer waiting for 'drain' alone would wait forever, holding its rows.
 */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportCancelledError('the export was cancelled: its reader went away'));
  return new Promise<void>((resolve, reject) => {
    const drain = () => {
      out.off('close', close);
      resolve();
    };
    const close = () => {
      out.off('drain', drain);
      reject(new ExportCancelledError('the export was cancelled: its reader went away'));
    };
    out.once('drain', drain);
    out.once('close', close);
  });
}
