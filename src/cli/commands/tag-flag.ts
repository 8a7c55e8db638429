/** `--tag`, the tag filter of `murmur search`, `murmur mentions export` and `murmur inbox`, parsed by its one contract. */
import { UsageError } from '../context.ts';

export const TAG_FLAG_HELP = 'only mentions with this tag (by hand or by a rule)';

/**
 * The contract is a zod schema, loaded only when a tag is given: zod costs 65–90 ms of CPU to
 * load, which every `murmur topics …` and `murmur mentions …` start-up paid otherwise (npm run bench:startup).
 */
export async function parseTagFlag(value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const { TagFilter, TAG_RULE } = await import('../../core/tag-filter.ts');
  const result = TagFilter.safeParse(value);
  if (!result.success) throw new UsageError(`--tag: ${TAG_RULE}, got "${value}"`);
  return result.data;
}
