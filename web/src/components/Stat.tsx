import type { ReactNode } from 'react';

/** A headline figure with what it is compared to. `tone` colours the comparison. */
export function Stat({ label, value, compare, tone = 'neutral', testId }: { label: string; value: ReactNode; compare?: ReactNode; tone?: 'good' | 'bad' | 'neutral'; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {compare && <div className={`stat-compare tone-${tone}`}>{compare}</div>}
    </div>
  );
}
