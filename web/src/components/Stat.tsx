import type { ReactNode } from 'react';

/** A headline figure with what it is compared to. `tone` colours the comparison; `note` says how far to trust it. */
export function Stat({ label, value, compare, tone = 'neutral', testId, note }: { label: string; value: ReactNode; compare?: ReactNode; tone?: 'good' | 'bad' | 'neutral'; testId?: string; note?: ReactNode }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {compare && <div className={`stat-compare tone-${tone}`}>{compare}</div>}
      {note && <div className="stat-note muted small">{note}</div>}
    </div>
  );
}
