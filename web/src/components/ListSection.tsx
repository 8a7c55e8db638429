import { endpoints } from '../api/endpoints.ts';
import type { Row } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async } from './Async.tsx';
import { DataTable, type Column } from './DataTable.tsx';

/** The rows of a list answer: `{ <listKey>: [...] }`, or the first array it holds. */
export function rowsOf(body: Record<string, unknown>, listKey: string): Row[] {
  const named = body[listKey];
  if (Array.isArray(named)) return named as Row[];
  const first = Object.values(body).find(Array.isArray);
  return (first as Row[] | undefined) ?? [];
}

/** A card that lists one API collection as a table, or says the server lacks it. */
export function ListSection({ title, path, listKey, columns }: { title: string; path: string; listKey: string; columns: Column[] }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.list(ws, path), `${ws}:${path}`);
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <Async state={state}>{(body) => <DataTable rows={rowsOf(body, listKey)} columns={columns} caption={title} />}</Async>
    </section>
  );
}
