/**
 * The Checklists part of `murmur demo`: the weekly report every Monday at 08:00 to the demo
 * account, as a team would set it up. `murmur serve` sends it when due, by e-mail once
 * MURMUR_SMTP_URL names a mail server (until then the delivery log shows why it waits).
 */
import { DEMO_EMAIL } from '../../accounts/demo-step.ts';
import { findUserByEmail } from '../../accounts/users.ts';
import type { DemoStep } from '../../demo/demo-step.ts';
import { addDigest } from './digests.ts';

export const DEMO_DIGEST = { name: 'Monday-morning weekly', kind: 'weekly', cron: '0 8 * * 1' } as const;

export function digestDemoStep(options: { timeZone?: string } = {}): DemoStep {
  return async ({ store, workspaceId }) => {
    const user = await findUserByEmail(store, DEMO_EMAIL);
    if (!user) throw new Error(`the demo account ${DEMO_EMAIL} must exist before its digest`);
    const timeZone = options.timeZone ?? 'UTC';
    const digest = await addDigest(store, workspaceId, { ...DEMO_DIGEST, timeZone, recipients: [{ type: 'member', userId: user.id, lang: 'en' }] });
    return {
      title: 'Digest',
      lines: [`  the weekly report every Monday at 08:00 (${timeZone}) to ${user.email}: \`murmur digests list\`; sent by \`serve\` when MURMUR_SMTP_URL is set`],
      data: { digest: digest.name, nextRunAt: digest.nextRunAt },
    };
  };
}
