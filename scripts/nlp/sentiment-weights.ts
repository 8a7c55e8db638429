/**
 * How much each training row of the sentiment model weighs: class balance inside its set (raised to a
 * power, per set if asked), its set's size against the mean set (raised to `setBalance`), its extra
 * group's weight and an optional per-set multiplier.
 */
import type { ExtraGroup, SentimentRow } from './sentiment-data.ts';

export interface WeightSettings {
  /** 0: every row weighs the same; 1: every set weighs the same in total. */
  setBalance: number;
  /** Class balance inside a set, raised to this power (1: every class weighs the same; 0: every row does). */
  classBalance: number;
  /** Per-set overrides of `classBalance` (e.g. tempered only where a set's class priors are extreme). */
  setClassBalance: Record<string, number>;
  /** Per-set multipliers of a row's weight (absent: 1). */
  setWeight: Record<string, number>;
  /** Weight of each group of ../shared/data/sentiment-extra (absent or 0: not trained on). */
  extra: Partial<Record<ExtraGroup, number>>;
}

export function rowWeights(rows: readonly SentimentRow[], settings: WeightSettings): number[] {
  const bySet = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const counts = bySet.get(row.set) ?? new Map<string, number>();
    counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
    bySet.set(row.set, counts);
  }
  const setSize = (set: string) => [...bySet.get(set)!.values()].reduce((a, b) => a + b, 0);
  const meanSet = rows.length / bySet.size;
  return rows.map((row) => {
    const counts = bySet.get(row.set)!;
    const classBalance = setSize(row.set) / (counts.size * counts.get(row.label)!);
    const groupWeight = row.group ? (settings.extra[row.group] ?? 0) : 1;
    return (
      classBalance ** (settings.setClassBalance[row.set] ?? settings.classBalance) *
      (meanSet / setSize(row.set)) ** settings.setBalance *
      groupWeight *
      (settings.setWeight[row.set] ?? 1)
    );
  });
}
