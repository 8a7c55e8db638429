/** The workspace's topics, as Watch names them (by id or by name). */
import type { Topic, TopicRole } from '../../core/mention.ts';
import type { Store } from '../../store/store.ts';

function toTopic(row: { id: number; workspace_id: number; name: string; query: string; role: string; created_at: number; updated_at: number }): Topic {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    query: row.query,
    role: row.role as TopicRole,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

export async function listTopics(store: Store, workspaceId: number): Promise<Topic[]> {
  const rows = await store.db.selectFrom('topics').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(toTopic);
}
