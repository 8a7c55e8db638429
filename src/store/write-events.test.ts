import { describe, expect, it } from 'vitest';
import { WriteEvents, type MentionsWritten } from './write-events.ts';

describe('WriteEvents.hold', () => {
  it('announces the batches of a hold once, at its end: every mention id in order, each workspace and topic once', async () => {
    const events = new WriteEvents();
    const heard: MentionsWritten[] = [];
    events.subscribe((event) => void heard.push(event));
    await events.hold(async () => {
      events.emit({ workspaceIds: [1], mentionIds: [10, 11], topicIds: [7] });
      await events.hold(async () => events.emit({ workspaceIds: [1, 2], mentionIds: [12], topicIds: [] }));
      events.emit({ workspaceIds: [2], mentionIds: [13, 14], topicIds: [7, 8] });
      await events.settled();
      expect(heard).toEqual([]);
    });
    await events.settled();
    expect(heard).toEqual([{ workspaceIds: [1, 2], mentionIds: [10, 11, 12, 13, 14], topicIds: [7, 8] }]);
  });

  it('announces what was written before a failure inside the hold', async () => {
    const events = new WriteEvents();
    const heard: MentionsWritten[] = [];
    events.subscribe((event) => void heard.push(event));
    await expect(
      events.hold(async () => {
        events.emit({ workspaceIds: [3], mentionIds: [30], topicIds: [] });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    await events.settled();
    expect(heard).toEqual([{ workspaceIds: [3], mentionIds: [30], topicIds: [] }]);
    events.emit({ workspaceIds: [3], mentionIds: [31], topicIds: [] });
    await events.settled();
    expect(heard.at(-1)).toEqual({ workspaceIds: [3], mentionIds: [31], topicIds: [] });
  });
});
