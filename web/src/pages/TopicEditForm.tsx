/**
 * Settings → Topics: change a topic's name, role or query (PATCH /topics/:id). A new query
 * is checked as it is typed, as when a topic is added, and re-matched over stored mentions.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiTopic } from '../api/types.ts';
import { FormError, useWrites } from '../components/FormError.tsx';
import { QueryError, useQueryCheck } from '../components/QueryError.tsx';
import { formatNumber } from '../i18n/format.ts';

export function TopicEditForm({ ws, topic, onDone, onCancel }: { ws: string; topic: ApiTopic; onDone: (message: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ name: topic.name, query: topic.query, role: topic.role as string });
  const problem = useQueryCheck(ws, draft.query);
  const { error, run } = useWrites();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await endpoints.updateTopic(ws, topic.id, { name: draft.name.trim(), query: draft.query, role: draft.role });
      onDone(t('settings.topicUpdated', { name: answer?.topic.name ?? draft.name, matched: formatNumber(i18n.language, answer?.backfill?.matched ?? 0) }));
    });
  };
  return (
    <form className="stack-form" aria-label={t('settings.editTopic', { name: topic.name })} onSubmit={save}>
      <h3>{t('settings.editTopic', { name: topic.name })}</h3>
      <div className="form-row">
        <label>
          {t('fields.name')}
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={100} />
        </label>
        <label>
          {t('fields.role')}
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
            {(['brand', 'competitor', 'other'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('settings.query')}
        <input
          className="query-input"
          value={draft.query}
          onChange={(e) => setDraft({ ...draft, query: e.target.value })}
          required
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'topic-edit-query-error' : undefined}
        />
      </label>
      {problem && <QueryError id="topic-edit-query-error" query={problem.query} message={problem.message} position={problem.position} />}
      <div className="form-row">
        <button type="submit" disabled={problem !== null}>
          {t('settings.saveTopic')}
        </button>
        <button type="button" className="button-link" onClick={onCancel}>
          {t('planEdit.cancel')}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
