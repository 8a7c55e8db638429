import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';
import { wordsFor } from '../../core/i18n.ts';
import { counted, renderSpikeReport } from './watch.ts';

const cli = cliHarness('watch');

describe('murmur watch commands and reports', () => {
  it('finds the demo crisis and writes its daily report in Bulgarian', async () => {
    expect(await cli.murmur('demo', '--scale', '0.05', '--json')).toBe(0);
    const { period } = JSON.parse(cli.out) as { period: { crisisDay: string; last: string } };

    expect(await cli.murmur('crisis', '--to', period.crisisDay, '--json')).toBe(0);
    expect(cli.out).toContain('dana_reviews');

    // The lists as files: the rows the commands print, with the API's columns.
    const advocates = join(cli.dir, 'advocates.csv');
    expect(await cli.murmur('advocates', '--to', period.crisisDay, '--export', advocates)).toBe(0);
    expect(cli.out).toMatch(/^exported \d+ rows to .*advocates\.csv \(csv\)/);
    expect(readFileSync(advocates, 'utf8')).toMatch(/^\uFEFFlist,handle,/);
    expect(readFileSync(advocates, 'utf8')).toMatch(/\r\nAdvocates,.*\r\nDetractors,/s);
    expect(await cli.murmur('spikes', '--to', period.crisisDay, '--export', join(cli.dir, 'spikes.xlsx'))).toBe(0);
    expect(readFileSync(join(cli.dir, 'spikes.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(await cli.murmur('spikes', '--export', join(cli.dir, 'spikes.pdf'))).toBe(1);
    expect(cli.err).toContain('--export needs a file ending in .csv or .xlsx');

    const out = join(cli.dir, 'reports', '2026', 'daily.md'); // folders that do not exist yet
    expect(await cli.murmur('report', 'daily', '--date', period.crisisDay, '--lang', 'bg', '--format', 'md', '--out', out)).toBe(0);
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('# Дневен отчет'); // the daily report's title, in Bulgarian
    expect(report).toContain('3.10.2026 г.'); // the crisis day, dated the Bulgarian way
    expect(report).toContain('dana_reviews');
    expect(report).toMatch(/\d+ харесвания · \d+ споделяния · \d+ отговор/); // engagement in words, no 💬 an emoji-less PDF shows as a box
    expect(report).not.toMatch(/💬|♥|↻/);

    const blocked = join(cli.dir, 'reports', '2026', 'daily.md', 'x.md'); // a "folder" that is a file
    expect(await cli.murmur('report', 'daily', '--date', period.crisisDay, '--format', 'md', '--out', blocked)).toBe(1);
    expect(cli.err).toContain(`cannot write the report to ${blocked}: a part of the path is a file, not a folder`);
  });

  it('refuses an unknown topic with the API\'s message and the usage exit code, in every command', async () => {
    expect(await cli.murmur('topics', 'add', 'Acme', '--query', 'acme', '--no-progress')).toBe(0);
    // The same words as GET /watch/crisis?topic=Nope and /reports/daily?topic=Nope (404).
    const message = 'error: no topic named "Nope" (this workspace has: Acme)';
    for (const args of [['crisis'], ['spikes'], ['report', 'daily'], ['alerts', 'add', '--name', 'X', '--kind', 'negative-spike', '--webhook', 'https://example.com/h']]) {
      expect(await cli.murmur(...args, '--topic', 'Nope'), args.join(' ')).toBe(1);
      expect(cli.err.trim(), args.join(' ')).toBe(message);
    }
  });

  it('updates an alert rule: only the options given change, with the checks of a new rule', async () => {
    expect(await cli.murmur('topics', 'add', 'Mine', '--query', 'mine', '--no-progress')).toBe(0);
    expect(await cli.murmur('topics', 'add', 'Rival', '--query', 'rival', '--role', 'competitor', '--no-progress')).toBe(0);
    expect(await cli.murmur('alerts', 'add', '--name', 'Spikes', '--kind', 'negative-spike', '--topic', 'Mine', '--email', 'ana@example.com'), cli.err).toBe(0);
    expect(await cli.murmur('alerts', 'add', '--name', 'Drops', '--kind', 'volume-drop', '--topic', 'Mine')).toBe(0);
    expect(await cli.murmur('alerts', 'update', 'Spikes', '--name', 'Rival spikes', '--topic', 'Rival', '--granularity', 'day', '--off', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ name: 'Rival spikes', kind: 'negative-spike', params: { granularity: 'day', minSeverity: 'medium' }, channels: [{ type: 'email', to: ['ana@example.com'] }], enabled: false });
    expect(await cli.murmur('alerts', 'update', 'Rival spikes', '--name', 'Drops')).toBe(1);
    expect(cli.err).toContain('an alert rule named "Drops" already exists');
    expect(await cli.murmur('alerts', 'update', 'Nope', '--on')).toBe(1);
    expect(cli.err).toContain('no alert rule "Nope"');
  });

  it('refuses an unknown report kind and format by name', async () => {
    expect(await cli.murmur('report', 'hourly')).toBe(1);
    expect(cli.err).toContain('report kind must be one of daily, weekly, monthly, annual, got "hourly"');
    expect(await cli.murmur('report', 'daily', '--format', 'docx')).toBe(1);
    expect(cli.err).toContain('--format must be one of html, pdf, md, json, got "docx"');
  });
});

it('counts in English with the right plural', () => {
  expect([counted(1, 'post'), counted(2, 'post'), counted(0, 'mention'), counted(12_500, 'follower')]).toEqual(['1 post', '2 posts', '0 mentions', '12,500 followers']);
});

it('shows a learning topic as learning in `murmur spikes`, not as "no spike"', async () => {
  const render = renderSpikeReport(await wordsFor('en'));
  const learning = render({ history: { status: 'learning', weeks: 2, seasons: 4, minimum: 3 }, items: [] });
  expect(learning).toContain('learning: 2 of 4 weeks (3 needed before any verdict)');
  const ready = render({ history: { status: 'ready', weeks: 4, seasons: 4, minimum: 3 }, items: [] });
  expect(ready).not.toContain('learning');
  expect(ready).toBe((await wordsFor('en')).t('spike.none'));
});
