/**
 * Settings → Connectors → add one: pick the network, fill the fields it asks for
 * (connector-kinds.ts), and the server validates them with the connector's own schema —
 * the same check as `murmur sources add` and `POST /sources` — naming what is wrong.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { FormError, useWrites } from '../components/FormError.tsx';
import { CONNECTOR_KINDS, initialValues, sourceInput, type FieldValues, type KindField } from './connector-kinds.ts';

const NETWORKS = Object.keys(CONNECTOR_KINDS);

export function AddConnectorForm({ ws, onAdded }: { ws: string; onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const [network, setNetwork] = useState(NETWORKS[0]!);
  const fields = CONNECTOR_KINDS[network]!;
  const [values, setValues] = useState<FieldValues>(() => initialValues(fields));
  const [common, setCommon] = useState({ name: '', minutes: '' });
  const [added, setAdded] = useState<string | null>(null);
  const { error, run } = useWrites();

  const choose = (next: string) => {
    setNetwork(next);
    setValues(initialValues(CONNECTOR_KINDS[next]!));
    setAdded(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    await run(async () => {
      const { config, secrets } = sourceInput(fields, values);
      const minutes = common.minutes.trim() === '' ? null : Number(common.minutes);
      const source = await endpoints.addSource(ws, {
        network,
        ...(common.name.trim() ? { name: common.name.trim() } : {}),
        config,
        ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
        ...(minutes != null ? { intervalSeconds: Math.round(minutes * 60) } : {}),
      });
      setValues(initialValues(fields));
      setCommon({ name: '', minutes: '' });
      // A 201 always carries the source; the name the server chose is the one to show.
      const name = source?.name ?? common.name;
      setAdded(name);
      onAdded(name);
    });
  };

  return (
    <form className="stack-form" onSubmit={submit} aria-labelledby="add-connector-title">
      <h3 id="add-connector-title">{t('settings.addConnector')}</h3>
      <div className="form-row">
        <label>
          {t('fields.network')}
          <select value={network} onChange={(e) => choose(e.target.value)}>
            {NETWORKS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fields.name')}
          <input value={common.name} onChange={(e) => setCommon({ ...common, name: e.target.value })} maxLength={120} placeholder={t('settings.nameFromOptions')} />
        </label>
        <label>
          {t('settings.interval')}
          <input type="number" min={0.5} step={0.5} value={common.minutes} onChange={(e) => setCommon({ ...common, minutes: e.target.value })} placeholder={t('settings.intervalDefault')} />
        </label>
      </div>
      {fields.map((field) => (
        <Field key={`${network}:${field.key}`} field={field} value={values[field.key]!} onChange={(value) => setValues({ ...values, [field.key]: value })} />
      ))}
      <button type="submit">{t('settings.addConnector')}</button>
      {added && (
        <p className="form-ok" role="status">
          {t('settings.connectorAdded', { name: added })}
        </p>
      )}
      <FormError error={error} />
    </form>
  );
}

function Field({ field, value, onChange }: { field: KindField; value: string | boolean; onChange: (value: string | boolean) => void }) {
  const { t } = useTranslation();
  const label = t(`connectorFields.${field.key}`, { defaultValue: field.key });
  const text = typeof value === 'string' ? value : '';
  if (field.kind === 'checkbox') {
    return (
      <label className="checkbox">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    );
  }
  if (field.kind === 'choice') {
    return (
      <label>
        {label}
        <select value={text} onChange={(e) => onChange(e.target.value)}>
          {(field.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (field.kind === 'list') {
    return (
      <label>
        {label} <small>{t('settings.onePerLine')}</small>
        <textarea rows={3} spellCheck={false} value={text} required={field.required} placeholder={field.placeholder} onChange={(e) => onChange(e.target.value)} />
      </label>
    );
  }
  const type = field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : 'text';
  return (
    <label>
      {label}
      <input
        type={type}
        value={text}
        required={field.required}
        placeholder={field.placeholder}
        spellCheck={false}
        {...(field.kind === 'secret' ? { autoComplete: 'new-password' } : {})}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
