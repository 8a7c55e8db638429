/**
 * An experiment's analysis as the CLI prints it (`murmur experiment analyze`), in plain
 * words: the result with its interval, the chance to beat the baseline, the peeking
 * guard's decision, each guardrail with its state, the audience's feedback and the
 * suggested verdict. Every figure comes from the API's ExperimentAnalysis; nothing is
 * recomputed here.
 */
import { useTranslation } from 'react-i18next';
import type { ExperimentAnalysis, KpiMetric } from '../api/types.ts';
import { formatNumber, formatPercent, formatSignedPercent, formatSignedPoints } from '../i18n/format.ts';

type Rate = NonNullable<ExperimentAnalysis['rate']>;
type Count = NonNullable<ExperimentAnalysis['count']>;
type Guardrail = ExperimentAnalysis['guardrails'][number];
type Question = ExperimentAnalysis['feedback']['questions'][number];

/** i18n keys of the peeking guard's decisions (the API's values are sentences, not keys). */
export const DECISION_KEY = {
  'not started': 'notStarted',
  'not enough data yet': 'notEnoughData',
  significant: 'significant',
  'no detectable effect': 'noEffect',
} as const satisfies Record<ExperimentAnalysis['decision'], string>;

export function ExperimentResult({ analysis: a }: { analysis: ExperimentAnalysis }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="analysis" data-testid="experiment-result">
      {a.guardrailFlag && (
        <p className="state state-error" role="alert">
          {t('experiments.diverting')}
        </p>
      )}
      <p className="muted">{t('experiments.observed', { share: formatPercent(locale, a.informationFraction) })}</p>
      {a.rate && <RateResult rate={a.rate} />}
      {a.count && <CountResult count={a.count} />}
      <p>
        <strong>{t('experiments.decision')}:</strong> {t(`experiments.decisions.${DECISION_KEY[a.decision]}`)}
        {a.direction && a.decision === 'significant' && <> ({t(`experiments.direction.${a.direction}`)})</>}
        {a.sequential && <span className="muted small"> · {t('experiments.peekingGuard', { boundary: formatNumber(locale, a.sequential.boundary, 2) })}</span>}
      </p>
      {a.planning?.warning && <p className="muted small">{a.planning.warning}</p>}
      {a.guardrails.length > 0 && <Guardrails guardrails={a.guardrails} />}
      <Feedback feedback={a.feedback} />
      <p>
        <strong>{t('experiments.suggested')}:</strong> {a.suggestedVerdict ? t(`experiments.verdict.${a.suggestedVerdict}`) : t('experiments.noVerdictYet')}
      </p>
      {a.reasons.length > 0 && (
        <ul className="small">
          {a.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RateResult({ rate }: { rate: Rate }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const arm = (successes: number, trials: number, value: number) => t('experiments.arm', { successes: formatNumber(locale, successes), trials: formatNumber(locale, trials), rate: formatPercent(locale, value, 2) });
  return (
    <>
      <p>
        <strong>{t('experiments.control')}:</strong> {arm(rate.baseline.successes, rate.baseline.trials, rate.baselineRate)} · <strong>{t('experiments.variant')}:</strong>{' '}
        {arm(rate.variant.successes, rate.variant.trials, rate.variantRate)}
      </p>
      <p>
        <strong>{t('experiments.difference')}:</strong>{' '}
        {t('experiments.withInterval', {
          value: formatSignedPoints(locale, 100 * rate.difference),
          confidence: formatPercent(locale, rate.confidence),
          low: formatSignedPoints(locale, 100 * rate.ci[0]),
          high: formatSignedPoints(locale, 100 * rate.ci[1]),
        })}
      </p>
      <p>
        {rate.test.status === 'tested'
          ? t('experiments.probabilityToBeat', { p: formatPercent(locale, rate.probabilityToBeat) })
          : t('experiments.untestable', { reason: rate.test.reason })}
      </p>
    </>
  );
}

function CountResult({ count }: { count: Count }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <>
      <p>{t('experiments.observedVsExpected', { observed: formatNumber(locale, count.observed), expected: formatNumber(locale, count.expected) })}</p>
      <p>
        <strong>{t('experiments.lift')}:</strong>{' '}
        {Number.isFinite(count.lift)
          ? t('experiments.withInterval', {
              value: formatSignedPercent(locale, count.lift),
              confidence: formatPercent(locale, 0.95),
              low: formatSignedPercent(locale, count.ci[0]),
              high: formatSignedPercent(locale, count.ci[1]),
            })
          : t('experiments.newActivity')}
      </p>
    </>
  );
}

function Guardrails({ guardrails }: { guardrails: Guardrail[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <table>
      <caption>{t('experiments.guardrails')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('experiments.guardrail')}</th>
          <th scope="col" className="num">{t('experiments.change')}</th>
          <th scope="col" className="num">{t('experiments.maxDrop')}</th>
          <th scope="col">{t('fields.status')}</th>
        </tr>
      </thead>
      <tbody>
        {guardrails.map((g) => (
          <tr key={g.name}>
            <th scope="row">
              {g.name}
              <div className="muted small">{t(`metrics.${g.measure as KpiMetric}`)}</div>
            </th>
            <td className="num">{g.changePct === null ? '–' : formatSignedPercent(locale, g.changePct / 100, 1)}</td>
            <td className="num">{formatPercent(locale, -g.maxDropPct / 100)}</td>
            <td className={g.breached ? 'tone-bad' : g.changePct === null ? 'tone-neutral' : 'tone-good'} title={g.note}>
              {t(`experiments.guardrailState.${g.breached ? 'breached' : g.changePct === null ? 'unknown' : 'holding'}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Feedback({ feedback }: { feedback: ExperimentAnalysis['feedback'] }) {
  const { t } = useTranslation();
  if (feedback.responses === 0) return <p className="muted">{t('experiments.noFeedback')}</p>;
  return (
    <div>
      <p>
        <strong>{t('experiments.feedback')}:</strong> {t('experiments.answers', { count: feedback.responses })}
      </p>
      <ul className="small">
        {feedback.questions.map((q) => (
          <li key={q.id}>
            {q.label} <QuestionAnswers question={q} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuestionAnswers({ question: q }: { question: Question }) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  if (q.type === 'scale') return <strong>{formatNumber(locale, q.mean, 1)}</strong>;
  if (q.type === 'choice')
    return (
      <span>
        {Object.entries(q.counts)
          .map(([option, n]) => `${option}: ${formatNumber(locale, n)}`)
          .join(' · ')}
      </span>
    );
  return <span>{q.latest.map((text) => `“${text}”`).join(' ')}</span>;
}
