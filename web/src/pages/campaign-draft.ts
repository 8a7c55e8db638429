/**
 * What the campaign form holds (text, as typed) and what it sends: a CampaignInput when
 * creating, a CampaignPatch when changing one. The rules are the API's schemas
 * (src/roi/roi-schema.ts); an empty optional field is left out (create) or cleared (edit).
 */
import type { Campaign } from '../api/types.ts';
import type { CampaignInput, CampaignPatch } from '../../../src/roi/roi-schema.ts';
import { toIsoDate } from '../../../src/core/validation.ts';
import { numberOrUnset } from './experiment-draft.ts';

export interface CampaignDraft {
  name: string;
  utmCampaign: string;
  channel: string;
  costMoney: string;
  costHours: string;
  currency: string;
  start: string;
  end: string;
  topic: string;
  hashtag: string;
  reachReported: string;
  engagementReported: string;
}

export const emptyCampaign = (): CampaignDraft => ({
  name: '',
  utmCampaign: '',
  channel: '',
  costMoney: '',
  costHours: '',
  currency: 'EUR',
  start: '',
  end: '',
  topic: '',
  hashtag: '',
  reachReported: '',
  engagementReported: '',
});

/** The form filled with a campaign as stored (`topicName`: the name of its topic, if any). */
export function campaignDraft(c: Campaign, topicName: string | null): CampaignDraft {
  return {
    name: c.name,
    utmCampaign: c.utmCampaign,
    channel: c.channel,
    costMoney: String(c.costMoney),
    costHours: String(c.costHours),
    currency: c.currency,
    start: toIsoDate(c.startAt),
    end: c.endAt === null ? '' : toIsoDate(c.endAt),
    topic: topicName ?? '',
    hashtag: c.hashtag ?? '',
    reachReported: c.reachReported === null ? '' : String(c.reachReported),
    engagementReported: c.engagementReported === null ? '' : String(c.engagementReported),
  };
}

const text = (value: string) => (value.trim() === '' ? undefined : value);

export function campaignInput(d: CampaignDraft): CampaignInput {
  const input: CampaignInput = {
    name: d.name,
    utmCampaign: text(d.utmCampaign),
    channel: d.channel,
    costMoney: numberOrUnset(d.costMoney),
    costHours: numberOrUnset(d.costHours),
    currency: text(d.currency.toUpperCase()),
    start: d.start,
    end: text(d.end) ?? null,
    topic: text(d.topic),
    hashtag: text(d.hashtag),
    reachReported: numberOrUnset(d.reachReported) ?? null,
    engagementReported: numberOrUnset(d.engagementReported) ?? null,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CampaignInput;
}

/** Every editable field, as the form shows it: an emptied optional field is cleared. */
export function campaignPatch(d: CampaignDraft): CampaignPatch {
  return {
    name: d.name,
    channel: d.channel,
    costMoney: numberOrUnset(d.costMoney) ?? 0,
    costHours: numberOrUnset(d.costHours) ?? 0,
    currency: d.currency.toUpperCase(),
    start: d.start,
    end: text(d.end) ?? null,
    topic: text(d.topic) ?? null,
    hashtag: text(d.hashtag) ?? null,
    reachReported: numberOrUnset(d.reachReported) ?? null,
    engagementReported: numberOrUnset(d.engagementReported) ?? null,
  };
}
