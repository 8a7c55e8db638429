/**
 * What a campaign and a UTM link are made of, as zod schemas: the CLI, the API and the
 * dashboard's forms all check input with these (this module imports nothing that needs
 * Node or a store, so the web app can import it).
 */
import { z } from 'zod';
import { toEpoch } from '../core/validation.ts';

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const name = z.string().trim().min(1).max(200);
const channel = z.string().trim().min(1);
const amount = z.number().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR');
const reported = z.number().int().min(0).nullable();
const endsAfterStart = { path: ['end'], message: 'ends before it starts' };

export const CampaignInputSchema = z
  .object({
    name,
    /** Defaults to the normalised name. */
    utmCampaign: z.string().trim().min(1).optional(),
    channel,
    costMoney: amount.default(0),
    costHours: amount.default(0),
    currency: currency.default('EUR'),
    start: when,
    end: when.nullable().default(null),
    topic: z.string().trim().min(1).optional(),
    hashtag: z.string().trim().min(1).optional(),
    reachReported: reported.default(null),
    engagementReported: reported.default(null),
  })
  .strict()
  .refine((c) => c.end === null || toEpoch(c.end) >= toEpoch(c.start), endsAfterStart);
export type CampaignInput = z.input<typeof CampaignInputSchema>;

/**
 * A change to a campaign: any field but its utm_campaign, which its links and the CRM's
 * rows already carry. `null` clears an optional field (the end, the topic, the hashtag).
 */
export const CampaignPatchSchema = z
  .object({
    name,
    channel,
    costMoney: amount,
    costHours: amount,
    currency,
    start: when,
    end: when.nullable(),
    topic: z.string().trim().min(1).nullable(),
    hashtag: z.string().trim().min(1).nullable(),
    reachReported: reported,
    engagementReported: reported,
  })
  .partial()
  .strict()
  .refine((c) => !c.start || !c.end || toEpoch(c.end) >= toEpoch(c.start), endsAfterStart);
export type CampaignPatch = z.input<typeof CampaignPatchSchema>;

export const LinkInputSchema = z
  .object({
    campaign: z.union([z.number().int().positive(), z.string().min(1)]),
    url: z.string().min(1),
    source: z.string().min(1),
    medium: z.string().min(1),
    content: z.string().optional(),
    term: z.string().optional(),
  })
  .strict();
export type LinkInput = z.input<typeof LinkInputSchema>;

/**
 * What can change on a published link: the page it opens and its UTM labels. Its short
 * code (already shared) and its campaign (which its past clicks count for) cannot.
 * null clears the optional labels.
 */
export const LinkPatchSchema = z
  .object({
    url: z.string().min(1),
    source: z.string().min(1),
    medium: z.string().min(1),
    content: z.string().nullable(),
    term: z.string().nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one of url, source, medium, content, term' });
export type LinkPatch = z.input<typeof LinkPatchSchema>;
