import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { MentionTag } from '../api/inbox-types.ts';
import { useApi } from '../api/use-api.ts';
import { ErrorBox, Loading } from '../components/Async.tsx';
import { NotSureNote } from '../components/NotSureNote.tsx';
import { formatNumber } from '../i18n/format.ts';

/** A mention's tags; a hand tag can be taken off, a rule's tag says which rule put it. */
export function TagChips({ tags, editable, onRemove }: { tags: MentionTag[]; editable: boolean; onRemove: (tag: string) => void }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="tag-chips" aria-label={t('inbox.tags')}>
      {tags.map((tag) => (
        <li key={tag.tag} className="badge tag-chip" title={tag.ruleId === null ? t('inbox.tagByHand') : t('inbox.tagByRule', { id: tag.ruleId })}>
          #{tag.tag}
          {editable && tag.ruleId === null && (
            <button type="button" className="tag-remove" aria-label={t('inbox.removeTag', { tag: tag.tag })} onClick={() => onRemove(tag.tag)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Tag rules: a query in the topic language gives a tag; every change re-tags the stored mentions. */
export function TagRules({ ws, editable, onChanged }: { ws: string; editable: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState(0);
  const rules = useApi(() => endpoints.inbox.tagRules(ws), `${ws}|${version}`);
  const [tag, setTag] = useState('');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await endpoints.inbox.addTagRule(ws, { tag, query });
      setDone(t('inbox.ruleAdded', { tag: result!.rule.tag, count: result!.backfill.matched, formatted: formatNumber(i18n.language, result!.backfill.matched) }));
      setTag('');
      setQuery('');
      changed();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const remove = async (id: number) => {
    setError(null);
    try {
      await endpoints.inbox.removeTagRule(ws, id);
      changed();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return (
    <section aria-labelledby="tag-rules-title" className="tag-rules">
      <h2 id="tag-rules-title">{t('inbox.rulesTitle')}</h2>
      <p className="help">{t('inbox.rulesHelp')}</p>
      {rules.status === 'loading' && <Loading />}
      {rules.status === 'error' && <ErrorBox error={rules.error} />}
      {rules.status === 'ok' && (
        <ul className="tag-rule-list">
          {rules.data.items.map((rule) => (
            <li key={rule.id}>
              <strong>#{rule.tag}</strong> ← <code>{rule.query}</code>
              {editable && (
                <button type="button" className="button-secondary" onClick={() => void remove(rule.id)} aria-label={t('inbox.removeRule', { tag: rule.tag })}>
                  {t('inbox.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={(e) => void add(e)} className="tag-rule-form">
          <label>
            {t('inbox.ruleTag')}
            <input value={tag} onChange={(e) => setTag(e.target.value)} required maxLength={50} />
          </label>
          <label>
            {t('inbox.ruleQuery')}
            <input value={query} onChange={(e) => setQuery(e.target.value)} required placeholder="refund* OR rembours* OR возстанов*" />
          </label>
          <button type="submit">{t('inbox.addRule')}</button>
        </form>
      )}
      {done && (
        <p role="status" data-testid="rule-added">
          {done}
        </p>
      )}
      {error && <ErrorBox error={error} />}
    </section>
  );
}

const DAY = 86_400_000;

/** Volume and net sentiment per tag over a period of UTC days (as the API counts them); the last 30 by default. */
export function TagFiguresTable({ ws, version }: { ws: string; version: number }) {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [from, setFrom] = useState(() => new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10));
  const valid = from !== '' && to !== '' && from <= to;
  const figures = useApi(() => (valid ? endpoints.inbox.tagFigures(ws, { from, to }) : Promise.resolve({ items: [] })), `${ws}|${from}|${to}|${version}`);
  return (
    <section aria-labelledby="tag-figures-title" className="tag-figures">
      <h2 id="tag-figures-title">{t('inbox.figuresTitle')}</h2>
      <div className="tag-figures-period">
        <label>
          {t('mentions.from')}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('mentions.to')}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {figures.status === 'loading' && <Loading />}
      {figures.status === 'error' && <ErrorBox error={figures.error} />}
      {figures.status === 'ok' &&
        (figures.data.items.length === 0 ? (
          <p className="muted">{t('inbox.noFigures')}</p>
        ) : (
          <table data-testid="tag-figures">
            <thead>
              <tr>
                <th scope="col">{t('inbox.tag')}</th>
                <th scope="col">{t('inbox.mentions')}</th>
                <th scope="col">{t('inbox.netSentiment')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.items.map((f) => (
                <tr key={f.tag}>
                  <th scope="row">#{f.tag}</th>
                  <td>{formatNumber(i18n.language, f.mentions)}</td>
                  <td>
                    {f.netSentiment === null ? '–' : formatNumber(i18n.language, Math.round(f.netSentiment))}
                    {f.notSureShare !== null && <> <NotSureNote share={f.notSureShare} /></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
