/**
 * A settings card's list: a wide table with one header per column and, for editors, a
 * last column of row actions (named for screen readers only).
 */
import type { ReactNode } from 'react';

export interface Header {
  label: string;
  numeric?: boolean;
}

export function WideTable({ headers, actionsLabel, children }: { headers: Header[]; actionsLabel?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="wide">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h.label} scope="col" className={h.numeric ? 'num' : undefined}>
                {h.label}
              </th>
            ))}
            {actionsLabel && (
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
