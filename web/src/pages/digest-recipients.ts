/**
 * The recipients field of the digest form: one per line, read by the same rule as the CLI's
 * `--to` (src/reports/digests/recipient-spec.ts): a member's e-mail or `member:EMAIL` (sent
 * as that member), another e-mail address, or a webhook URL, each optionally ending in
 * `#lang`, else the form's language. The server validates what this makes.
 */
import type { DigestRecipient, Member } from '../api/types.ts';
import type { ReportLang as Lang } from '../../../src/core/i18n.ts';
import { parseRecipientLines } from '../../../src/reports/digests/recipient-spec.ts';

export function parseRecipients(text: string, members: Pick<Member, 'userId' | 'email'>[], fallback: Lang): DigestRecipient[] {
  return parseRecipientLines(text, members, fallback);
}

/** How a stored recipient reads in the list: a member by their e-mail, a webhook by its host (the path is its secret). */
export function recipientText(recipient: DigestRecipient, members: Pick<Member, 'userId' | 'email'>[]): string {
  const who =
    recipient.type === 'member'
      ? (members.find((m) => m.userId === recipient.userId)?.email ?? `#${recipient.userId}`)
      : recipient.type === 'email'
        ? recipient.to
        : new URL(recipient.url).host;
  return `${who} (${recipient.lang})`;
}
