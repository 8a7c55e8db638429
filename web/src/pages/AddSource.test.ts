import { describe, expect, it } from 'vitest';
import { sourceKinds } from '../../../src/listen/source-kinds.ts';
import { configFromFields } from './AddSource.tsx';

const kind = (network: string) => sourceKinds().find((k) => k.network === network)!;

describe('configFromFields', () => {
  it('turns the typed fields into the options the kind takes, leaving empty ones to their defaults', () => {
    expect(configFromFields(kind('threads'), { queries: 'brewly\n\n cold brew \n', dailyQueryBudget: '500', pageSize: '', searchMode: 'TAG' })).toEqual({ queries: ['brewly', 'cold brew'], dailyQueryBudget: 500, searchMode: 'TAG' });
    expect(configFromFields(kind('mastodon'), { instance: 'mastodon.social', tags: 'brewly', localOnly: true, query: '' })).toEqual({ instance: 'mastodon.social', tags: ['brewly'], localOnly: true });
    expect(configFromFields(kind('googlenews'), { query: 'brewly', hl: 'fr', unknown: 'x' })).toEqual({ query: 'brewly', hl: 'fr' });
  });
});
