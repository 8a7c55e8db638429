import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { causeFigures, type CauseFigures } from '../../../src/watch/figures.ts';
import type { Cause } from '../../../src/watch/root-cause.ts';
import { localDateKey } from '../../../src/watch/time.ts';
import { formatNumber } from '../i18n/format.ts';
import { causeShareText } from './spike-text.ts';

/** "one post by @ana and its reposts", "the hashtag #fail", … in the UI language. */
export function causeSubject(t: TFunction, cause: Pick<CauseFigures, 'dimension' | 'value' | 'author' | 'post'>): string {
  switch (cause.dimension) {
    case 'post':
      return cause.post ? t('causes.postNamed', { author: cause.author ?? '?', post: cause.post.excerpt }) : t('causes.post', { author: cause.author ?? '?' });
    case 'author':
      return t('causes.author', { value: cause.value });
    case 'hashtag':
      return t('causes.hashtag', { value: cause.value });
    case 'domain':
      return t('causes.domain', { value: cause.value });
    case 'lang':
      return t('causes.lang', { value: cause.value });
    case 'source':
      return t('causes.source', { value: cause.value });
  }
}

/** The sentence a person reads: "71 % of the extra volume comes from one post by @ana and its reposts." */
export function CauseSentence({ cause }: { cause: CauseFigures }) {
  const { t, i18n } = useTranslation();
  return <p className="cause-sentence">{t(cause.silent ? 'causes.silent' : 'causes.sentence', { share: causeShareText(i18n.language, cause), subject: causeSubject(t, cause) })}</p>;
}

/** Every cause with the share of the extra volume it explains, as a bar. */
export function CauseBars({ causes }: { causes: Cause[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="causes">
      {causes.map((c) => causeFigures(c)).map((cause) => (
        <li key={`${cause.dimension}:${cause.value}`}>
          <span className="cause-label">{causeSubject(t, cause)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.max(0, cause.explainsPercent))}%` }} />
          </span>
          <span className="cause-share">
            {t('causes.explains', { share: causeShareText(locale, cause), count: cause.extra, mentions: formatNumber(locale, cause.extra) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The mentions explorer filtered to a topic and the local days a spike covers. */
export function mentionsLink(topic: number, start: number, end: number, timeZone: string): string {
  const params = new URLSearchParams({ topic: String(topic), from: localDateKey(start, timeZone), to: localDateKey(end, timeZone) });
  return `/mentions?${params}`;
}
