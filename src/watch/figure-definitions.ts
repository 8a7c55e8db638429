/**
 * The definitions behind every figure (docs/figures.md): a mention's reach, net sentiment,
 * the "not sure" sentiment band, the one rounding to whole percent. No imports, so any Watch module can use them.
 */
/** Audience counted for a person on a network that hides follower counts (about the median account). */
export const TYPICAL_FOLLOWERS = 200;

/**
 * Reach of one mention: the audience of its author where it was posted — their followers;
 * a typical account on a network that publishes no follower count (Reddit, HN: unknown is
 * not zero); none for a feed (a publication, not a person's audience). The reach of a set
 * of mentions (an author's, a day's, a topic's) is the sum over its mentions.
 */
export function mentionReach(m: { source: string; followers: number | null }): number {
  if (m.followers != null) return m.followers;
  return m.source === 'rss' ? 0 : TYPICAL_FOLLOWERS;
}

/** Net sentiment in points from −100 to 100: (positive − negative) / mentions with a sentiment; null with none. */
export function netSentimentOf(c: { positive: number; negative: number; neutral: number }): number | null {
  const scored = c.positive + c.negative + c.neutral;
  return scored === 0 ? null : (100 * (c.positive - c.negative)) / scored;
}

/**
 * A model's sentiment is "not sure" when its top probability is under this: on the val
 * splits the model is right less often than wrong on the mentions under it (docs/figures.md,
 * `npm run bench:nlp-adapt` prints the table it was chosen from and the threshold its rule picks:
 * 0.6 for the models of 2026-11-23 and of 2026-12-06 with NB scaling, 0.65 for the word-trigram
 * model between them). A person's correction is certain (probability 1), so a corrected mention is
 * never "not sure".
 */
export const NOT_SURE_BELOW = 0.6;

/** Whether a mention's sentiment is "not sure" (see NOT_SURE_BELOW); a mention without probabilities is not. */
export function isNotSure(p: { negative: number; neutral: number; positive: number } | null | undefined): boolean {
  return p != null && Math.max(p.negative, p.neutral, p.positive) < NOT_SURE_BELOW;
}

/**
 * The not-sure share of a set of mentions, in [0, 1]: its not-sure mentions (isNotSure)
 * over its mentions with a sentiment; null with none. Shown beside net sentiment, which
 * counts them like the others (docs/figures.md, "Not sure" sentiment).
 */
export function notSureShareOf(c: { notSure: number; positive: number; negative: number; neutral: number }): number | null {
  const scored = c.positive + c.negative + c.neutral;
  return scored === 0 ? null : c.notSure / scored;
}

/** A fraction in whole percent: the one rounding every view shows. */
export const wholePercent = (fraction: number) => Math.round(fraction * 100);
