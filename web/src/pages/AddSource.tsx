/**
 * Settings → Connectors → Add: a form built from GET /sources/kinds, the JSON Schema of
 * each kind's options and secrets. No field is written here for any one network: a new
 * connector appears with its own fields, and the server's validation (the connector's
 * zod schema) says what is wrong, naming the field.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { SourceKind } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Async } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';

interface FieldSchema {
  type?: string | string[];
  enum?: string[];
  items?: FieldSchema;
  anyOf?: FieldSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
}
type Control = 'checkbox' | 'number' | 'list' | 'select' | 'text';

/** The one input a property needs: nullable types count as their non-null part. */
function controlOf(schema: FieldSchema): { control: Control; field: FieldSchema } {
  const field = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  const types = Array.isArray(field.type) ? field.type.filter((t) => t !== 'null') : [field.type];
  if (field.enum) return { control: 'select', field };
  if (types.includes('boolean')) return { control: 'checkbox', field };
  if (types.includes('integer') || types.includes('number')) return { control: 'number', field };
  if (types.includes('array')) return { control: 'list', field };
  return { control: 'text', field };
}

/** Typed values → the config object; an empty field is left out, so the connector's default applies. */
export function configFromFields(kind: Pick<SourceKind, 'options'>, values: Record<string, string | boolean>): Record<string, unknown> {
  const properties = (kind.options.properties ?? {}) as Record<string, FieldSchema>;
  const config: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    const { control } = controlOf(schema);
    if (control === 'checkbox') config[name] = value === true;
    else if (control === 'number') config[name] = Number(value);
    else if (control === 'list') {
      const items = String(value).split('\n').map((v) => v.trim()).filter(Boolean);
      if (items.length > 0) config[name] = items;
    } else config[name] = String(value);
  }
  return config;
}

const requiredOf = (schema: Record<string, unknown>) => new Set((schema.required as string[] | undefined) ?? []);

export function AddSource({ ws, onAdded }: { ws: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const kinds = useApi(() => endpoints.sourceKinds(ws), `${ws}:source-kinds`);
  return <Async state={kinds}>{(data) => <AddSourceForm ws={ws} kinds={data.items} onAdded={onAdded} title={t('settings.addConnector')} />}</Async>;
}

function AddSourceForm({ ws, kinds, onAdded, title }: { ws: string; kinds: SourceKind[]; onAdded: () => void; title: string }) {
  const { t } = useTranslation();
  const [network, setNetwork] = useState(kinds[0]?.network ?? '');
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const { error, run } = useWrites();
  const kind = kinds.find((k) => k.network === network);
  if (!kind) return null;
  const properties = Object.entries((kind.options.properties ?? {}) as Record<string, FieldSchema>);
  const required = requiredOf(kind.options);
  const secretNames = Object.keys((kind.secrets.properties ?? {}) as Record<string, unknown>);
  const secretsRequired = requiredOf(kind.secrets);

  const choose = (next: string) => {
    setNetwork(next);
    setValues({});
    setSecrets({});
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const given = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== ''));
      await endpoints.addSource(ws, {
        network,
        ...(name.trim() ? { name: name.trim() } : {}),
        config: configFromFields(kind, values),
        ...(Object.keys(given).length > 0 ? { secrets: given } : {}),
        ...(minutes ? { intervalSeconds: Math.round(Number(minutes) * 60) } : {}),
      });
      setName('');
      setValues({});
      setSecrets({});
      onAdded();
    });
  };
  // A plain label where the locales have one (connectorFields), else the option's own name.
  const fieldLabel = (name: string) => t(`connectorFields.${name}` as 'connectorFields.url', { defaultValue: name });
  const valueLabel = (name: string, value: string) => t(`connectorValues.${name}.${value}` as 'connectorFields.url', { defaultValue: value });
  const field = (propertyName: string, schema: FieldSchema) => {
    const { control, field: inner } = controlOf(schema);
    const value = values[propertyName];
    const set = (next: string | boolean) => setValues({ ...values, [propertyName]: next });
    const hint = inner.default !== undefined && inner.default !== null && control !== 'checkbox' ? String(inner.default) : undefined;
    const label = control === 'list' ? t('settings.optionList', { name: fieldLabel(propertyName) }) : fieldLabel(propertyName);
    if (control === 'checkbox') {
      return (
        <label key={propertyName} className="checkbox">
          <input type="checkbox" checked={value === true || (value === undefined && inner.default === true)} onChange={(e) => set(e.target.checked)} />
          {fieldLabel(propertyName)}
        </label>
      );
    }
    return (
      <label key={propertyName}>
        {label}
        {control === 'select' ? (
          <select value={String(value ?? inner.default ?? '')} onChange={(e) => set(e.target.value)}>
            {inner.enum!.map((option) => (
              <option key={option} value={option}>
                {valueLabel(propertyName, option)}
              </option>
            ))}
          </select>
        ) : control === 'list' ? (
          <textarea rows={2} value={String(value ?? '')} onChange={(e) => set(e.target.value)} required={required.has(propertyName)} />
        ) : (
          <input
            type={control === 'number' ? 'number' : 'text'}
            min={inner.minimum}
            max={inner.maximum}
            step={control === 'number' ? 'any' : undefined}
            placeholder={hint}
            value={String(value ?? '')}
            onChange={(e) => set(e.target.value)}
            required={required.has(propertyName)}
          />
        )}
      </label>
    );
  };

  return (
    <form className="stack-form" onSubmit={submit} aria-labelledby="add-connector-title">
      <h3 id="add-connector-title">{title}</h3>
      <div className="form-row">
        <label>
          {t('fields.network')}
          <select value={network} onChange={(e) => choose(e.target.value)}>
            {kinds.map((k) => (
              <option key={k.network} value={k.network}>
                {k.network}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fields.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </label>
        <label>
          {t('settings.interval')}
          <input type="number" min={0.5} step={0.5} placeholder={String(kind.defaultIntervalMs / 60_000)} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
      </div>
      {properties.filter(([n]) => required.has(n)).map(([n, schema]) => field(n, schema))}
      {secretNames.map((secret) => (
        <label key={secret}>
          {fieldLabel(secret)}
          <input type="password" autoComplete="new-password" value={secrets[secret] ?? ''} onChange={(e) => setSecrets({ ...secrets, [secret]: e.target.value })} required={secretsRequired.has(secret)} />
        </label>
      ))}
      <details>
        <summary>{t('settings.moreOptions')}</summary>
        {properties.filter(([n]) => !required.has(n)).map(([n, schema]) => field(n, schema))}
      </details>
      <div className="form-row">
        <button type="submit">{t('settings.addConnector')}</button>
      </div>
      <FormError error={error} />
    </form>
  );
}
