import { describe, expect, it } from 'vitest';
import { sourceKinds } from '../../../src/listen/source-kinds.ts';
import { configFromFields } from './AddSource.tsx';
import { en } from '../i18n/locales/en.ts';

const kind = (network: string) => sourceKinds().find((k) => k.network === network)!;

describe('configFromFields', () => {
  it('turns the typed fields into the options the kind takes, leaving empty ones to their defaults', () => {
    expect(configFromFields(kind('threads'), { queries: 'brewly\n\n cold brew \n', dailyQueryBudget: '500', pageSize: '', searchMode: 'TAG' })).toEqual({ queries: ['brewly', 'cold brew'], dailyQueryBudget: 500, searchMode: 'TAG' });
    expect(configFromFields(kind('mastodon'), { instance: 'mastodon.social', tags: 'brewly', localOnly: true, query: '' })).toEqual({ instance: 'mastodon.social', tags: ['brewly'], localOnly: true });
    expect(configFromFields(kind('googlenews'), { query: 'brewly', hl: 'fr', unknown: 'x' })).toEqual({ query: 'brewly', hl: 'fr' });
  });
});

describe('the add-a-source form speaks the user’s words', () => {
  // Other languages have the same keys as English (i18n/locales.test.ts).
  const labels = en.connectorFields as Record<string, string>;
  const values = en.connectorValues as Record<string, Record<string, string>>;
  it('has a label for every option and secret of every kind, and for every choice of a select', () => {
    for (const k of sourceKinds()) {
      const properties = { ...(k.options.properties as Record<string, { enum?: string[] }>), ...(k.secrets.properties as Record<string, object>) };
      for (const [name, schema] of Object.entries(properties)) {
        expect(labels[name], `${k.network}: no label for "${name}"`).toBeTruthy();
        for (const choice of (schema as { enum?: string[] }).enum ?? []) expect(values[name]?.[choice], `${k.network}: no label for ${name} = ${choice}`).toBeTruthy();
      }
    }
  });
});
