/**
 * The brand's own handles, read from the workspace's brand topics: every `@handle` and
 * `author:handle` in their queries (`(brewly OR @brewly) NOT author:brewly` → brewly).
 * No separate setting to keep in step: the topic already says who the brand is.
 */
import type { QueryNode } from '../listen/query/ast.ts';
import { parseQuery } from '../listen/query/parser.ts';
import type { Store } from '../store/store.ts';

export function handlesInQuery(node: QueryNode, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) handlesInQuery(child, into);
      break;
    case 'not':
      handlesInQuery(node.child, into);
      break;
    case 'near':
      handlesInQuery(node.left, into);
      handlesInQuery(node.right, into);
      break;
    case 'handle':
      into.add(node.handle.toLowerCase());
      break;
    case 'field':
      if (node.field === 'author') into.add(node.value.toLowerCase().replace(/^@/, ''));
      break;
    default:
      break;
  }
  return into;
}

export async function brandHandles(store: Store, workspaceId: number): Promise<string[]> {
  const topics = await store.db.selectFrom('topics').select('query').where('workspace_id', '=', workspaceId).where('role', '=', 'brand').execute();
  const handles = new Set<string>();
  for (const topic of topics) {
    try {
      handlesInQuery(parseQuery(topic.query), handles);
    } catch {
      // A stored topic was valid when saved; a grammar change since must not break the inbox.
    }
  }
  return [...handles].sort();
}
