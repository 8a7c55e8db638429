/**
 * Campaigns → Tracked links: every UTM link with its clicks and the short link that
 * counts them, a button that copies it, and (for editors) a form that builds one as
 * `murmur campaign link` does. The preview of the destination is built by the same
 * function as the server's (src/roi/utm.ts), so what you see is what the link opens.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type UtmLinkView } from '../api/endpoints.ts';
import type { Campaign } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Async, Empty } from '../components/Async.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { FormButtons, FormError, useWrites } from '../components/FormError.tsx';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { formatNumber } from '../i18n/format.ts';
import { LinkInputSchema, LinkPatchSchema, type LinkInput, type LinkPatch } from '../../../src/roi/roi-schema.ts';
import { buildUtmUrl } from '../../../src/roi/utm.ts';

const FIELDS = ['campaign', 'url', 'source', 'medium', 'content', 'term'] as const;
type LinkDraft = Record<(typeof FIELDS)[number], string>;
const emptyLink = (campaign = ''): LinkDraft => ({ campaign, url: '', source: '', medium: '', content: '', term: '' });

function linkInput(d: LinkDraft): LinkInput {
  const input = { campaign: d.campaign === '' ? '' : Number(d.campaign), url: d.url.trim(), source: d.source, medium: d.medium, content: d.content.trim() || undefined, term: d.term.trim() || undefined };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as LinkInput;
}

/** The destination with its UTM parameters, or null while the form cannot make one yet. */
function destinationPreview(d: LinkDraft, campaigns: Campaign[]): string | null {
  const campaign = campaigns.find((c) => String(c.id) === d.campaign);
  if (!campaign) return null;
  try {
    return buildUtmUrl(d.url.trim(), { utm_source: d.source, utm_medium: d.medium, utm_campaign: campaign.utmCampaign, utm_content: d.content, utm_term: d.term });
  } catch {
    return null;
  }
}

export function UtmLinks({ ws, campaigns, editable }: { ws: string; campaigns: Campaign[]; editable: boolean }) {
  const { t } = useTranslation();
  const links = useApi(() => endpoints.links(ws), `${ws}:links`);
  return (
    <section className="card table-wrap" aria-labelledby="utm-links-title">
      <h2 id="utm-links-title">{t('utmLinks.title')}</h2>
      <p className="help">{t('utmLinks.intro')}</p>
      <Async state={links}>
        {(data) => (data.items.length === 0 ? <Empty>{t('utmLinks.none')}</Empty> : <LinkTable ws={ws} links={data.items} campaigns={campaigns} editable={editable} onChanged={links.reload} />)}
      </Async>
      {editable && campaigns.length > 0 && <NewLink ws={ws} campaigns={campaigns} onCreated={links.reload} />}
    </section>
  );
}

