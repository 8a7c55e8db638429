/**
 * The path every new mention takes, whatever brought it (file import, connector poll,
 * push webhook): enrich → store with its topic links, in one transaction per batch
 * (the mention writer, src/store/mention-writer.ts) so a crash never leaves a mention
 * without its links.
 */
import { log } from '../core/log.ts';
import type { MentionInput } from '../core/mention.ts';
import { storedEnrichments, writeMentions, type TopicLinkRow, type WriteResult } from '../store/mention-writer.ts';
import { restoreEnrichment, type WrittenIds } from '../store/mentions.ts';
import type { RuleTagRow } from '../store/mention-tags.ts';
import type { Store } from '../store/store.ts';
import { unstorableProblem } from './mention-rules.ts';
import type { StoredAdapter } from '../nlp/adapt.ts';

/** Fills `lang`, `langConfidence` and `sentiment` in place on mentions that lack them. */
export interface Enricher {
  enrich(batch: MentionInput[]): void;
}

/** A compiled topic query. `matches` sees the mention after enrichment (so `lang:` works). */
export interface TopicMatcher {
  topicId: number;
  matches(mention: MentionInput): boolean;
}

/** A compiled tag rule (src/inbox/tags.ts): a matching mention gets `tag`. */
export interface TagRuleMatcher {
  ruleId: number;
  tag: string;
  matches(mention: MentionInput): boolean;
}

export interface Pipeline {
  enricher: Enricher | null;
  /** The workspace's sentiment adapter the enricher applies (import workers that enrich need it too). */
  sentimentAdapter?: StoredAdapter | null;
  topics: TopicMatcher[];
  /** The workspace's tag rules; none when absent. */
  tagRules?: TagRuleMatcher[];
}

export type IngestResult = WriteResult;

/** The (mention, topic) pairs of a stored batch; `ids` are the stored ids in batch order. */
function matchTopics(batch: MentionInput[], ids: number[], topics: TopicMatcher[]): TopicLinkRow[] {
  const links = new Map<string, TopicLinkRow>();
  if (topics.length === 0) return [];
  batch.forEach((mention, i) => {
    const mentionId = ids[i]!;
    for (const topic of topics) {
      if (topic.matches(mention)) {
        links.set(`${mentionId}:${topic.topicId}`, {
          mention_id: mentionId,
          topic_id: topic.topicId,
          published_at: mention.publishedAt.getTime(),
        });
      }
    }
  });
  return [...links.values()];
}

/** The rule-made tags of a stored batch; `ids` are the stored ids in batch order. */
function matchTagRules(workspaceId: number, batch: MentionInput[], ids: number[], rules: TagRuleMatcher[] = []): RuleTagRow[] {
  const rows: RuleTagRow[] = [];
  if (rules.length === 0) return rows;
  batch.forEach((mention, i) => {
    for (const rule of rules) {
      if (rule.matches(mention)) rows.push({ mention_id: ids[i]!, workspace_id: workspaceId, tag: rule.tag, rule_id: rule.ruleId, published_at: mention.publishedAt.getTime() });
    }
  });
  return rows;
}

/**
 * The mentions of a batch the enricher must see: those lacking language or sentiment,
 * except the ones already stored with the same text and both filled in. Those get what
 * is stored back (topic matching must see their language, as `lang:` queries need it),
 * so re-importing a file does not pay for language and sentiment detection a second time.
 */
async function needingEnrichment(store: Store, workspaceId: number, batch: MentionInput[]): Promise<MentionInput[]> {
  const lacking = batch.filter((m) => m.lang == null || m.sentiment == null);
  if (lacking.length === 0) return lacking;
  const stored = await storedEnrichments(store, workspaceId, lacking);
  return lacking.filter((m) => {
    const known = stored.get(`${m.source}\u0000${m.externalId}`);
    if (known === undefined || known.text !== m.text) return true;
    restoreEnrichment(m, known);
    return false;
  });
}

export interface IngestOptions {
  /**
   * Refuse (list in `duplicates`) a mention whose source and external id were already
   * written under this set, instead of updating it: an import passes one per file, so two
   * rows of the file that share an id are reported rather than merged.
   */
  once?: WrittenIds;
  /**
   * The mentions were built by `buildMention` (mention-rules.ts: file imports, the push API),
   * which applies every rule. Otherwise (connectors, the demo) each is checked for what no
   * store can keep as it is, or is unsafe to show (`unstorableProblem`), and left out with a
   * warning in the log rather than failing the whole batch.
   */
  checked?: boolean;
}

/** The mentions of a batch that can be stored; the others are logged and left out. */
function storable(batch: MentionInput[]): MentionInput[] {
  let kept: MentionInput[] | null = null;
  batch.forEach((mention, i) => {
    const problem = unstorableProblem(mention);
    if (problem === null) {
      kept?.push(mention);
      return;
    }
    kept ??= batch.slice(0, i);
    log.warn({ source: mention.source, externalId: mention.externalId.slice(0, 200), reason: problem.message }, 'mention left out: it cannot be stored as it is');
  });
  return kept ?? batch;
}

export async function ingestBatch(
  store: Store,
  workspaceId: number,
  batch: MentionInput[],
  pipeline: Pipeline,
  options: IngestOptions = {},
): Promise<IngestResult> {
  if (!options.checked) batch = storable(batch);
  if (batch.length === 0) return { inserted: 0, updated: 0, ids: [], duplicates: [], topicLinks: 0 };
  if (pipeline.enricher) pipeline.enricher.enrich(await needingEnrichment(store, workspaceId, batch));
  return writeMentions(store, workspaceId, batch, {
    once: options.once,
    linkTopics: (mentions, ids) => matchTopics(mentions, ids, pipeline.topics),
    ...(pipeline.tagRules?.length ? { tagByRules: (mentions: MentionInput[], ids: number[]) => matchTagRules(workspaceId, mentions, ids, pipeline.tagRules) } : {}),
  });
}
