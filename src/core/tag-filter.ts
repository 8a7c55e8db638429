/**
 * The tag filter ("only mentions with this tag, by hand or by a rule"), defined once as a
 * zod contract: the inbox and mention-search routes (and so the exports of a search) put it
 * in their query strings, the CLI's `--tag` flags parse with it, so a tag is spelled and
 * checked the same everywhere. The SQL condition is `withTag` in src/store/mention-tags.ts.
 */
import { z } from 'zod';

/** A tag as stored: letters, digits, `_` and `-`, starting with a letter or digit, at most 50. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,49}$/u;
export const TAG_RULE = 'use 1 to 50 letters, digits, _ or - (starting with a letter or digit)';

/** A tag as the user may type it: trimmed and lower-cased, then checked. */
export const TagName = z.string().trim().toLowerCase().regex(TAG_PATTERN, TAG_RULE);

export const TagFilter = TagName.optional().describe('Only mentions with this tag (by hand or by a rule; case-insensitive)');

