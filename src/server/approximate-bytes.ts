/**
 * What a value roughly weighs on the heap, for bounding caches by size. Conservative
 * (strings at two bytes a character, as V8 stores non-Latin-1 text) and cheap: the walk
 * stops as soon as the weight passes `cap`, so weighing a huge answer costs no more than
 * weighing one just over the bound.
 */
export function approximateBytes(value: unknown, cap = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0 && total <= cap) {
    const v = stack.pop();
    if (typeof v === 'string') total += 16 + 2 * v.length;
    else if (typeof v !== 'object' || v === null) total += 8;
    else if (seen.has(v)) continue;
    else {
      seen.add(v);
      if (v instanceof Date) total += 24;
      else if (Array.isArray(v)) {
        total += 16 + 8 * v.length;
        for (const item of v) stack.push(item);
      } else {
        total += 16;
        for (const [key, item] of Object.entries(v)) {
          total += 16 + 2 * key.length;
          stack.push(item);
        }
      }
    }
  }
  return total;
}
