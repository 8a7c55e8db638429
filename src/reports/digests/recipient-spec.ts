/**
 * How a person names a digest's recipients, with one rule for the CLI's `--to` and the
 * dashboard's recipients field (one per line): a webhook URL (`https://…`), `member:EMAIL`
 * (a member of the workspace, refused when there is none), a member's plain e-mail (sent as
 * that member, so a change of address follows), or any other e-mail address — each
 * optionally ending in `#lang` (fr, it…), else the caller's language. Pure: the caller
 * passes the workspace's members. digests.ts validates what this makes.
 */
import { isReportLang, type ReportLang } from '../../core/i18n.ts';
import { MurmurError } from '../../core/errors.ts';
import type { DigestRecipient } from './digests.ts';

export interface KnownMember {
  userId: number;
  email: string;
}

const MEMBER_PREFIX = /^member:/i;

export function parseRecipientSpec(spec: string, members: KnownMember[], fallback: ReportLang): DigestRecipient {
  const line = spec.trim();
  const hash = line.lastIndexOf('#');
  const suffix = hash > 0 ? line.slice(hash + 1) : '';
  const lang = isReportLang(suffix) ? suffix : fallback;
  const target = isReportLang(suffix) ? line.slice(0, hash).trim() : line;
  if (/^https?:\/\//i.test(target)) return { type: 'webhook', url: target, lang };
  const email = target.replace(MEMBER_PREFIX, '').trim();
  const member = members.find((m) => m.email.toLowerCase() === email.toLowerCase());
  if (member) return { type: 'member', userId: member.userId, lang };
  if (MEMBER_PREFIX.test(target)) throw new MurmurError('invalid_recipient', 400, `"${line}": no member of this workspace has the e-mail ${email}`);
  return { type: 'email', to: target, lang };
}

/** Recipients one per line (blank lines skipped). */
export function parseRecipientLines(text: string, members: KnownMember[], fallback: ReportLang): DigestRecipient[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => parseRecipientSpec(line, members, fallback));
}