function LinkTable({ ws, links, campaigns, editable, onChanged }: { ws: string; links: UtmLinkView[]; campaigns: Campaign[]; editable: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const name = (id: number) => campaigns.find((c) => c.id === id)?.name ?? `#${id}`;
  const [editing, setEditing] = useState<UtmLinkView | null>(null);
  const { error, run } = useWrites();
  const remove = (l: UtmLinkView) =>
    run(async () => {
      await endpoints.deleteLink(ws, l.id);
      if (editing?.id === l.id) setEditing(null);
      onChanged();
    });
  return (
    <>
      <table data-testid="utm-links">
        <thead>
          <tr>
            <th scope="col">{t('utmLinks.campaign')}</th>
            <th scope="col">{t('utmLinks.shortLink')}</th>
            <th scope="col">{t('utmLinks.destination')}</th>
            <th scope="col" className="num">
              {t('utmLinks.clicks')}
            </th>
            {editable && <th scope="col">{t('utmLinks.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {links.map((l) => (
            <tr key={l.id}>
              <th scope="row">{name(l.campaignId)}</th>
              <td>
                <code>{l.shortUrl}</code> <CopyButton text={l.shortUrl} label={t('utmLinks.copyNamed', { code: l.code })} />
              </td>
              <td className="small">
                <code>{l.destination}</code>
              </td>
              <td className="num">{formatNumber(i18n.language, l.clicks)}</td>
              {editable && (
                <td>
                  <button type="button" className="button-link" aria-label={t('utmLinks.editNamed', { code: l.code })} onClick={() => setEditing(l)}>
                    {t('utmLinks.edit')}
                  </button>{' '}
                  {/* A clicked link stays: its clicks count in the campaign's ROI (the API refuses too). */}
                  {l.clicks === 0 ? (
                    <button type="button" className="button-link" aria-label={t('utmLinks.deleteNamed', { code: l.code })} onClick={() => void remove(l)}>
                      {t('utmLinks.delete')}
                    </button>
                  ) : (
                    <span className="muted small">{t('utmLinks.kept')}</span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={error} />
      {editable && <p className="help">{t('utmLinks.rules')}</p>}
      {editing && (
        <EditLink
          key={editing.id}
          ws={ws}
          link={editing}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}

type PatchDraft = Record<(typeof PATCH_FIELDS)[number], string>;
const PATCH_FIELDS = ['url', 'source', 'medium', 'content', 'term'] as const;

/** Every field as the form shows it; an emptied label is cleared (null). */
function linkPatch(d: PatchDraft): LinkPatch {
  return { url: d.url.trim(), source: d.source, medium: d.medium, content: d.content.trim() || null, term: d.term.trim() || null };
}

function EditLink({ ws, link, onDone, onCancel }: { ws: string; link: UtmLinkView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PatchDraft>({ url: link.destination, source: link.utm.source, medium: link.utm.medium, content: link.utm.content ?? '', term: link.utm.term ?? '' });
  const { issues, error, submit: send } = useCheckedSubmit();
  const labelOf = (path: string) => ((PATCH_FIELDS as readonly string[]).includes(path) ? t(`utmLinks.fields.${path}` as never) : path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = linkPatch(draft);
    send(LinkPatchSchema, patch, async () => {
      await endpoints.updateLink(ws, link.id, patch);
      onDone();
    });
  };
  return (
    <form className="stack-form" onSubmit={submit} aria-label={t('utmLinks.editTitle', { code: link.code })} noValidate>
      <h3>{t('utmLinks.editTitle', { code: link.code })}</h3>
      <p className="help">{t('utmLinks.editHelp')}</p>
      <label>
        {t('utmLinks.fields.url')}
        <input type="url" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} />
      </label>
      <div className="form-row">
        {(['source', 'medium', 'content', 'term'] as const).map((key) => (
          <label key={key}>
            {t(`utmLinks.fields.${key}`)}
            <input value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
          </label>
        ))}
      </div>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      <FormButtons submit={t('utmLinks.save')} onCancel={onCancel} cancel={t('planEdit.cancel')} />
    </form>
  );
}

function NewLink({ ws, campaigns, onCreated }: { ws: string; campaigns: Campaign[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LinkDraft>(() => emptyLink(String(campaigns[0]?.id ?? '')));
  const [created, setCreated] = useState<UtmLinkView | null>(null);
  const { issues, error, submit: send } = useCheckedSubmit();
  const labelOf = (path: string) => ((FIELDS as readonly string[]).includes(path) ? t(`utmLinks.fields.${path}` as never) : path);
  const preview = destinationPreview(draft, campaigns);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const input = linkInput(draft);
    send(LinkInputSchema, input, async () => {
      setCreated(await endpoints.createLink(ws, input));
      setDraft(emptyLink(draft.campaign));
      onCreated();
    });
  };
  const field = (key: Exclude<(typeof FIELDS)[number], 'campaign'>, type = 'text') => (
    <label>
      {t(`utmLinks.fields.${key}`)}
      <input type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
    </label>
  );
  return (
    <form className="stack-form" onSubmit={submit} aria-label={t('utmLinks.new')} noValidate>
      <h3>{t('utmLinks.new')}</h3>
      <div className="form-row">
        <label>
          {t('utmLinks.fields.campaign')}
          <select value={draft.campaign} onChange={(e) => setDraft({ ...draft, campaign: e.target.value })}>
            {campaigns.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {field('url', 'url')}
      </div>
      <div className="form-row">
        {field('source')}
        {field('medium')}
        {field('content')}
        {field('term')}
      </div>
      {preview && (
        <p className="help">
          {t('utmLinks.opens')} <code className="long-link" data-testid="utm-preview">{preview}</code>
        </p>
      )}
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      {created && (
        <p className="state" role="status" data-testid="utm-created">
          {t('utmLinks.created')} <code className="long-link">{created.shortUrl}</code> <CopyButton text={created.shortUrl} label={t('utmLinks.copyNamed', { code: created.code })} />
        </p>
      )}
      <button type="submit">{t('utmLinks.create')}</button>
    </form>
  );
}
