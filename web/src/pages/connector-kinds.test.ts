import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, initialValues, sourceInput } from './connector-kinds.ts';
import { NETWORKS } from '../../../src/listen/connectors/connector.ts';
import { connectors } from '../../../src/listen/connectors/registry.ts';

describe('connector form kinds', () => {
  it('covers every network, with fields the connector’s schemas know', () => {
    expect(Object.keys(CONNECTOR_KINDS).sort()).toEqual([...NETWORKS].sort());
    for (const [network, fields] of Object.entries(CONNECTOR_KINDS)) {
      const connector = connectors[network as keyof typeof connectors];
      const shapeOf = (schema: unknown) => Object.keys((schema as { shape: Record<string, unknown> }).shape);
      const configKeys = shapeOf(connector.configSchema);
      const secretKeys = shapeOf(connector.secretsSchema);
      expect(configKeys.length, network).toBeGreaterThan(0);
      for (const field of fields) expect(field.kind === 'secret' ? secretKeys : configKeys, `${network}.${field.key}`).toContain(field.key);
    }
  });

  it('sends lists by line, numbers as numbers, secrets apart, and leaves empty fields to the defaults', () => {
    const fields = CONNECTOR_KINDS.youtube!;
    const values = { ...initialValues(fields), queries: ' brewly \n\n"brewly coffee"\n', dailyQuota: '5000', apiKey: ' AIza-key ' };
    expect(sourceInput(fields, values)).toEqual({ config: { queries: ['brewly', '"brewly coffee"'], dailyQuota: 5000, comments: true }, secrets: { apiKey: 'AIza-key' } });
    expect(sourceInput(CONNECTOR_KINDS.lemmy!, { ...initialValues(CONNECTOR_KINDS.lemmy!), instance: 'lemmy.world', queries: 'brewly' })).toEqual({
      config: { instance: 'lemmy.world', queries: ['brewly'], listingType: 'All', comments: true },
      secrets: {},
    });
  });
});
