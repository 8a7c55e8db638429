import { MurmurError } from '../errors.ts';

/** A problem with the import as a whole (missing file, bad mapping): it stops before any row is read. */
export class ImportError extends MurmurError {
  override name = 'ImportError';
  constructor(message: string) {
    super('invalid_import', 400, message);
  }
}
