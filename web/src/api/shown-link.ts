/**
 * Absolute links the API gives (short links, the CRM webhook, the feedback page) start
 * with MURMUR_PUBLIC_URL, or, when it is unset, with the server's own listen address,
 * flagged `publicUrlGuessed` (src/core/public-url.ts). For that guess the address this
 * browser reached the dashboard at is the better one (behind a proxy the listen address
 * is often 127.0.0.1): the dashboard shows the link on it. It is the user's own address,
 * not a header a stranger can set, so nothing is trusted that the server refused to trust.
 */
export function shownLink(url: string, guessed: boolean | undefined, origin: string = location.origin): string {
  if (!guessed) return url;
  const parsed = new URL(url);
  return `${origin}${parsed.pathname}${parsed.search}`;
}

/** `answer` with the link under `key` shown as above (null answers pass through). */
export function withShownLink<T extends { publicUrlGuessed?: boolean }, K extends keyof T>(answer: T | null, key: K): T | null {
  if (answer === null) return null;
  return { ...answer, [key]: shownLink(String(answer[key]), answer.publicUrlGuessed) };
}
