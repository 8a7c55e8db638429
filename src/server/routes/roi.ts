/**
 * Prove ROI: campaigns, UTM links with short codes, the ROI report (src/roi/). The public
 * redirect (/r/:code) and the signed CRM webhook are in roi-public.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCampaign, getCampaign, listCampaigns, updateCampaign } from '../../roi/campaigns.ts';
import { createLink, deleteLink, listLinks, updateLink } from '../../roi/links.ts';
import { CampaignInputSchema, CampaignPatchSchema, LinkInputSchema, LinkPatchSchema } from '../../roi/roi-schema.ts';
import { roiReport } from '../../roi/report.ts';
import { crmWebhookSecretStatus, rotateCrmWebhookSecret, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../roi/webhook.ts';
import { publicBase, publicUrl, type PublicBase } from '../../core/public-url.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { API_PREFIX_PUBLIC_CRM, REDIRECT_PREFIX } from './roi-public.ts';
import { DayOrTime, IdParam, instantOf, libraryItems, libraryResult, WorkspaceParams } from '../schemas.ts';


export const roiRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['roi'];
  // Absolute links start with the public base URL, never the request's Host header (core/public-url.ts).
  const base = () => publicBase(app.settings.listenUrl);
  const shortUrlOf = (link: { code: string }, at: PublicBase) => publicUrl(at, `${REDIRECT_PREFIX}/${link.code}`);
  const withShortUrl = <L extends { code: string }>(link: L) => {
    const at = base();
    return { ...link, shortUrl: shortUrlOf(link, at), publicUrlGuessed: at.guessed };
  };

  app.get(
    '/workspaces/:ws/campaigns',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Campaigns with channel, cost and dates', params: WorkspaceParams, response: { 200: libraryItems('Campaign[] from src/roi/campaigns.ts', 'Campaigns') } } },
    async (request) => ({ items: await listCampaigns(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/campaigns/:id',
    { config: { access: 'viewer' }, schema: { tags, summary: 'One campaign', params: WorkspaceParams.extend({ id: IdParam }), response: { 200: libraryResult('Campaign', 'Campaign from src/roi/campaigns.ts'), 404: ErrorResponse } } },
    async (request) => getCampaign(store, workspaceOf(request).id, request.params.id),
  );

  app.post(
    '/workspaces/:ws/campaigns',
    { config: { access: 'editor' }, schema: { tags, summary: 'Create a campaign', params: WorkspaceParams, body: CampaignInputSchema, response: { 201: libraryResult('CreatedCampaign', 'Campaign'), 400: ErrorResponse } } },
    async (request, reply) => reply.code(201).send(await addCampaign(store, workspaceOf(request).id, request.body)),
  );

  app.patch(
    '/workspaces/:ws/campaigns/:id',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Change a campaign (any field but its utm_campaign; null clears the end, topic or hashtag)', params: WorkspaceParams.extend({ id: IdParam }), body: CampaignPatchSchema, response: { 200: libraryResult('UpdatedCampaign', 'Campaign'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => updateCampaign(store, workspaceOf(request).id, request.params.id, request.body),
  );

  app.get(
    '/workspaces/:ws/links',
    {
      config: { access: 'viewer' },
      schema: { tags, summary: 'UTM links with their click counts', params: WorkspaceParams, querystring: z.object({ campaign: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ items: z.array(z.unknown()).describe('UtmLink[] with shortUrl'), publicUrlGuessed: z.boolean() }).meta({ id: 'UtmLinks' }) } },
    },
    async (request) => {
      const links = await listLinks(store, workspaceOf(request).id, request.query.campaign);
      const at = base();
      return { items: links.map((l) => ({ ...l, shortUrl: shortUrlOf(l, at) })), publicUrlGuessed: at.guessed };
    },
  );

  app.post(
    '/workspaces/:ws/links',
    { config: { access: 'editor' }, schema: { tags, summary: 'Build a UTM link with a short code that counts clicks', params: WorkspaceParams, body: LinkInputSchema, response: { 201: libraryResult('UtmLink', 'UtmLink with shortUrl'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const link = await createLink(store, workspaceOf(request).id, request.body);
      return reply.code(201).send(withShortUrl(link));
    },
  );

  app.patch(
    '/workspaces/:ws/links/:id',
    {
      config: { access: 'editor' },
      schema: { tags, summary: "Change a link's destination page or UTM labels (null clears content or term); its short code and campaign stay", params: WorkspaceParams.extend({ id: IdParam }), body: LinkPatchSchema, response: { 200: libraryResult('UpdatedUtmLink', 'UtmLink with shortUrl'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => {
      return withShortUrl(await updateLink(store, workspaceOf(request).id, request.params.id, request.body));
    },
  );

  app.delete(
    '/workspaces/:ws/links/:id',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Delete a link nobody has clicked; a clicked link is refused with 409 link_has_clicks (its clicks count in the ROI)', params: WorkspaceParams.extend({ id: IdParam }), response: { 204: z.null(), 404: ErrorResponse, 409: ErrorResponse } },
    },
    async (request, reply) => {
      await deleteLink(store, workspaceOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/roi',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Funnel and ROI per campaign or channel, last-touch or linear attribution',
        params: WorkspaceParams,
        querystring: z.object({ by: z.enum(['campaign', 'channel']).default('campaign'), attribution: z.enum(['last', 'linear']).default('last'), from: DayOrTime.optional().describe('From this UTC day YYYY-MM-DD or ISO time'), to: DayOrTime.optional().describe('Through this UTC day YYYY-MM-DD (included), or before this ISO time') }),
        response: { 200: libraryResult('RoiReport', 'RoiReport from src/roi/report.ts') },
      },
    },
    async (request) => {
      const { by, attribution, from, to } = request.query;
      return roiReport(store, workspaceOf(request).id, { by, attribution, ...(from ? { from: instantOf(from, 'from').getTime() } : {}), ...(to ? { to: instantOf(to, 'to').getTime() } : {}) });
    },
  );

  // The secret is shown once, in the answer that makes it: every read gives only whether one is set.
  const guessedField = z.boolean().describe('true when MURMUR_PUBLIC_URL is unset and the URL starts with the server\'s listen address');
  const WebhookStatus = z
    .object({ url: z.string(), publicUrlGuessed: guessedField, set: z.boolean(), setAt: z.number().nullable().describe('epoch ms the secret was made or last rotated'), signatureHeader: z.string(), timestampHeader: z.string() })
    .meta({ id: 'CrmWebhookStatus' });
  const WebhookSetup = z
    .object({ url: z.string(), publicUrlGuessed: guessedField, secret: z.string(), signatureHeader: z.string(), timestampHeader: z.string() })
    .meta({ id: 'CrmWebhookSetup' });
  const hookUrl = (request: Parameters<typeof workspaceOf>[0]) => {
    const at = base();
    return { url: publicUrl(at, `${API_PREFIX_PUBLIC_CRM}/${workspaceOf(request).slug}`), publicUrlGuessed: at.guessed };
  };
  const status = async (request: Parameters<typeof workspaceOf>[0]) => ({
    ...hookUrl(request),
    ...(await crmWebhookSecretStatus(store, workspaceOf(request).id)),
    signatureHeader: SIGNATURE_HEADER,
    timestampHeader: TIMESTAMP_HEADER,
  });
  const statusSchema = (summary: string) => ({ config: { access: 'owner' as const }, schema: { tags, summary, params: WorkspaceParams, response: { 200: WebhookStatus } } });
  app.get('/workspaces/:ws/crm/webhook', statusSchema('Where the CRM posts conversions and whether a signing secret is set, since when (never the secret)'), status);
  app.get('/workspaces/:ws/crm/webhook/status', statusSchema('Same as GET …/crm/webhook (kept for older clients)'), status);
  app.post(
    '/workspaces/:ws/crm/webhook/rotate',
    { config: { access: 'owner' }, schema: { tags, summary: 'Make or replace the CRM webhook secret: the only answer that carries it', params: WorkspaceParams, response: { 200: WebhookSetup } } },
    async (request) => ({
      ...hookUrl(request),
      secret: await rotateCrmWebhookSecret(store, workspaceOf(request).id, {}, app.settings.now()),
      signatureHeader: SIGNATURE_HEADER,
      timestampHeader: TIMESTAMP_HEADER,
    }),
  );
};
