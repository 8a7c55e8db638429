/**
 * The recipients field of the digest form: one per line — a member's e-mail (sent as that
 * member, so a change of address follows), another e-mail address, or a webhook URL —
 * each optionally ending in `#lang` (fr, it…), else the form's language. The server
 * validates what this makes (src/reports/digests/digests.ts).
 */
import type { DigestRecipient, Member } from '../api/types.ts';

import { isReportLang as isLang, type ReportLang as Lang } from '../../../src/core/i18n.ts';

export function parseRecipients(text: string, members: Pick<Member, 'userId' | 'email'>[], fallback: Lang): DigestRecipient[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): DigestRecipient => {
      const hash = line.lastIndexOf('#');
      const suffix = hash > 0 ? line.slice(hash + 1) : '';
      const lang = isLang(suffix) ? suffix : fallback;
      const target = isLang(suffix) ? line.slice(0, hash).trim() : line;
      if (/^https?:\/\//i.test(target)) return { type: 'webhook', url: target, lang };
      const member = members.find((m) => m.email.toLowerCase() === target.toLowerCase());
      return member ? { type: 'member', userId: member.userId, lang } : { type: 'email', to: target, lang };
    });
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
