/**
 * Building a plan from empty in a real browser against a real `murmur serve`: a new plan,
 * its goal, a team member with a role, a persona, a KPI with a quarterly target (and the
 * expected path drawn through it), a task moved to done, a monthly review that revises
 * the target; then the same plan read back
 * through the CLI, and every step in the version history with its field-by-field diff.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir, TEST_MS } from './harness.ts';
import { addDemoUser, DEMO_USER, murmur } from './seed.ts';


let dir: ReturnType<typeof tempDir>;
let db: string;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

/** Waits for the page to show plan version `n`: the answer to the last change has arrived. */
const version = (n: number) => page.locator(`[data-testid="plan-current-version"][data-version="${n}"]`).waitFor();

describe('plan editing in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    dir = tempDir('murmur-e2e-plan-');
    db = join(dir.path, 'murmur.db');
    // An empty workspace: no demo, so no plan, only the account the browser signs in with.
    addDemoUser(db);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    page = await browser.newPage();
    browser.setDefaultTimeout(STEP_MS);
    await page.goto(`${server.url}/plan`);
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill(DEMO_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
  }, TEST_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir?.remove();
  });

  it('builds a plan from empty, and the CLI and the history show every step', async () => {
    await page.getByText('No plan yet').waitFor();
    const create = page.getByRole('form', { name: 'New plan' });
    await create.getByLabel('Name').fill('Bakery 2026');
    await create.getByLabel('Starts on').fill('2026-01-01');
    await create.getByRole('button', { name: 'Create the plan' }).click();
    await version(1);

    await page.getByRole('button', { name: 'Edit the goal, the one thing and the start' }).click();
    const goal = page.getByRole('form', { name: 'Goal' });
    await goal.getByLabel('Kind of goal').selectOption('awareness');
    await goal.getByLabel('The goal in one sentence').fill('Be the bakery Lyon talks about');
    await goal.getByLabel('Why this goal comes first').fill('Few people know us outside the street');
    await goal.getByRole('button', { name: 'Save the goal' }).click();
    await version(2);

    await page.getByRole('button', { name: 'Add a team member' }).click();
    const member = page.getByRole('form', { name: 'Team member' });
    await member.getByLabel('Name', { exact: true }).fill('Ana');
    await member.getByLabel('Department').fill('Marketing');
    await member.getByRole('button', { name: 'Add a role' }).click();
    await member.getByLabel('Channel or task').fill('mastodon');
    await member.getByLabel('Role', { exact: true }).fill('community manager');
    await member.getByRole('button', { name: 'Add a team member' }).click();
    await version(3);
    await page.getByRole('row', { name: /Ana\s*Marketing\s*community manager · mastodon/ }).waitFor();

    await page.getByRole('button', { name: 'Add a persona' }).click();
    const persona = page.getByRole('form', { name: 'Persona' });
    await persona.getByLabel('Name', { exact: true }).fill('Local foodie');
    await persona.getByLabel('Demographics').fill('25-40, Lyon');
    await persona.getByRole('button', { name: 'Add a persona' }).click();
    await version(4);

    // The form checks the change with the API's own rules before sending it.
    await page.getByRole('button', { name: 'Add a KPI' }).click();
    const kpi = page.getByRole('form', { name: 'KPI' });
    await kpi.getByLabel('Short id').fill('mentions');
    await kpi.getByLabel('Name', { exact: true }).fill('Brand mentions');
    await kpi.getByLabel('Metric').selectOption('mentions');
    await kpi.getByRole('button', { name: 'Add a KPI' }).click();
    await kpi.getByRole('alert').filter({ hasText: 'kpis[0].targets: give at least one quarterly target or forecast point' }).waitFor();
    await kpi.getByRole('button', { name: 'Add a target' }).click();
    await kpi.getByLabel('Quarter').fill('2026-Q1');
    await kpi.getByLabel('Value').fill('90');
    await kpi.getByRole('button', { name: 'Add a KPI' }).click();
    await version(5);
    // A flow target of 90 for the quarter is 30 a month, sketched mid-quarter.
    await page.getByRole('button', { name: 'Expected path' }).click();
    await page.getByRole('list', { name: 'Expected path of Brand mentions' }).getByText(/2026-02\s*30\s*\(sketched\)/).waitFor();

    await page.getByRole('button', { name: 'Add a task' }).click();
    const task = page.getByRole('form', { name: 'Task' });
    await task.getByLabel('Short id').fill('photos');
    await task.getByLabel('Title').fill('Shoot product photos');
    await task.getByLabel('Owner').selectOption('Ana');
    await task.getByLabel('Due').fill('2026-01-20');
    await task.getByRole('button', { name: 'Add a task' }).click();
    await version(6);
    await page.getByLabel('Status of Shoot product photos').selectOption('done');
    await version(7);

    // The monthly review: a decision and the target revision it decided.
    const review = page.getByRole('form', { name: 'Record a review' });
    await review.getByLabel('Month').fill('2026-01');
    await review.getByLabel('Decisions (one per line)').fill('Lower the Q1 target');
    await review.getByRole('button', { name: 'Add a revision' }).click();
    await review.getByLabel('Quarter').fill('2026-Q1');
    await review.getByLabel('Value').fill('60');
    await review.getByRole('button', { name: 'Record a review' }).click();
    await version(8);
    await page.getByTestId('plan-review').filter({ hasText: 'Lower the Q1 target' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'plan-built.png'), fullPage: true });

    const shown = JSON.parse(murmur(['--db', db, 'plan', 'show', '--plan', 'Bakery 2026', '--json']));
    expect(shown.version).toBe(8);
    expect(shown.document).toMatchObject({
      name: 'Bakery 2026',
      startsOn: '2026-01-01',
      goal: { type: 'awareness', statement: 'Be the bakery Lyon talks about', justification: 'Few people know us outside the street' },
      team: [{ name: 'Ana', department: 'Marketing', roles: [{ channel: 'mastodon', role: 'community manager' }] }],
      personas: [{ name: 'Local foodie', demographics: '25-40, Lyon' }],
      kpis: [{ id: 'mentions', name: 'Brand mentions', metric: 'mentions', targets: [{ quarter: '2026-Q1', value: 60 }] }],
      tasks: [{ id: 'photos', title: 'Shoot product photos', owner: 'Ana', due: '2026-01-20', status: 'done' }],
    });
    const history = JSON.parse(murmur(['--db', db, 'plan', 'history', '--plan', 'Bakery 2026', '--json'])) as { author: string; change: string }[];
    expect(history.map((h) => h.change)).toEqual([
      'created',
      'set goal to awareness',
      'added team member Ana',
      'added persona Local foodie',
      'added KPI mentions',
      'added task photos',
      'task photos → done',
      'revised targets of KPI mentions (review 2026-01)',
    ]);
    expect(new Set(history.map((h) => h.author))).toEqual(new Set([DEMO_USER.email]));

    const versions = page.getByRole('region', { name: 'Version history' }).getByTestId('plan-version');
    await versions.filter({ hasText: 'revised targets of KPI mentions (review 2026-01)' }).waitFor();
    expect(await versions.count()).toBe(8);
    await versions.filter({ hasText: 'task photos → done' }).getByRole('button', { name: 'What changed' }).click();
    await page.getByRole('list', { name: 'Changes in version 7' }).getByText('tasks[photos].status: "todo" → "done"').waitFor();
    await versions.first().getByRole('button', { name: 'What changed' }).click();
    await page.getByRole('list', { name: 'Changes in version 8' }).getByText('kpis[mentions].targets[2026-Q1].value: 90 → 60').waitFor();
    // And everything since the plan was created, as `murmur plan diff 1` prints it.
    await versions.last().getByRole('button', { name: 'Changes since' }).click();
    const since = page.getByRole('list', { name: 'Changes from version 1 to 8' });
    await since.getByText(/^team\[Ana\]: \(none\) → \{"name":"Ana"/).waitFor();
    // The plan as it was at version 3 (as `plan show --version 3`): Ana on the team, no persona yet.
    await versions.filter({ hasText: 'added team member Ana' }).getByRole('button', { name: 'Show this version' }).click();
    const third = page.getByRole('region', { name: 'The plan at version 3' });
    await third.getByRole('row', { name: /Ana\s*Marketing/ }).waitFor();
    expect(await third.getByText('Local foodie').count()).toBe(0);
    expect(await third.getByRole('button', { name: /^(Edit|Remove|Add)/ }).count()).toBe(0);
    expect(await since.locator('li').count()).toBe(JSON.parse(murmur(['--db', db, 'plan', 'diff', '1', '--plan', 'Bakery 2026', '--json'])).changes.length);
    await page.screenshot({ path: join(SHOTS, 'plan-history.png'), fullPage: true });
  });

  it('edits a topic and an alert rule in Settings, as the CLI then reads them', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const topics = page.getByRole('region', { name: 'Topics' });
    await topics.getByLabel('Name', { exact: true }).fill('Bakery');
    await topics.getByLabel('Query').fill('bakery');
    await topics.getByRole('button', { name: 'Add topic' }).click();
    await topics.getByRole('status').filter({ hasText: 'Topic “Bakery” created' }).waitFor();

    await topics.getByRole('button', { name: 'Edit the topic Bakery' }).click();
    const topic = page.getByRole('form', { name: 'Edit the topic Bakery' });
    await topic.getByLabel('Name', { exact: true }).fill('Bakery Lyon');
    await topic.getByLabel('Query').fill('bakery OR boulangerie');
    await topic.getByRole('button', { name: 'Save the topic' }).click();
    await topics.getByRole('status').filter({ hasText: 'Topic “Bakery Lyon” saved' }).waitFor();

    const alerts = page.getByRole('region', { name: 'Alert rules' });
    const add = alerts.getByRole('form', { name: 'Add alert rule' });
    await add.getByLabel('Name', { exact: true }).fill('Bad days');
    await add.getByLabel('Topic').selectOption({ label: 'Bakery Lyon' });
    await add.getByLabel('Send to').fill('ana@example.com');
    await add.getByRole('button', { name: 'Add alert rule' }).click();
    await alerts.getByRole('listitem').filter({ hasText: 'Bad days' }).waitFor();

    await alerts.getByRole('button', { name: 'Edit the alert rule Bad days' }).click();
    const rule = alerts.getByRole('form', { name: 'Edit the alert rule Bad days' });
    expect(await rule.getByLabel('Send to').inputValue()).toBe('ana@example.com');
    await rule.getByLabel('Name', { exact: true }).fill('Volume in Lyon');
    await rule.getByLabel('Kind').selectOption('volume-spike');
    // The finer settings show the rule's own, and the form checks them with the API's schema before sending.
    expect(await rule.getByLabel('Spikes counted by').inputValue()).toBe('hour');
    await rule.getByLabel('Spikes counted by').selectOption('day');
    await rule.getByLabel('Spikes: alert from this severity').selectOption('high');
    await rule.getByLabel('Language of the alert').selectOption('fr');
    await rule.getByLabel('Posts: alert from this reach (audience of the author)').fill('0');
    await rule.getByRole('button', { name: 'Save the alert rule' }).click();
    await rule.getByTestId('field-issues').filter({ hasText: 'Posts: alert from this reach' }).waitFor();
    await rule.getByLabel('Posts: alert from this reach (audience of the author)').fill('2500');
    await rule.getByRole('button', { name: 'Save the alert rule' }).click();
    await alerts.getByRole('listitem').filter({ hasText: 'Volume in Lyon' }).waitFor();
    // The list shows the rule's finer settings in words, never the schema's keys.
    const settings = alerts.getByRole('listitem').filter({ hasText: 'Volume in Lyon' }).getByTestId('alert-rule-settings');
    expect(await settings.getByRole('listitem').allTextContents()).toEqual([
      'Counted day by day',
      'Severity High or higher',
      'Looks back over the last 2 days',
      'Stays quiet for 2 days about a spike it already sent',
      'Days and hours in the UTC time zone',
      'Written in Français',
      'Sent to e-mail to ana@example.com',
    ]);
    expect(await alerts.getByRole('list').first().textContent()).not.toMatch(/volume-spike|minSeverity|granularity|timeZone/);
    await page.screenshot({ path: join(SHOTS, 'settings-edited.png'), fullPage: true });

    const listed = JSON.parse(murmur(['--db', db, 'topics', 'list', '--json'])) as { name: string; query: string }[];
    expect(listed.map((x) => [x.name, x.query])).toEqual([['Bakery Lyon', 'bakery OR boulangerie']]);
    const rules = JSON.parse(murmur(['--db', db, 'alerts', 'list', '--json'])) as { name: string; kind: string; channels: unknown[]; params: Record<string, unknown> }[];
    expect(rules.map((r) => [r.name, r.kind, r.channels])).toEqual([['Volume in Lyon', 'volume-spike', [{ type: 'email', to: ['ana@example.com'] }]]]);
    expect(rules[0]!.params).toMatchObject({ granularity: 'day', minSeverity: 'high', minReach: 2500, lang: 'fr' });
  });
});
