import { describe, expect, it } from 'vitest';
import { defaultTopic, topicOfUrl } from './scope.tsx';

describe('defaultTopic', () => {
  it('picks the brand topic first, then whatever exists', () => {
    const topic = (id: number, role: 'brand' | 'competitor') => ({ id, name: `t${id}`, query: 'x', role });
    expect(defaultTopic([topic(1, 'competitor'), topic(2, 'brand')])?.id).toBe(2);
    expect(defaultTopic([topic(3, 'competitor')])?.id).toBe(3);
    expect(defaultTopic([])).toBeNull();
  });

  it('picks the brand topic the CLI and the API pick: the first by id, whatever order the list comes in', () => {
    // GET /topics lists by name; the default is the oldest brand topic, as src/core/topic-ref.ts says.
    const topic = (id: number, name: string) => ({ id, name, query: 'x', role: 'brand' as const });
    expect(defaultTopic([topic(7, 'Acme'), topic(3, 'Zeta')])?.id).toBe(3);
  });
});

describe('topicOfUrl', () => {
  const topics = [
    { id: 4, name: 'Acme', query: 'x', role: 'brand' as const },
    { id: 9, name: 'Globex', query: 'y', role: 'competitor' as const },
  ];
  it('reads an id or a name, as the CLI --topic and the API ?topic= do', () => {
    expect(topicOfUrl(new URLSearchParams('topic=9'), topics)?.name).toBe('Globex');
    expect(topicOfUrl(new URLSearchParams('topic=globex'), topics)?.id).toBe(9);
    expect(topicOfUrl(new URLSearchParams(''), topics)?.id).toBe(4);
  });
  it('refuses an unknown topic with the API\'s message instead of showing another one', () => {
    expect(() => topicOfUrl(new URLSearchParams('topic=Nope'), topics)).toThrow('no topic named "Nope" (this workspace has: Acme, Globex)');
  });
});
