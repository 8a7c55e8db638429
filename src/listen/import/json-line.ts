/**
 * JSON.parse without losing digits of long integers. JSON.parse reads every number as a
 * double, so a Twitter-style id such as 1790000000000000505 comes out as ...000512 and
 * distinct ids collapse into one. Here every integer beyond Number.MAX_SAFE_INTEGER is
 * read as its exact text instead.
 *
 * Costlier than JSON.parse (a regex pass over the line), so `prepareRows` parses a line
 * this way only when the mapping met such a number in an id field (see `parseId`): lines
 * without long numeric ids, and Twitter exports whose `id_str` the mapping reads first,
 * are parsed once, by JSON.parse alone.
 */

/**
 * Strings (skipped whole, so digits inside them are never touched), or an integer token
 * of 16 digits or more: after `:`, `,` or `[`, up to the end of the value (a number with a
 * fraction or an exponent is left alone).
 */
const TOKENS = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<=[:,[]\s*)(-?\d{16,})(?=\s*(?:[,}\]]|$))/g;

const quoteUnsafe = (token: string, digits: string | undefined) =>
  digits === undefined || Number.isSafeInteger(Number(digits)) ? token : `"${digits}"`;

export function parseJsonLossless(raw: string): unknown {
  return JSON.parse(raw.replace(TOKENS, quoteUnsafe));
}
