/**
 * What looks like a link in a mention's text. One rule for every reader: the rollup keeps
 * the candidates of each topic mention with a link (watch_topic_chains.links), so Watch's
 * link analytics read them there instead of the texts.
 */
const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/gi;

/** What looks like a link in a text, trailing punctuation left out (not parsed: it may not be a URL). */
export function linkCandidates(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
}
