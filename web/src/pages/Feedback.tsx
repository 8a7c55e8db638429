/**
 * The audience's feedback page, opened from an experiment's public link without an
 * account: the tactic's public title and its questions (scale, choice, text), sent to
 * the public route. Only labels and options are shown, never question keys or ids.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackQuestion } from '../../../src/experiment/experiment-schema.ts';
import { feedbackEndpoints, type FeedbackAnswers } from '../api/feedback-endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { LanguagePicker } from '../app/Layout.tsx';
import { feedbackProblem, type FeedbackProblem } from './feedback-problem.ts';
import './calendar.css';
import './feedback.css';

export { FEEDBACK_PAGE_PREFIX } from '../../../src/experiment/feedback-link.ts';

export function FeedbackPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const form = useApi(() => feedbackEndpoints.form(token), `feedback:${token}`);
  // A malformed token is refused as a bad parameter: to the audience it is the same dead link.
  const loadProblem = form.status === 'error' ? (feedbackProblem(form.error) === 'invalid' ? 'notFound' : feedbackProblem(form.error)) : form.status === 'unavailable' ? 'notFound' : null;
  return (
    <main className="review-page" id="main">
      <header className="form-row">
        <h1>{form.status === 'ok' ? form.data.title : t('feedbackPage.title')}</h1>
        <LanguagePicker />
      </header>
      {form.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {loadProblem && <Problem problem={loadProblem} />}
      {form.status === 'ok' && (form.data.open ? <Questions token={token} questions={form.data.questions} /> : <Problem problem="closed" />)}
    </main>
  );
}

function Problem({ problem }: { problem: FeedbackProblem | 'answerOne' }) {
  const { t } = useTranslation();
  return (
    <p className="form-error" role="alert">
      {t(`feedbackPage.problems.${problem}`)}
    </p>
  );
}

function Questions({ token, questions }: { token: string; questions: FeedbackQuestion[] }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<FeedbackAnswers>({});
  const [problem, setProblem] = useState<FeedbackProblem | 'answerOne' | null>(null);
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const set = (id: string, value: string | number) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setProblem(null);
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => String(v).trim() !== ''));
    if (Object.keys(given).length === 0) return setProblem('answerOne');
    setProblem(null);
    setState('sending');
    try {
      await feedbackEndpoints.answer(token, given);
      setState('sent');
    } catch (error) {
      setProblem(feedbackProblem(error));
      setState('editing');
    }
  };

  if (state === 'sent')
    return (
      <p role="status" data-testid="feedback-thanks">
        {t('feedbackPage.thanks')}
      </p>
    );
  return (
    <form className="stack-form" onSubmit={(e) => void send(e)}>
      <p className="muted">{t('feedbackPage.intro')}</p>
      {questions.map((q) => (
        <Question key={q.id} question={q} value={answers[q.id]} onChange={(v) => set(q.id, v)} />
      ))}
      <button type="submit" disabled={state === 'sending'}>
        {t('feedbackPage.send')}
      </button>
      {problem && <Problem problem={problem} />}
    </form>
  );
}

function Question({ question: q, value, onChange }: { question: FeedbackQuestion; value: string | number | undefined; onChange: (value: string | number) => void }) {
  const { t } = useTranslation();
  // The radios' group name is generated, not the question's key: nothing internal reaches the page.
  const name = useId();
  if (q.type === 'text')
    return (
      <label>
        {q.label}
        <textarea rows={3} maxLength={q.maxLength} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
      </label>
    );
  const options: Array<{ value: string | number; label: string }> =
    q.type === 'scale' ? Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ value: q.min + i, label: String(q.min + i) })) : q.options.map((o) => ({ value: o, label: o }));
  return (
    <fieldset>
      <legend>{q.label}</legend>
      {q.type === 'scale' && <p className="muted small">{t('feedbackPage.scale', { min: q.min, max: q.max })}</p>}
      <div className="feedback-options">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
