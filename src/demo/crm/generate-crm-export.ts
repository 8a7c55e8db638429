/**
 * Writes brewly-crm-export.csv: a synthetic CRM export (leads and sales) for the demo's
 * campaigns on the sample stream's 90 days. Deterministic (seeded), so the file in the
 * repository is exactly what this script produces:
 *
 *   npx tsx src/demo/crm/generate-crm-export.ts
 *
 * Like real exports it is a little messy: UTM values in mixed spellings, some rows with
 * only a landing-page URL, a re-exported duplicate, and two rows a CRM would not accept
 * (an unknown stage, a day-first date) which the importer must reject by line number.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../core/random.ts';

const random = seededRandom(20260803);
const DAY = 86_400_000;
const START = Date.parse('2026-08-03T00:00:00Z');
const DAYS = 90;

interface Row {
  id: string;
  type: string;
  at: number;
  contact: string;
  amount: number | null;
  utm: { source: string; medium: string; campaign: string; content?: string } | null;
  landing?: string;
}

const rows: Row[] = [];
let contactSeq = 1000;
let eventSeq = 50_000;
const products = [24, 24, 36, 49, 89, 149];

function poisson(mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = random();
  while (u > s && k < 500) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}

function lead(day: number, utm: Row['utm'], landing?: string): { contact: string; at: number } {
  const contact = `C-${contactSeq++}`;
  const at = START + day * DAY + Math.floor((7 + random() * 14) * 3_600_000);
  rows.push({ id: `EV-${eventSeq++}`, type: random() < 0.15 ? 'MQL' : 'Lead', at, contact, amount: null, utm, landing });
  return { contact, at };
}

function maybeSale(origin: { contact: string; at: number }, probability: number, utm: Row['utm']) {
  if (random() >= probability) return;
  const at = origin.at + Math.floor((1 + random() * 12) * DAY);
  if (at >= START + DAYS * DAY) return;
  const amount = products[Math.floor(random() * products.length)]! * (random() < 0.2 ? 2 : 1);
  rows.push({ id: `EV-${eventSeq++}`, type: random() < 0.5 ? 'Closed Won' : 'Purchase', at, contact: origin.contact, amount, utm });
}

const summer = (content: string) => ({ source: random() < 0.5 ? 'Bluesky' : 'mastodon', medium: 'Social', campaign: random() < 0.3 ? 'Brewly Summer' : 'brewly-summer', content });
const baristas = { source: 'bluesky', medium: 'social', campaign: 'brewly-baristas' };
const newsletter = { source: 'newsletter', medium: 'email', campaign: 'autumn-newsletter' };

for (let day = 0; day < DAYS; day++) {
  // #BrewlySummer: a burst on day 20 that dies out with the hashtag.
  if (day >= 20) {
    for (let i = poisson(45 * Math.pow(0.5, (day - 20) / 1.5)); i > 0; i--) {
      const useLanding = random() < 0.25;
      const u = summer(random() < 0.5 ? 'launch-video' : 'giveaway');
      const l = useLanding
        ? lead(day, null, `https://shop.brewly.example/summer?utm_source=${u.source}&utm_medium=${u.medium}&utm_campaign=${encodeURIComponent(u.campaign)}`)
        : lead(day, u);
      maybeSale(l, 0.22, null);
    }
  }
  // Brewly Baristas: advocacy that grows steadily from day 30.
  if (day >= 30) {
    for (let i = poisson(1 + (7 * (day - 30)) / 60); i > 0; i--) {
      const l = lead(day, baristas);
      // Some buy after the newsletter reminds them: a second touch for linear attribution.
      maybeSale(l, 0.3, day >= 43 && random() < 0.3 ? newsletter : null);
    }
  }
  // Autumn newsletter, sent on Tuesdays from day 43.
  if (day >= 43 && new Date(START + day * DAY).getUTCDay() === 2) {
    for (let i = poisson(14); i > 0; i--) maybeSale(lead(day, newsletter), 0.2, null);
  }
  // Organic: no UTM at all.
  for (let i = poisson(0.7); i > 0; i--) maybeSale(lead(day, null), 0.25, null);
}

rows.sort((a, b) => a.at - b.at);
// A row exported twice (the importer must count it once) and two rows the importer must reject.
rows.splice(120, 0, { ...rows[119]! });
rows.splice(200, 0, { id: `EV-${eventSeq++}`, type: 'Refunded', at: rows[199]!.at, contact: rows[199]!.contact, amount: 49, utm: null });
const badDate = { id: `EV-${eventSeq++}`, type: 'Lead', at: rows[300]!.at, contact: `C-${contactSeq++}`, amount: null, utm: baristas };
rows.splice(301, 0, badDate);

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const dayFirst = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const header = ['Record ID', 'Event Type', 'Event Date', 'Contact ID', 'Amount', 'Currency', 'UTM Source', 'UTM Medium', 'UTM Campaign', 'UTM Content', 'Landing Page'];
const lines = [header.join(',')];
for (const r of rows) {
  lines.push(
    [
      r.id,
      r.type,
      r === badDate ? dayFirst(r.at) : stamp(r.at),
      r.contact,
      r.amount === null ? '' : r.amount.toFixed(2),
      'EUR',
      r.utm?.source ?? '',
      r.utm?.medium ?? '',
      r.utm?.campaign ?? '',
      r.utm?.content ?? '',
      r.landing ?? '',
    ]
      .map(quote)
      .join(','),
  );
}
writeFileSync(new URL('./brewly-crm-export.csv', import.meta.url), `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${rows.length} rows\n`);
