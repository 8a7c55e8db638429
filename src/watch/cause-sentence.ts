/** A spike's root cause in words, the same in alerts, reports, the CLI and the demo. */
import type { Words } from '../core/i18n.ts';
import type { Cause } from './root-cause.ts';

/** "This spike is 71 % one author's post and its reposts (@dana_reviews)." */
export function causeSentence(cause: Cause | null, words: Words): string {
  if (!cause) return words.t('cause.none');
  const share = words.percent(cause.share);
  const value = cause.dimension === 'lang' ? words.language(cause.value) : cause.value;
  return words.t(`cause.${cause.dimension}`, { share, value, author: cause.author ?? cause.value });
}
