/** A problem with the import as a whole (missing file, bad mapping): it stops before any row is read. */
export class ImportError extends Error {
  override name = 'ImportError';
}
