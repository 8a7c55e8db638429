/**
 * Campaigns → New campaign / Change a campaign: what `murmur campaign add` and `murmur
 * campaign edit` ask. Checked with the API's CampaignInputSchema / CampaignPatchSchema
 * before it is sent; the server's own refusals (a utm_campaign in use, an unknown topic)
 * show in the form too. A campaign's utm_campaign is fixed once created: links carry it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiTopic, Campaign } from '../api/types.ts';
import { FormError } from '../components/FormError.tsx';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { CampaignInputSchema, CampaignPatchSchema } from '../../../src/roi/roi-schema.ts';
import { campaignDraft, campaignInput, campaignPatch, emptyCampaign, type CampaignDraft } from './campaign-draft.ts';

const FIELDS = ['name', 'utmCampaign', 'channel', 'costMoney', 'costHours', 'currency', 'start', 'end', 'topic', 'hashtag', 'reachReported', 'engagementReported'] as const;

export function CampaignForm({ ws, topics, campaign, onSaved, onCancel }: { ws: string; topics: ApiTopic[]; campaign?: Campaign; onSaved: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const editing = campaign !== undefined;
  const [draft, setDraft] = useState<CampaignDraft>(() => (campaign ? campaignDraft(campaign, topics.find((x) => x.id === campaign.topicId)?.name ?? null) : emptyCampaign()));
  const { issues, error, submit: send } = useCheckedSubmit();
  const set = (key: keyof CampaignDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labelOf = (path: string) => ((FIELDS as readonly string[]).includes(path) ? t(`campaignForm.fields.${path}` as never) : path);
  const title = editing ? t('campaignForm.editNamed', { name: campaign.name }) : t('campaignForm.title');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) {
      const patch = campaignPatch(draft);
      send(CampaignPatchSchema, patch, async () => {
        await endpoints.updateCampaign(ws, campaign.id, patch);
        onSaved();
      });
    } else {
      const input = campaignInput(draft);
      send(CampaignInputSchema, input, async () => {
        await endpoints.createCampaign(ws, input);
        setDraft(emptyCampaign());
        onSaved();
      });
    }
  };

  const input = (key: Exclude<(typeof FIELDS)[number], 'topic'>, props: { type?: string; inputMode?: 'decimal' | 'numeric'; disabled?: boolean; list?: string } = {}) => (
    <label>
      {t(`campaignForm.fields.${key}`)}
      <input value={draft[key]} onChange={(e) => set(key, e.target.value)} {...props} />
    </label>
  );

  return (
    <form className="stack-form" onSubmit={submit} aria-label={title} noValidate>
      <h3>{title}</h3>
      <div className="form-row">
        {input('name')}
        {input('channel')}
        {editing ? (
          <label>
            {t('campaignForm.fields.utmCampaign')}
            <input value={draft.utmCampaign} readOnly aria-describedby={`utm-fixed-${campaign.id}`} />
            <span id={`utm-fixed-${campaign.id}`} className="help">
              {t('campaignForm.utmFixed')}
            </span>
          </label>
        ) : (
          input('utmCampaign')
        )}
      </div>
      <div className="form-row">
        {input('start', { type: 'date' })}
        {input('end', { type: 'date' })}
        {input('costMoney', { inputMode: 'decimal' })}
        {input('currency')}
        {input('costHours', { inputMode: 'decimal' })}
      </div>
      <div className="form-row">
        <label>
          {t('campaignForm.fields.topic')}
          <select value={draft.topic} onChange={(e) => set('topic', e.target.value)}>
            <option value="">{t('campaignForm.noTopic')}</option>
            {topics.map((topic) => (
              <option key={topic.id} value={topic.name}>
                {topic.name}
              </option>
            ))}
          </select>
        </label>
        {input('hashtag')}
        {input('reachReported', { inputMode: 'numeric' })}
        {input('engagementReported', { inputMode: 'numeric' })}
      </div>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      <div className="form-row">
        <button type="submit">{editing ? t('campaignForm.save') : t('campaignForm.create')}</button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            {t('campaignForm.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
