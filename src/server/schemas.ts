/**
 * zod schemas shared by several routes. Each has an OpenAPI id (`.meta({ id })`) so the
 * document names it once and refers to it everywhere.
 */
import { z } from 'zod';
import { DateKey } from './watch-params.ts';
import { ROLES } from '../accounts/roles.ts';
import { TOPIC_ROLES, type Mention, type Topic } from '../core/mention.ts';

export const WorkspaceParams = z.object({
  ws: z.string().min(1).max(100).describe('Workspace slug'),
});

export const IdParam = z.coerce.number().int().positive();

export const Role = z.enum(ROLES).meta({ id: 'Role' });

export const IsoDate = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp, e.g. 2026-03-01T12:00:00Z');

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A filter bound: a UTC day YYYY-MM-DD or an ISO 8601 time (see instantOf). */
export const DayOrTime = z.union([DateKey, IsoDate]);

/** A plain day is a UTC day: `from` starts at its midnight, `to` includes it (ends at the next midnight, as the CLI's --to). */
export function instantOf(value: string, end: 'from' | 'to'): Date {
  if (!DAY_ONLY.test(value)) return new Date(value);
  const start = Date.parse(`${value}T00:00:00Z`);
  return new Date(end === 'to' ? start + 86_400_000 : start);
}

export const SentimentLabel = z.enum(['negative', 'neutral', 'positive']);

export const MentionSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    externalId: z.string(),
    url: z.string().nullable(),
    domain: z.string().nullable(),
    author: z.object({ handle: z.string(), displayName: z.string().nullable(), followers: z.number().nullable() }),
    text: z.string(),
    publishedAt: z.string(),
    lang: z.string().nullable(),
    langConfidence: z.number().nullable(),
    langHint: z.string().nullable().describe('The network’s own language tag (BCP 47, e.g. pt-BR), whatever `lang` (detected) says; null when it gave none'),
    sentiment: z
      .object({
        label: SentimentLabel,
        score: z.number(),
        probabilities: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
      })
      .nullable(),
    engagement: z.object({ likes: z.number(), shares: z.number(), replies: z.number(), views: z.number().nullable() }),
    parentExternalId: z.string().nullable(),
    hashtags: z.array(z.string()),
    mentioned: z.array(z.string()),
    topicIds: z.array(z.number().int()),
  })
  .meta({ id: 'Mention' });
export type ApiMention = z.infer<typeof MentionSchema>;

export function toApiMention(m: Mention): ApiMention {
  return {
    id: m.id,
    source: m.source,
    externalId: m.externalId,
    url: m.url,
    domain: m.domain,
    author: m.author,
    text: m.text,
    publishedAt: m.publishedAt.toISOString(),
    lang: m.lang,
    langConfidence: m.langConfidence,
    langHint: m.langHint,
    sentiment: m.sentiment,
    engagement: m.engagement,
    parentExternalId: m.parentExternalId,
    hashtags: m.hashtags,
    mentioned: m.mentioned,
    topicIds: m.topicIds,
  };
}

export const TopicSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    query: z.string(),
    role: z.enum(TOPIC_ROLES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Topic' });

export function toApiTopic(t: Topic): z.infer<typeof TopicSchema> {
  return {
    id: t.id,
    name: t.name,
    query: t.query,
    role: t.role,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export const UserSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string().nullable() })
  .meta({ id: 'User' });

export const MembershipSchema = z
  .object({ slug: z.string(), name: z.string(), role: Role })
  .meta({ id: 'Membership' });

/** `limit` and `cursor` for list routes that page by cursor. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional().describe('`nextCursor` from the previous page'),
});

export const NoContent = z.null().describe('No content');

/**
 * A response whose shape is a library type of another part (a watch result, a plan
 * view…): documented by name and description, not re-declared here, so it cannot drift.
 */
export const libraryResult = (id: string, description: string) => z.unknown().describe(description).meta({ id });

/** `{ items: [...] }` of a library type; `id` names it in the OpenAPI document when given. */
export function libraryItems(description: string, id?: string) {
  const schema = z.object({ items: z.array(z.unknown()) }).describe(description);
  return id ? schema.meta({ id }) : schema;
}
