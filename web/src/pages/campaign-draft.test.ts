import { describe, expect, it } from 'vitest';
import type { Campaign } from '../api/types.ts';
import { CampaignInputSchema, CampaignPatchSchema } from '../../../src/roi/roi-schema.ts';
import { schemaIssues } from '../components/schema-issues.tsx';
import { campaignDraft, campaignInput, campaignPatch, emptyCampaign } from './campaign-draft.ts';

const stored: Campaign = {
  id: 3,
  name: 'Spring Sale',
  utmCampaign: 'spring-sale',
  channel: 'mastodon',
  costMoney: 400,
  costHours: 10,
  currency: 'EUR',
  startAt: Date.parse('2026-03-01'),
  endAt: Date.parse('2026-03-31'),
  topicId: 1,
  hashtag: 'spring',
  reachReported: null,
  engagementReported: 1200,
};

describe('the campaign form', () => {
  it('creates with the schema’s defaults for what is left empty, and refuses an end before the start', () => {
    const draft = { ...emptyCampaign(), name: 'Winter', channel: 'Mastodon', start: '2026-12-01' };
    expect(campaignInput(draft)).toEqual({ name: 'Winter', channel: 'Mastodon', currency: 'EUR', start: '2026-12-01', end: null, reachReported: null, engagementReported: null });
    expect(schemaIssues(CampaignInputSchema, campaignInput(draft))).toEqual([]);
    expect(schemaIssues(CampaignInputSchema, campaignInput({ ...draft, end: '2026-11-01' }))).toEqual([{ path: 'end', message: 'ends before it starts' }]);
  });

  it('shows a stored campaign and sends every field back, clearing what was emptied, never its utm_campaign', () => {
    const draft = campaignDraft(stored, 'Brewly');
    expect(draft).toMatchObject({ start: '2026-03-01', end: '2026-03-31', topic: 'Brewly', hashtag: 'spring', reachReported: '', engagementReported: '1200' });
    const patch = campaignPatch({ ...draft, end: '', hashtag: '', costMoney: '950' });
    expect(patch).toEqual({ name: 'Spring Sale', channel: 'mastodon', costMoney: 950, costHours: 10, currency: 'EUR', start: '2026-03-01', end: null, topic: 'Brewly', hashtag: null, reachReported: null, engagementReported: 1200 });
    expect(schemaIssues(CampaignPatchSchema, patch)).toEqual([]);
  });
});
