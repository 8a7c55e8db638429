/** The weekly checklist: advocacy, activation (hashtags, links, videos), top content, spikes traced to their source. */
import type { ReportContext } from '../context.ts';
import type { Section } from '../document.ts';
import { activationSection, advocacySection, spikesSection, topContentSection } from './shared.ts';

export async function weeklySections(c: ReportContext): Promise<Section[]> {
  return [await advocacySection(c), await activationSection(c), await topContentSection(c), await spikesSection(c, { hourly: false, chartDays: 28 })];
}
