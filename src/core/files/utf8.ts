/**
 * Rows that are not valid UTF-8. Decoding them as UTF-8 anyway would store U+FFFD in
 * place of each bad byte (a Latin-1 "café" as "caf\uFFFD"): silent damage. The readers
 * check each chunk at once (`isUtf8`, native) and look row by row only in a chunk that
 * fails, so valid files pay next to nothing.
 */
import { isUtf8 } from 'node:buffer';

export { isUtf8 };

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF are invalid too.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += length;
  }
  return -1;
}

/** The reject reason of a row that is not valid UTF-8. */
export function invalidUtf8Problem(bytes: Uint8Array, what: 'line' | 'record'): string {
  const at = firstInvalidUtf8(bytes);
  const where = at < 0 ? '' : `: byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at byte ${at + 1} of the ${what}`;
  return `not valid UTF-8${where}; if the file is in Windows-1252 or Latin-1 (e.g. saved by Excel), import it with --encoding cp1252 or --encoding latin1`;
}
