import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('digests');

describe('murmur digests add --to', () => {
  it('reads recipients by the dashboard’s rule: a member’s plain e-mail is that member, member:EMAIL must be one', async () => {
    expect(await cli.murmur('users', 'add', 'Ann@Example.com', '--role', 'viewer', '--json')).toBe(0);
    const annId = (JSON.parse(cli.out) as { id: number }).id;
    expect(
      await cli.murmur('digests', 'add', '--name', 'Monday', '--kind', 'weekly', '--cron', '0 8 * * 1', '--lang', 'it',
        '--to', 'ann@example.com#fr', '--to', 'member:ANN@example.com', '--to', 'boss@elsewhere.example', '--to', 'https://hooks.example/T0/SECRET', '--json'),
    ).toBe(0);
    expect(JSON.parse(cli.out).recipients).toEqual([
      { type: 'member', userId: annId, lang: 'fr' },
      { type: 'member', userId: annId, lang: 'it' },
      { type: 'email', to: 'boss@elsewhere.example', lang: 'it' },
      { type: 'webhook', url: 'https://hooks.example/…', lang: 'it' },
    ]);
    expect(await cli.murmur('digests', 'add', '--name', 'x', '--kind', 'daily', '--cron', '0 8 * * *', '--to', 'member:nobody@example.com')).toBe(1);
    expect(cli.err).toContain('--to "member:nobody@example.com": no member of this workspace has the e-mail nobody@example.com');
  });
});
