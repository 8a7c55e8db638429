import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './sse.ts';

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

describe('server-sent events', () => {
  it('splits events across arbitrary chunks, joins data lines and skips heartbeats', async () => {
    const events = [];
    for await (const e of readServerSentEvents(chunks(':thump\n\nevent: upd', 'ate\ndata: {"id":"1",', '"x":"é"}\n\n', 'event: delete\r\ndata: 42\r\n\r\ndata: a\ndata: b\n\n'))) events.push(e);
    expect(events).toEqual([
      { event: 'update', data: '{"id":"1","x":"é"}' },
      { event: 'delete', data: '42' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: ☕\n\n');
    async function* split() {
      yield bytes.subarray(0, 7);
      yield bytes.subarray(7);
    }
    const events = [];
    for await (const e of readServerSentEvents(split())) events.push(e);
    expect(events).toEqual([{ event: 'message', data: '☕' }]);
  });
});
