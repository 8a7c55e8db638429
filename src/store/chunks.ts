/** Splits a list into slices of at most `size`: statements stay under the backends' parameter limits. */
export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
