import { useTranslation } from 'react-i18next';
import { NOT_SURE_BELOW, wholePercent } from '../../../src/watch/figure-definitions.ts';

/** The not-sure share shown beside a net sentiment, which counts those mentions like the others (docs/figures.md). */
export function NotSureNote({ share }: { share: number }) {
  const { t } = useTranslation();
  return (
    <span data-testid="not-sure-share" title={t('sentiment.notSureShareHelp', { threshold: wholePercent(NOT_SURE_BELOW) })}>
      {t('sentiment.notSureShare', { percent: wholePercent(share) })}
    </span>
  );
}
