/**
 * The size calculator (`murmur experiment size`): before launch, how many trials (posts,
 * impressions, visits) and days each arm needs to detect a lift, or which lift the trials
 * a team can get will detect. Rates are typed in percent; the API computes the answer.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { FormError } from '../components/FormError.tsx';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { formatNumber, formatPercent, formatSignedPoints } from '../i18n/format.ts';
import { ExperimentSizeQuery, type ExperimentSize, type ExperimentSizeInput } from '../../../src/experiment/size-schema.ts';
import { numberOrUnset } from './experiment-draft.ts';

const FIELDS = ['baselineRate', 'lift', 'trialsPerDay', 'trials'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

/** Percent and percentage points as typed become the rates the API takes. */
function sizeQueryOf(d: Draft): ExperimentSizeInput {
  const share = (text: string) => {
    const n = numberOrUnset(text);
    return n === undefined ? undefined : n / 100;
  };
  // Unset fields stay undefined: the query string leaves them out (buildUrl).
  return { baselineRate: share(d.baselineRate), lift: share(d.lift), trialsPerDay: numberOrUnset(d.trialsPerDay), trials: numberOrUnset(d.trials) } as ExperimentSizeInput;
}

export function ExperimentSizeForm({ ws }: { ws: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [draft, setDraft] = useState<Draft>({ baselineRate: '', lift: '', trialsPerDay: '', trials: '' });
  const [answer, setAnswer] = useState<ExperimentSize | null>(null);
  const { issues, error, submit: send } = useCheckedSubmit();
  const labelOf = (path: string) => ((FIELDS as readonly string[]).includes(path) ? t(`experimentSize.fields.${path as (typeof FIELDS)[number]}`) : path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    const query = sizeQueryOf(draft);
    send(ExperimentSizeQuery, query, async () => setAnswer(await endpoints.experimentSize(ws, query)));
  };
  const pct = (rate: number) => formatPercent(locale, rate, 2);
  return (
    <form className="stack-form card" onSubmit={submit} aria-label={t('experimentSize.title')} noValidate>
      <h2>{t('experimentSize.title')}</h2>
      <p className="help">{t('experimentSize.help')}</p>
      <div className="form-row">
        {FIELDS.map((field) => (
          <label key={field}>
            {t(`experimentSize.fields.${field}`)}
            <input inputMode="decimal" value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
          </label>
        ))}
      </div>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      <button type="submit">{t('experimentSize.compute')}</button>
      {answer && (
        <div role="status" data-testid="experiment-size-answer">
          {answer.sampleSizePerArm !== null && answer.lift !== null && (
            <p>
              {t('experimentSize.needed', { trials: formatNumber(locale, answer.sampleSizePerArm), from: pct(answer.baselineRate), to: pct(answer.baselineRate + answer.lift) })}
              {answer.daysNeeded !== null && answer.trialsPerDay !== null && ` ${t('experimentSize.days', { count: answer.daysNeeded, days: formatNumber(locale, answer.daysNeeded), perDay: formatNumber(locale, answer.trialsPerDay, 2) })}`}
            </p>
          )}
          {answer.detectableLift !== null && answer.trials !== null && (
            <p>
              {t('experimentSize.detectable', {
                trials: formatNumber(locale, answer.trials),
                lift: formatSignedPoints(locale, 100 * answer.detectableLift, 2),
                from: pct(answer.baselineRate),
                to: pct(answer.baselineRate + answer.detectableLift),
              })}
            </p>
          )}
          <p className="muted">{t('experimentSize.assumptions', { confidence: formatPercent(locale, 1 - answer.alpha), power: formatPercent(locale, answer.power) })}</p>
        </div>
      )}
    </form>
  );
}
