import { useTranslation } from 'react-i18next';
import type { Row } from '../api/types.ts';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { Empty } from './Async.tsx';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_KEY = /(At|_at|Date|date)$/;

export interface Column {
  key: string;
  label: string;
}

export function formatCell(locale: string, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return TIME_KEY.test(key) && value > 1e11 ? formatDateTime(locale, value) : formatNumber(locale, value, 2);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') return ISO_DATE.test(value) ? formatDateTime(locale, value) : value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? labelOf(v as Row) : String(v))).join(', ');
  return labelOf(value as Row);
}

function labelOf(row: Row): string {
  for (const key of ['name', 'title', 'label', 'email', 'handle']) if (typeof row[key] === 'string') return row[key];
  return JSON.stringify(row);
}

export function DataTable({ rows, columns: cols, caption }: { rows: Row[]; columns: Column[]; caption?: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <Empty />;
  // Roles are words of the product (owner, competitor…): shown in the UI language.
  const roleLabel = (value: unknown) => {
    if (typeof value !== 'string') return formatCell(i18n.language, 'role', value);
    for (const group of ['memberRoles', 'roles'] as const) {
      const key = `${group}.${value}`;
      if (i18n.exists(key)) return t(key as 'roles.brand');
    }
    return value;
  };
  return (
    <div className="table-wrap">
      <table>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={typeof row.id === 'string' || typeof row.id === 'number' ? row.id : i}>
              {cols.map((c) => (
                <td key={c.key}>{c.key === 'role' ? roleLabel(row[c.key]) : formatCell(i18n.language, c.key, row[c.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
