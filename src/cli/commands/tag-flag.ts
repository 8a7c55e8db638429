/** `--tag`, the tag filter of `murmur search`, `murmur mentions export` and `murmur inbox`, parsed by its one contract. */
import { TagFilter, TAG_RULE } from '../../core/tag-filter.ts';
import { UsageError } from '../context.ts';

export const TAG_FLAG_HELP = 'only mentions with this tag (by hand or by a rule)';

export function parseTagFlag(value: string | undefined): string | undefined {
  const result = TagFilter.safeParse(value);
  if (!result.success) throw new UsageError(`--tag: ${TAG_RULE}, got "${value}"`);
  return result.data;
}
