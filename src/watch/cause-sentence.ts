/** A spike's root cause in words, the same in alerts, reports, the CLI and the demo. */
import type { Words } from '../core/i18n.ts';
import type { CauseFigures } from './figures.ts';

/** "71 % of the extra volume comes from @dana_reviews’s post “Found a shard…” and its reposts and quotes." */
export function causeSentence(cause: CauseFigures | null, words: Words): string {
  if (!cause) return words.t('cause.none');
  const share = words.percent(cause.explainsPercent / 100);
  const value = cause.dimension === 'lang' ? words.language(cause.value) : cause.value;
  const key = cause.silent ? 'silent' : cause.post ? 'postNamed' : cause.dimension;
  return words.t(`cause.${key}`, { share, value, author: cause.author ?? cause.value, post: cause.post?.excerpt ?? '' });
}
