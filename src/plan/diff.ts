/**
 * What changed between two plan versions, field by field: `kpis[mentions].targets` rather
 * than a text diff of two JSON documents. List items with an id or name are matched by it,
 * so inserting a task does not show every later task as changed.
 */
export interface PlanDifference {
  path: string;
  before: unknown;
  after: unknown;
}

const keyOf = (item: unknown): string | null => {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  for (const field of ['id', 'name', 'channel', 'quarter', 'month']) if (typeof record[field] === 'string') return record[field] as string;
  return null;
};

export function diffDocuments(before: unknown, after: unknown, path = ''): PlanDifference[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((item) => keyOf(item) !== null);
    if (!keyed) return [{ path, before, after }];
    const left = new Map(before.map((item) => [keyOf(item)!, item]));
    const right = new Map(after.map((item) => [keyOf(item)!, item]));
    const keys = [...new Set([...left.keys(), ...right.keys()])];
    return keys.flatMap((k) => diffDocuments(left.get(k), right.get(k), `${path}[${k}]`));
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffDocuments(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path, before, after }];
}
