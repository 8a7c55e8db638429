/**
 * A spike's figures as the dashboard writes them: formatted from what the API computed
 * (src/watch/figures.ts), never recomputed, so the page reads as the CLI and the reports.
 */
import type { CauseFigures, SpikeFigures } from '../../../src/watch/figures.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';

export interface SpikeTexts {
  observed: string;
  expected: string;
  extra: string;
  /** The main cause's share of the extra volume ("96 %"), or null without one. */
  share: string | null;
}

export const causeShareText = (locale: string, cause: Pick<CauseFigures, 'explainsPercent'>) => formatPercent(locale, cause.explainsPercent / 100);

export function spikeTexts(locale: string, figures: SpikeFigures): SpikeTexts {
  return {
    observed: formatNumber(locale, figures.observed),
    expected: formatNumber(locale, figures.expected),
    extra: formatNumber(locale, figures.extra),
    share: figures.cause ? causeShareText(locale, figures.cause) : null,
  };
}
