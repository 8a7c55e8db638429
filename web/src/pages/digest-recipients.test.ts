import { describe, expect, it } from 'vitest';
import { parseRecipients, recipientText } from './digest-recipients.ts';

const members = [{ userId: 7, email: 'camille@example.com' }];

describe('digest recipients field', () => {
  it('reads members, addresses and webhooks, one per line, each with its language', () => {
    expect(parseRecipients(' Camille@example.com#fr \n\ndirector@example.com\nhttps://hooks.slack.com/services/T0/B0/SECRET#it', members, 'en')).toEqual([
      { type: 'member', userId: 7, lang: 'fr' },
      { type: 'email', to: 'director@example.com', lang: 'en' },
      { type: 'webhook', url: 'https://hooks.slack.com/services/T0/B0/SECRET', lang: 'it' },
    ]);
  });

  it('keeps a # that is no language as part of the address', () => {
    expect(parseRecipients('https://chat.example/hook#room', members, 'bg')).toEqual([{ type: 'webhook', url: 'https://chat.example/hook#room', lang: 'bg' }]);
  });

  it('shows a member by e-mail and a webhook by its host only', () => {
    expect(recipientText({ type: 'member', userId: 7, lang: 'fr' }, members)).toBe('camille@example.com (fr)');
    expect(recipientText({ type: 'webhook', url: 'https://hooks.slack.com/services/T0/B0/SECRET', lang: 'en' }, members)).toBe('hooks.slack.com (en)');
  });
});
