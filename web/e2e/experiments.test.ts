/**
 * An experiment from creation to verdict in a real browser against `murmur serve`: the
 * form refuses an experiment without an end date (the API schema's message, no request),
 * creates a rate experiment with a guardrail, records a day of each arm, shows them in the
 * analysis, and closes it with a verdict that the CLI then reads from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateKey } from '../../src/watch/time.ts';
import { murmur } from './seed.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';
import { TEST_MS } from './harness.ts';

const NAME = 'Newsletter call to action';
let dash: SignedIn;

describe('experiments in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    dash = await signedInDashboard('murmur-e2e-experiments-', '/experiments', 'Experiments');
  }, TEST_MS);
  afterAll(async () => dash?.close());

  it('sizes an experiment before launch in plain words, as `murmur experiment size` does', async () => {
    const { page } = dash;
    await dash.settled();
    const form = page.getByRole('form', { name: 'How big must the test be?' });
    await form.getByLabel('Current rate (%)').fill('10');
    await form.getByRole('button', { name: 'Compute' }).click();
    await form.getByRole('alert').filter({ hasText: 'Rise to detect (percentage points): give the lift to detect' }).waitFor();
    await form.getByLabel('Rise to detect (percentage points)').fill('2');
    await form.getByLabel('Trials per day in each arm (optional)').fill('250');
    await form.getByLabel('Trials each arm can get (optional)').fill('5000');
    await form.getByRole('button', { name: 'Compute' }).click();
    const answer = form.getByTestId('experiment-size-answer');
    await answer.filter({ hasText: 'To see a rise from 10% to 12%, each arm needs 3,841 trials' }).waitFor();
    const cli = JSON.parse(murmur(['experiment', 'size', '--baseline-rate', '0.1', '--lift', '0.02', '--trials-per-day', '250', '--trials', '5000', '--json']));
    const text = await answer.textContent();
    expect(text).toContain(`that is ${cli.daysNeeded} days`);
    expect(text).toContain(`With 5,000 trials per arm, the smallest rise you can detect is +${(100 * cli.detectableLift).toFixed(2)} pt`);
    expect(text).toContain('At 95% confidence, with 80% chance');
    expect(await dash.phoneOverflow(), 'the calculator is wider than a phone').toEqual([]);
  });

  it('creates an experiment, records both arms and closes it with a verdict', async () => {
    const { page } = dash;
    await dash.settled();
    // Running now: started a week ago, ends in three weeks (relative to the clock).
    const today = localDateKey(Date.now(), 'UTC');
    const start = addDays(today, -7);
    const form = page.getByRole('form', { name: 'New experiment' });
    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Hypothesis (what you expect and why)').fill('A clearer button gets more clicks from the newsletter');
    await form.getByLabel('New channel or tactic').fill('New call to action');
    await form.getByLabel('Rides on (a channel that already works)').fill('newsletter');
    await form.getByLabel('Start date').fill(start);
    await form.getByRole('button', { name: 'Create the experiment' }).click();
    await form.getByRole('alert').filter({ hasText: 'End date: an experiment is time-boxed: give its end date (YYYY-MM-DD)' }).waitFor();
    expect(JSON.parse(murmur(['--db', dash.server.db, 'experiment', 'list', '--json'])).map((e: { name: string }) => e.name)).not.toContain(NAME);

    await form.getByLabel('End date').fill(addDays(today, 21));
    await form.getByLabel('Kind of measure').selectOption('rate');
    await form.getByLabel('Rate (successes / trials, e.g. clicks / impressions)').fill('clicks / opens');
    await form.getByRole('button', { name: 'Add a guardrail' }).click();
    const guardrail = form.getByRole('group', { name: 'Guardrail 1' });
    await guardrail.getByLabel('Guardrail name').fill('Bluesky keeps its mentions');
    await guardrail.getByLabel('Network').selectOption('bluesky');
    await guardrail.getByLabel('Largest drop allowed (%)').fill('25');
    await form.getByRole('button', { name: 'Create the experiment' }).click();
    await form.getByRole('status').filter({ hasText: `Experiment “${NAME}” created.` }).waitFor();
    await form.getByRole('button', { name: 'Add a guardrail' }).click();
    expect(await dash.phoneOverflow(), 'the form is wider than a phone').toEqual([]);
    await form.getByRole('button', { name: 'Remove this guardrail' }).click();

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME }) });
    await card.waitFor();
    expect(await card.locator('.badge').first().textContent()).toBe('Running');
    await card.getByText('Record results or close').click();
    const observe = card.getByRole('form', { name: `Record a day of “${NAME}”` });
    for (const [arm, day, successes] of [['baseline', start, '40'], ['variant', addDays(start, 1), '70']] as const) {
      await observe.getByLabel('Arm').selectOption(arm);
      await observe.getByLabel('Day').fill(day);
      await observe.getByLabel('Successes').fill(successes);
      await observe.getByLabel('Trials').fill('1000');
      await observe.getByRole('button', { name: 'Record' }).click();
      // The form empties its figures once the API has stored them.
      await expect.poll(() => observe.getByLabel('Trials').inputValue(), { timeout: 60_000 }).toBe('');
      expect(await observe.getByRole('alert').count()).toBe(0);
    }

    await card.getByText('Analysis so far').click();
    const result = card.getByTestId('experiment-result');
    await result.filter({ hasText: '40 of 1,000' }).filter({ hasText: '70 of 1,000' }).waitFor();
    expect(await result.locator('tbody tr').count()).toBe(1);
    await dash.shot('experiment-observed');

    const close = card.getByRole('form', { name: `Close “${NAME}” with a verdict` });
    await close.getByRole('button', { name: 'Record the verdict' }).click();
    await close.getByRole('alert').filter({ hasText: 'Verdict:' }).waitFor();
    await close.getByLabel('Verdict').selectOption('adopt');
    await close.getByLabel('Why').fill('Clicks rose by three points and the guardrail held');
    await close.getByRole('button', { name: 'Record the verdict' }).click();

    const decided = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME }) });
    await decided.getByTestId('verdict-reasoning').filter({ hasText: 'Clicks rose by three points' }).waitFor();
    expect(await decided.locator('.badge.verdict-adopt').textContent()).toBe('Adopt');
    expect(await decided.getByText('Record results or close').count()).toBe(0);
    await dash.shot('experiment-verdict');
    const stored = JSON.parse(murmur(['--db', dash.server.db, 'experiment', 'show', NAME, '--json'])) as { verdict: string; guardrails: Array<{ scope: { source?: string }; maxDropPct: number }> };
    expect(stored.verdict).toBe('adopt');
    expect(stored.guardrails).toEqual([expect.objectContaining({ name: 'Bluesky keeps its mentions', scope: { source: 'bluesky' }, maxDropPct: 25 })]);
  });
});
