/**
 * The workspaces `npm run bench:nlp-adapt` plays, and the rule it re-checks the "not sure"
 * threshold with. Pure and seeded, so every run draws the same workspaces.
 */
import { sameTextKey } from '../src/nlp/same-text.ts';

/** mulberry32: a seeded shuffle. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The first of each group of posts with the same text (`sameTextKey`), in order. */
export function distinctTexts<T extends { text: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = sameTextKey(row.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A workspace drawn with `seed`: each text once (`distinctTexts`: the val sets repeat some,
 * e.g. ~100 Bulgarian reviews, which would otherwise be held back and corrected at once),
 * `heldBack` of them (rounded) held back for scoring, the rest (`pool`) the posts a person
 * corrects, in this order, and the anchors.
 */
export function splitWorkspace<T extends { text: string }>(rows: readonly T[], seed: number, heldBack: number): { held: T[]; pool: T[] } {
  const order = shuffled(distinctTexts(rows), seed);
  const held = order.slice(0, Math.round(order.length * heldBack));
  return { held, pool: order.slice(held.length) };
}

/**
 * The "not sure" rule (docs/figures.md#not-sure-sentiment): the largest candidate threshold
 * under which the model is right less often than wrong. `posts`: each post's top probability
 * and whether its label was right. Null when no candidate qualifies.
 */
export function notSureThreshold(posts: readonly { top: number; right: boolean }[], candidates: readonly number[]): number | null {
  let chosen: number | null = null;
  for (const t of candidates) {
    const under = posts.filter((p) => p.top < t);
    const right = under.filter((p) => p.right).length;
    if (under.length > 0 && right < under.length - right && (chosen === null || t > chosen)) chosen = t;
  }
  return chosen;
}
