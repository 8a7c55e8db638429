/**
 * Settings → Topics: the fields of a topic (name, role, query checked as it is typed) shared
 * by the add and the edit forms, and the edit form (PATCH /topics/:id), which re-matches a
 * new query over stored mentions.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiTopic } from '../api/types.ts';
import { FormButtons, FormError, useWrites } from '../components/FormError.tsx';
import { QueryError, useQueryCheck, type QueryProblem } from '../components/QueryError.tsx';
import { formatNumber } from '../i18n/format.ts';

export interface TopicDraft {
  name: string;
  query: string;
  role: string;
}

/** A topic's name, role and query, the query checked as it is typed: the add and the edit forms. */
export function TopicFields({ draft, setDraft, problem, errorId }: { draft: TopicDraft; setDraft: (d: TopicDraft) => void; problem: QueryProblem | null; errorId: string }) {
  const { t } = useTranslation();
  return (
    <>
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
          placeholder={t('mentions.queryPlaceholder')}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
        />
      </label>
      {problem && <QueryError id={errorId} query={problem.query} message={problem.message} position={problem.position} />}
    </>
  );
}

export function TopicEditForm({ ws, topic, onDone, onCancel }: { ws: string; topic: ApiTopic; onDone: (message: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<TopicDraft>({ name: topic.name, query: topic.query, role: topic.role });
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
      <TopicFields draft={draft} setDraft={setDraft} problem={problem} errorId="topic-edit-query-error" />
      <FormButtons submit={t('settings.saveTopic')} disabled={problem !== null} onCancel={onCancel} cancel={t('planEdit.cancel')} />
      <FormError error={error} />
    </form>
  );
}
