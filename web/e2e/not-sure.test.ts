/**
 * The not-sure share beside net sentiment (docs/figures.md), in a real browser on a demo
 * store: the overview's net sentiment card says what share of the day's mentions the model
 * was not sure of, the figure the API answered, with its explanation on hover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleStream } from '../../src/demo/sample-stream.ts';
import { NOT_SURE_BELOW, wholePercent } from '../../src/watch/figure-definitions.ts';
import { TEST_MS } from './harness.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';

let dashboard: SignedIn;

describe('the not-sure share in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    dashboard = await signedInDashboard('murmur-e2e-not-sure-', '/', 'At a glance');
  }, TEST_MS);

  afterAll(async () => {
    await dashboard?.close();
  });

  it("shows the day's not-sure share on the net sentiment card, as the API answers it", async () => {
    const { page, server, settled } = dashboard;
    // The crisis day of the demo (signedInDashboard's scale 0.1): a day with data.
    const day = generateSampleStream({ scale: 0.1, withLabels: false }).groundTruth.crisis.date;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/watch/overview') && r.url().includes(`date=${day}`) && r.status() === 200),
      page.goto(`${server.url}/?date=${day}`),
    ]);
    const { notSureShare } = (await answer.json()) as { notSureShare: number | null };
    // The demo's mentions carry the model's probabilities: some of a day's are not sure.
    expect(notSureShare).toBeGreaterThan(0);
    await settled();
    const note = page.getByTestId('kpi-netSentiment').getByTestId('not-sure-share');
    expect(await note.textContent()).toBe(`${wholePercent(notSureShare!)} % not sure`);
    expect(await note.getAttribute('title')).toContain(`under ${wholePercent(NOT_SURE_BELOW)} %`);
    await dashboard.shot('overview-not-sure');
  });
});
