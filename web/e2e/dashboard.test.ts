/**
 * The dashboard in a real browser against a real `murmur serve` on a demo-sized store:
 * sign in, search mentions (and see a query error pointed at), switch to Bulgarian and
 * Indonesian, open the crisis view, download a report, and the main pages at desktop
 * and phone width. Screenshots land in test-results/e2e/ for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir, TEST_MS } from './harness.ts';
import { randomBytes } from 'node:crypto';
import { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { addMastodonSource, createDemoStore, DEMO_SOURCE, DEMO_USER, murmur, type DemoFacts } from './seed.ts';
import { downloadMentionsXlsx, replyToFirstMastodonMention, settled as settledPage } from './steps.ts';

const SCALE = 0.1;
// Budgets that hold on two cores at a load average of 15 (measured beside the rest of the
// suite and stress-ng): a step waits up to STEP_MS, a test runs up to TEST_MS. Quiet, a step
// takes well under a second and the slowest test about 20 s.

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let facts: DemoFacts;
let mastodon: MastodonReplay;
const savedKey = process.env.MURMUR_SECRET_KEY;

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const settled = (target: Page = page) => settledPage(target);

/** Form controls and buttons a screen reader could not name: none should be left. */
async function unnamedControls(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')]
      .filter((el) => {
        const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el as HTMLInputElement).labels?.length;
        return !labelled && !(el.textContent ?? '').trim();
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

const pages = ['/', '/mentions', '/crisis', '/spikes', '/people', '/share-of-voice', '/reports', '/plan', '/experiments', '/campaigns', '/settings'];

describe('dashboard in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    dir = tempDir('murmur-e2e-');
    const db = join(dir.path, 'murmur.db');
    // Connector secrets are sealed with this key, by the CLI and by the server alike.
    process.env.MURMUR_SECRET_KEY ??= randomBytes(32).toString('base64');
    facts = createDemoStore(db, SCALE);
    mastodon = await MastodonReplay.start();
    addMastodonSource(db, mastodon.url);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    page = await browser.newPage();
    // Fail a step well inside the test timeout, so the message names it.
    browser.setDefaultTimeout(STEP_MS);
  }, TEST_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    if (savedKey === undefined) delete process.env.MURMUR_SECRET_KEY;
    else process.env.MURMUR_SECRET_KEY = savedKey;
    dir?.remove();
  });

  it('refuses a wrong password, then signs in and shows the overview', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('signin');
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

    await page.getByLabel('Password').fill(DEMO_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'At a glance' }).waitFor();
    await settled();
    await shot('overview');
    // Reloading keeps the session (HttpOnly cookie), so no sign-in form again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'At a glance' }).waitFor();
  });

  it('searches mentions with the query language and points at a query error', async () => {
    await page.getByRole('link', { name: 'Mentions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentions' }).waitFor();
    await settled();
    const query = page.getByRole('searchbox', { name: 'Search query' });
    await query.fill('brewly OR #BrewlyFail');
    await query.press('Enter');
    await page.waitForURL(/\/mentions\?q=brewly/);
    await settled();
    const count = await page.getByTestId('result-count').textContent();
    expect(count).toMatch(/\d+ mentions/);
    const posts = page.getByTestId('mention-list').locator('article.mention');
    expect(await posts.count()).toBeGreaterThan(3);
    // The list is virtualised: far fewer posts in the DOM than a page of results.
    expect(await posts.count()).toBeLessThan(50);
    const first = (await posts.first().textContent()) ?? '';
    expect(first.toLowerCase()).toContain('brewly');
    await shot('mentions');

    // The exact total of the search, not the page size; scrolling to the end of the list
    // fetches the next page through the cursor.
    const total = /^50 of ([\d,]+) mentions/.exec(count ?? '')?.[1];
    expect(Number(total?.replace(/,/g, ''))).toBeGreaterThan(100);
    await page.getByTestId('mention-list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await page.getByTestId('result-count').filter({ hasText: new RegExp(`^100 of ${total} mentions`) }).waitFor();

    // Sorted by reach: the URL carries it (a shared link sorts the same) and the first post is the loudest.
    await page.getByLabel('Sort by').selectOption('reach');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/sort=reach/);
    await settled();
    await page.getByTestId('result-count').filter({ hasText: new RegExp(`^50 of ${total} mentions`) }).waitFor();

    // Collapsed, the crisis post and its hundreds of reposts are one row: fewer rows in all,
    // and opening the row lists its reposts under it.
    await page.getByLabel('Collapse reposts').check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/collapse=true/);
    await settled();
    // The count changes when the collapsed answer arrives (the URL changes first).
    const counted = page.getByTestId('result-count').filter({ hasNotText: new RegExp(`of ${total} mentions`) });
    await counted.waitFor();
    const collapsed = /of ([\d,]+) mentions/.exec((await counted.textContent()) ?? '')?.[1];
    expect(Number(collapsed?.replace(/,/g, ''))).toBeLessThan(Number(total?.replace(/,/g, '')));
    const group = page.getByTestId('repost-group').first();
    await group.getByRole('button', { name: /Reposts and quotes: \d+/ }).click();
    await group.locator('.repost-members article.mention').first().waitFor();
    await shot('mentions-collapsed');

    await query.fill('brewly AND (');
    const error = page.getByTestId('query-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/at character 13/);
    await shot('mentions-query-error');
  });

  it('downloads the mentions of a search as XLSX, every row of it', async () => {
    await page.goto(`${server.url}/mentions?q=brewly&sort=reach`);
    await settled();
    const total = Number(/of ([\d,]+) mentions/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    const sheet = await downloadMentionsXlsx(page, join(dir.path, 'mentions.xlsx'));
    // The header and one row per mention the search found.
    expect(sheet.rowCount).toBe(total + 1);
    expect(String(sheet.getRow(2).getCell(7).value).toLowerCase()).toContain('brewly');
    const followers = [2, 3].map((r) => Number(sheet.getRow(r).getCell(6).value ?? 0));
    expect(followers[0]).toBeGreaterThanOrEqual(followers[1]!);
  });

  it('replies to a Mastodon mention in its thread and keeps the reply on the mention', async () => {
    await replyToFirstMastodonMention(page, server.url, mastodon, 'Sorry about that, DM us your order number.');
    // A full-page screenshot re-measures the list; the row keeps its reply all the same.
    await shot('mentions-reply');
    await page.getByTestId('mention-list').locator('[data-index="0"]').getByRole('link', { name: 'Open the reply' }).waitFor();
  });

  it('switches the language to Bulgarian and to Indonesian, and remembers it', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await settled();
    const picker = page.getByTestId('language');
    await picker.selectOption('bg');
    await page.getByRole('heading', { level: 1, name: 'Накратко' }).waitFor();
    expect(await page.getByRole('navigation').textContent()).toContain('Споменавания');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('bg');
    await shot('overview-bg');

    await picker.selectOption('id');
    await page.getByRole('heading', { level: 1, name: 'Sekilas' }).waitFor();
    expect(await page.getByRole('navigation').textContent()).toContain('Sebutan');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sekilas' }).waitFor();
    await settled();
    await shot('overview-id');
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'At a glance' }).waitFor();
  });

  it('opens the crisis view and names the author behind the crisis', async () => {
    await page.getByRole('link', { name: 'Crisis', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Crisis scan' }).waitFor();
    await settled();
    // The sample stream's crisis day, whatever the default period is.
    await page.goto(`${server.url}/crisis?first=${facts.firstDate}&last=${facts.lastDate}`);
    await settled();
    const first = page.getByTestId('crisis-list').locator('li').first();
    const text = (await first.textContent()) ?? '';
    expect(text).toContain('Negative spike');
    expect(text).toContain(`@${facts.crisisAuthor}`);
    expect(text).toMatch(/\d+% of the extra volume comes from @\S+’s post “/);
    await shot('crisis');

    // From the spike to the mentions behind it: the explorer opens on those days and that topic.
    await first.getByRole('link', { name: 'See every mention of these days' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentions' }).waitFor();
    await settled();
    const params = new URL(page.url()).searchParams;
    expect(params.get('from')).toBe(facts.crisisDate);
    const to = params.get('to')!;
    const times = await page.getByTestId('mention-list').locator('article time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!.slice(0, 10)));
    expect(times.length).toBeGreaterThan(3);
    for (const day of times) expect(day >= facts.crisisDate && day <= to, `${day} outside ${facts.crisisDate}…${to}`).toBe(true);
  });

  it('shows the crisis day’s alert on its overview (the demo’s alert rules)', async () => {
    await page.goto(`${server.url}/?date=${facts.crisisDate}`);
    await settled();
    const alerts = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Alerts' }) });
    await alerts.getByText(/^Negative spike on /).first().waitFor();
  });

  it('downloads a report as PDF', async (context) => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await settled();
    await shot('reports');
    // Until the server has the reports route, say so in the test summary instead of passing.
    if (await page.getByTestId('not-available').isVisible()) context.skip('this server has no reports route yet');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid^="download-"]').first().click()]);
    const path = join(dir.path, 'report.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lists the demo’s weekly digest under Reports and adds one, the server’s validation shown', async () => {
    await page.goto(`${server.url}/reports`);
    await settled();
    const digests = page.locator('section[aria-labelledby="digests-title"]');
    const list = digests.getByTestId('digest-list');
    await list.getByText('Monday-morning weekly').waitFor();
    const form = digests.locator('form[aria-labelledby="add-digest-title"]');
    await form.getByLabel('Name').fill('Daily to the team');
    await form.getByLabel('Report').selectOption('daily');
    await form.getByLabel('When').selectOption({ label: 'Every day 08:00' });
    await form.getByLabel(/^Send to/).fill('not an address');
    await form.getByRole('button', { name: 'Add digest' }).click();
    await digests.getByRole('alert').filter({ hasText: /recipients/ }).waitFor();
    await form.getByLabel(/^Send to/).fill(`${DEMO_USER.email}#fr\nhttps://hooks.example.com/services/T0/SECRET`);
    await form.getByRole('button', { name: 'Add digest' }).click();
    await list.getByText('Daily to the team').waitFor();
    const text = (await list.textContent()) ?? '';
    expect(text).toContain(`${DEMO_USER.email} (fr)`);
    expect(text).toContain('hooks.example.com (en)');
    expect(text).not.toContain('SECRET');
    expect(await unnamedControls(page)).toEqual([]);
    await shot('reports-digests');
  });

  it('renders every page without an error at desktop width', async () => {
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled();
      expect(await page.locator('.state-error').count(), `error state on ${path}`).toBe(0);
      expect(await unnamedControls(page), `controls without a name on ${path}`).toEqual([]);
      await shot(path === '/' ? 'page-overview' : `page${path.replace(/\//g, '-')}`);
    }
  });

  it('shows an experiment’s result with the figures the CLI prints, and KPIs in their units', async () => {
    const cli = JSON.parse(murmur(['--db', server.db, 'experiment', 'analyze', 'Brewly Baristas on Bluesky', '--json'])) as {
      count: { observed: number; expected: number };
      guardrails: unknown[];
      suggestedVerdict: string;
    };
    await page.goto(`${server.url}/experiments`);
    await settled();
    await page.getByText('Analysis so far').first().click();
    const result = page.getByTestId('experiment-result').first();
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    const en = (n: number) => new Intl.NumberFormat('en').format(Math.round(n));
    expect(text).toContain(`${en(cli.count.observed)} observed vs ${en(cli.count.expected)} expected`);
    expect(text).toMatch(/Lift: [+-]?[\d.,]+% \(95% interval [+-]?[\d.,]+% to [+-]?[\d.,]+%\)/);
    expect(await result.locator('tbody tr').count()).toBe(cli.guardrails.length);
    expect(text).toContain(`Suggested verdict: ${cli.suggestedVerdict[0]!.toUpperCase()}${cli.suggestedVerdict.slice(1)}`);
    await shot('experiment-result');

    await page.goto(`${server.url}/plan`);
    await settled();
    const plan = (await page.locator('main').textContent()) ?? '';
    expect(plan).toContain('Share of voice');
    expect(plan).not.toMatch(/share_of_voice|net_sentiment/);
  });

  it('fits every page on a phone, with the menu behind its button', async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/`);
    await phone.getByRole('heading', { level: 1, name: 'At a glance' }).waitFor();
    await settled(phone);
    // The menu folds away behind its button on a phone.
    const nav = phone.getByRole('navigation', { name: 'Main menu' });
    expect(await nav.isVisible()).toBe(false);
    await shot('phone-overview', phone);
    await phone.getByRole('button', { name: 'Menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await shot('phone-menu', phone);
    await nav.getByRole('link', { name: 'Mentions' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mentions' }).waitFor();
    await settled(phone);
    await shot('phone-mentions', phone);
    // No page may be wider than the phone: wide tables scroll inside their card instead.
    for (const path of pages) {
      await phone.goto(`${server.url}${path}`);
      await phone.getByRole('heading', { level: 1 }).first().waitFor();
      await settled(phone);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
    }
    await shot('phone-settings', phone);
    await phone.close();
  });

  it('adds a topic (pointing at a query error first), an alert rule, and an API token shown once', async () => {
    await page.goto(`${server.url}/settings`);
    await settled();
    const form = page.locator('section[aria-labelledby="topics-title"] form');
    await form.getByLabel('Name').fill('Espresso');
    const query = form.getByLabel('Query');
    await query.fill('espresso AND');
    await page.getByTestId('query-error').waitFor();
    expect(await form.getByRole('button', { name: 'Add topic' }).isDisabled()).toBe(true);
    await query.fill('espresso OR #espresso');
    await page.getByTestId('query-error').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Add topic' }).click();
    // A write through the session cookie: it only passes with the CSRF header the app sends.
    await page.getByRole('status').filter({ hasText: 'Topic “Espresso” created' }).waitFor();
    await page.getByRole('row', { name: /Espresso/ }).waitFor();

    const alertForm = page.locator('section[aria-labelledby="alerts-title"] form');
    await alertForm.getByLabel('Name').fill('Crisis watch');
    await alertForm.getByLabel('Topic').selectOption({ label: 'Brewly' });
    await alertForm.getByLabel(/Send to/).fill('pr@example.com, ceo@example.com');
    await alertForm.getByRole('button', { name: 'Add alert rule' }).click();
    await page.locator('section[aria-labelledby="alerts-title"] li').filter({ hasText: 'Crisis watch' }).filter({ hasText: 'pr@example.com, ceo@example.com' }).waitFor();

    await page.getByLabel('Token name').fill('e2e integration');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.locator('.token-once code');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^\S{20,}$/);
    await page.getByRole('row', { name: /e2e integration/ }).waitFor();
    await shot('settings-after-changes');
  });

  it('edits a connector (the server’s validation shown in the form), pauses and resumes it, and switches an alert rule off and on', async () => {
    await page.goto(`${server.url}/settings`);
    await settled();
    const connectors = page.locator('section[aria-labelledby="connectors-title"]');
    await connectors.getByRole('button', { name: `Edit “${DEMO_SOURCE}”` }).click();
    const form = connectors.locator('form[aria-labelledby="connector-form-title"]');
    await form.getByLabel('Name').fill('Brewly news');
    await form.getByLabel('Poll every (minutes)').fill('45');
    const options = form.getByLabel(/^Options/);
    await options.fill('{"url": "not a feed address"}');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: /^rss source: url/ }).waitFor();
    await options.fill('{"url": "http://127.0.0.1:9/news.xml"}');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const row = connectors.getByRole('row', { name: /Brewly news/ });
    await row.filter({ hasText: 'http://127.0.0.1:9/news.xml' }).filter({ hasText: 'paused' }).waitFor();
    await connectors.getByRole('button', { name: 'Resume “Brewly news”' }).click();
    await connectors.getByRole('button', { name: 'Pause “Brewly news”' }).click();
    await connectors.getByRole('button', { name: 'Resume “Brewly news”' }).waitFor();

    // A source of a kind the page has no code for: its fields come from GET /sources/kinds.
    const add = connectors.locator('form[aria-labelledby="add-connector-title"]');
    await add.getByLabel('Network').selectOption('telegram');
    await add.getByLabel('Channels (one per line)').fill('not a channel');
    await add.getByRole('button', { name: 'Add connector' }).click();
    await add.getByRole('alert').filter({ hasText: /^telegram source: channels\.0: a public channel username/ }).waitFor();
    await add.getByLabel('Channels (one per line)').fill('brewlynews');
    await add.getByRole('button', { name: 'Add connector' }).click();
    await connectors.getByRole('row', { name: /t\.me\/brewlynews/ }).waitFor();
    await add.getByLabel('Network').selectOption('threads');
    await add.getByLabel('Searches (one per line)').fill('brewly\ncold brew');
    await add.getByLabel('Access token').fill('threads-user-token');
    await add.getByText('More options').click();
    await add.getByLabel('Searches per day for this source').fill('1000');
    await add.getByRole('button', { name: 'Add connector' }).click();
    await connectors.getByRole('row', { name: /"brewly" "cold brew" on Threads/ }).waitFor();
    expect(await connectors.textContent()).not.toContain('threads-user-token');

    // The rule the previous test added.
    const alerts = page.locator('section[aria-labelledby="alerts-title"]');
    await alerts.getByRole('button', { name: 'Switch off “Crisis watch”' }).click();
    await alerts.locator('li').filter({ hasText: 'Crisis watch' }).filter({ hasText: 'disabled' }).waitFor();
    await shot('settings-connector-edited');

    // Stored, not just shown: a reload reads them back from the server.
    await page.reload();
    await settled();
    await connectors.getByRole('row', { name: /Brewly news/ }).filter({ hasText: 'paused' }).waitFor();
    await alerts.getByRole('button', { name: 'Switch on “Crisis watch”' }).click();
    await alerts.getByRole('button', { name: 'Switch off “Crisis watch”' }).waitFor();
    expect(await alerts.locator('li').filter({ hasText: 'Crisis watch' }).textContent()).not.toContain('disabled');
  });

  it('adds a connector from the form, the network’s own fields and the server’s validation shown', async () => {
    await page.goto(`${server.url}/settings`);
    await settled();
    const connectors = page.locator('section[aria-labelledby="connectors-title"]');
    const add = connectors.locator('form[aria-labelledby="add-connector-title"]');
    await add.getByLabel('Network').selectOption('youtube');
    await add.getByLabel('API key').waitFor();
    await add.getByLabel('Network').selectOption('lemmy');
    expect(await add.getByLabel('API key').count()).toBe(0);
    await add.getByLabel('Instance', { exact: true }).fill('http://');
    await add.getByLabel(/^Searches/).fill('brewly\nbrewly coffee');
    await add.getByText('More options').click();
    await add.getByLabel('Community').fill('coffee');
    await add.getByRole('button', { name: 'Add connector' }).click();
    await add.getByRole('alert').filter({ hasText: /^lemmy source: instance/ }).waitFor();
    await add.getByLabel('Instance', { exact: true }).fill('http://127.0.0.1:9');
    await add.getByLabel('Posts from').selectOption({ label: 'This instance only' });
    await add.getByRole('button', { name: 'Add connector' }).click();
    await connectors.getByRole('row', { name: /lemmy: "brewly" "brewly coffee" in !coffee/ }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await shot('settings-connector-added');
  });

  it('signs out', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The session is gone on the server too: a reload stays on the sign-in form.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
