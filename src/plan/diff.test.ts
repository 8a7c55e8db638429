import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diff.ts';

describe('plan version differences', () => {
  it('names each changed field, matching list items by id', () => {
    const before = { goal: { type: 'awareness' }, tasks: [{ id: 'a', status: 'todo' }, { id: 'b', status: 'todo' }], differentiator: '' };
    const after = { goal: { type: 'sales' }, tasks: [{ id: 'new', status: 'todo' }, { id: 'a', status: 'done' }, { id: 'b', status: 'todo' }], differentiator: '' };
    expect(diffDocuments(before, after)).toEqual([
      { path: 'goal.type', before: 'awareness', after: 'sales' },
      { path: 'tasks[a].status', before: 'todo', after: 'done' },
      { path: 'tasks[new]', before: undefined, after: { id: 'new', status: 'todo' } },
    ]);
    expect(diffDocuments(before, before)).toEqual([]);
  });

  it('compares lists of plain values as a whole', () => {
    expect(diffDocuments({ channels: ['a'] }, { channels: ['a', 'b'] })).toEqual([{ path: 'channels', before: ['a'], after: ['a', 'b'] }]);
  });
});
