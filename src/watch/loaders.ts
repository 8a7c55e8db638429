/**
 * One loader per analytic: reads what it needs through read/ (one reader per kind of data), runs the pure
 * analytic, returns typed results. This is what the CLI, the HTTP API, the reports and
 * the alerts call.
 */
import type { Topic } from '../core/mention.ts';
import type { Store } from '../store/store.ts';
import { rankAdvocacy, type AdvocacyResult } from './advocates.ts';
import { compareWeeks, linkActivationOf, type Growth, type LinkActivation } from './activation.ts';
import { compareDay, type DayKpis, type KpiComparison } from './baseline.ts';
import { classifyCampaign, type CampaignShape } from './campaign-shape.ts';
import { DEFAULT_CRISIS_OPTIONS, rankCrisis, REACH_NORM_DAYS, REACH_QUANTILE, reachNorm, type CrisisItem, type CrisisOptions } from './crisis.ts';
import { applyDismissals, listDismissals } from './dismissals.ts';
import { spikeFigures, type SpikeFigures } from './figures.ts';
import { rankInfluencers, type Influencer } from './influencers.ts';
import {
  listTopics,
  loadAdvocacyCandidates,
  loadAuthorPresence,
  loadPostsByAuthors,
  loadAuthorStats,
  loadDimensionTotals,
  countMentions,
  loadDimensionCounts,
  loadFactsByExternalId,
  countFirstSeenAuthors,
  loadHashtagCounts,
  loadHashtagQuarters,
  loadLinkCandidates,
  loadLinkedFacts,
  loadPostsByUrl,
  loadReachSample,
  loadReplyFacts,
  loadQuarterRows,
  loadSeries,
  loadTopicChannels,
  loadTopicMembers,
  loadTopMentionIds,
  loadTopPosts,
  newestMentionAt,
  type ChainFact,
  type CountedDimension,
  type Post,
} from './read/index.ts';
import { candidateFloor, chainMap, EVIDENCE_POSTS, explainSpike, MIN_SUPPORT, rootOf, sitesOf, type BaselineCounts, type RootCause, type SpikeCounts } from './root-cause.ts';
import { buildSeries, engagementOf, nestingUnit, negativeShare, netSentiment, notSureShare, type Granularity, type SeriesBucket } from './series.ts';
import { shareOfVoice, type ShareOfVoice } from './share-of-voice.ts';
import { DAILY_DETECTOR, detectSpikes, historyNeeded, historyState, HOURLY_DETECTOR, NEGATIVE_DAILY_DETECTOR, scoreWithTrend, type HistoryState, type SpikeMetric, type TopicSpike } from './spikes.ts';

export type { HistoryState, SpikeMetric, TopicSpike };
import { addDays, assertTimeZone, DAY, HOUR, localDaysInterval, localDateKey, parseDateKey, periodContaining, wallClock, type DateKey, type Interval } from './time.ts';
import { rankTopContent, type TopPost } from './top-content.ts';
import { ValidationError } from '../core/validation.ts';

/** Local days [first, last] of one topic, in a time zone. */
export interface PeriodQuery {
  topicId: number;
  first: DateKey;
  last: DateKey;
  timeZone: string;
}

function intervalOf(q: { first: DateKey; last: DateKey; timeZone: string }): Interval {
  assertTimeZone(q.timeZone);
  parseDateKey(q.first);
  parseDateKey(q.last);
  if (q.last < q.first) throw new ValidationError(`the period ends (${q.last}) before it starts (${q.first})`);
  return localDaysInterval(q.first, q.last, q.timeZone);
}

export interface SpikeQuery extends PeriodQuery {
  granularity?: Granularity;
  metric?: SpikeMetric;
  /** "Now": buckets not finished by then are left out (a half-day is not a drop). */
  until?: number;
}

export interface SpikeScan {
  /** The series over the requested period (history excluded). */
  series: SeriesBucket[];
  spikes: TopicSpike[];
  /** Learning (too little history for any verdict) or ready, at the period's last bucket. */
  history: HistoryState;
}

/** Days read past a period's end to see its spikes end (a spike window rarely lasts longer). */
const SPIKE_READ_AHEAD_DAYS: Record<Granularity, number> = { day: 7, hour: 2 };

/** Spikes (rises and drops) of a topic's volume or negative volume in a period. */
export async function loadSpikes(store: Store, workspaceId: number, q: SpikeQuery): Promise<SpikeScan> {
  const granularity = q.granularity ?? 'day';
  const metric = q.metric ?? 'mentions';
  const interval = intervalOf(q);
  const detector = granularity === 'hour' ? HOURLY_DETECTOR : metric === 'negative' ? NEGATIVE_DAILY_DETECTOR : DAILY_DETECTOR;
  const historyDays = Math.ceil((historyNeeded(detector) + detector.residualWindow) / detector.perDay) + 1;
  const from = localDaysInterval(addDays(q.first, -historyDays), q.first, q.timeZone).from;
  // A spike is one event whatever the period asked about: read on past the period's end
  // so a spike that runs over it keeps its whole window (and so its figures) in a daily, a
  // weekly and a monthly view alike.
  const after = localDaysInterval(q.last, addDays(q.last, SPIKE_READ_AHEAD_DAYS[granularity]), q.timeZone).to;
  const to = Math.max(interval.to, Math.min(after, q.until ?? after));
  const series = await loadSeries(store, workspaceId, { topicId: q.topicId, interval: { from, to }, timeZone: q.timeZone, granularity });
  // Before the topic's first mention there is no history, not a history of zeros.
  const firstData = series.findIndex((b) => b.mentions > 0);
  const bucketEnd = (i: number) => series[i + 1]?.start ?? to;
  // Buckets after the workspace's newest mention hold no data yet (not a drop to zero).
  const newest = await newestMentionAt(store, workspaceId);
  const complete = series.filter((b, i) => (q.until == null || bucketEnd(i) <= q.until) && (newest == null || b.start <= newest));
  const points = complete
    .slice(Math.max(0, firstData))
    .map((b) => ({ start: b.start, label: b.label, wall: wallClock(b.date, b.hour), ...(metric === 'negative' ? { value: b.negative, total: b.mentions } : { value: b.mentions }) }));
  // The spikes of the period: those whose window meets it.
  // Scored once: the history state reads the same scores (a bucket's score depends on earlier ones only).
  const scores = scoreWithTrend(points, detector);
  const spikes = detectSpikes(points, detector, scores)
    .filter((s) => s.end >= interval.from && s.start < interval.to)
    .map((s) => ({ ...s, metric, granularity }));
  const inPeriod = points.filter((p) => p.start < interval.to);
  return { series: series.filter((b) => b.start >= interval.from && b.start < interval.to), spikes, history: historyState(inPeriod, detector, scores.scored) };
}

export interface ExplainedSpike {
  spike: TopicSpike;
  cause: RootCause;
  /** What every view states about the spike (figures.ts): computed here, formatted there. */
  figures: SpikeFigures;
  /** The spike's posts with most engagement. */
  topPosts: Post[];
}

/** The end (exclusive) of the spike's last bucket. */
export function spikeInterval(spike: TopicSpike, timeZone: string): Interval {
  const to = spike.granularity === 'hour' ? spike.end + HOUR : localDaysInterval(localDateKey(spike.end, timeZone), localDateKey(spike.end, timeZone), timeZone).to;
  return { from: spike.start, to };
}

/** Root cause of one spike: compares its mentions with the week before it. */
export async function explainTopicSpike(
  store: Store,
  workspaceId: number,
  topicId: number,
  spike: TopicSpike,
  timeZone: string,
): Promise<ExplainedSpike> {
  const window = spikeInterval(spike, timeZone);
  const baselineWindow = { from: window.from - 7 * DAY, to: window.from };
  const sentiment = spike.metric === 'negative' ? ('negative' as const) : undefined;
  const expected = spike.points.reduce((sum, p) => sum + (p.expected ?? 0), 0);
  const windows = { spike: window, baseline: baselineWindow };
  const evidence = spike.direction === 'drop' ? await loadSilenceEvidence(store, workspaceId, topicId, windows, sentiment) : await loadSpikeEvidence(store, workspaceId, topicId, windows, sentiment, expected);
  const cause = explainSpike({ ...evidence, spikeDuration: window.to - window.from, baselineDuration: baselineWindow.to - baselineWindow.from, expected, direction: spike.direction });
  const [topPosts, [rootPost]] = await Promise.all([
    loadTopPosts(store, workspaceId, { topicId, interval: window, limit: 5, ids: cause.topMentionIds }),
    // The post a cascade grew from, to name it (it may predate the spike's window).
    cause.main?.mentionId != null ? loadTopPosts(store, workspaceId, { topicId, interval: { from: 0, to: window.to }, limit: 1, ids: [cause.main.mentionId] }) : Promise.resolve([]),
  ]);
  return { spike, cause, figures: spikeFigures(spike, cause, rootPost), topPosts };
}

/**
 * What a root cause compares, without reading the spike or its baseline week mention by
 * mention: counts per value come from the rollups and narrow copies (in the spike, the
 * values frequent enough to be causes; in the baseline, those values), replies, reposts and
 * mentions with links from the topic's chain rows (ids, URL, host, links: what reply chains
 * need to find each mention's root post), and only the posts they answer from mentions. Gives what `explainSpike` computes from every mention of both
 * windows (rollup.test.ts checks it).
 */
async function loadSpikeEvidence(
  store: Store,
  workspaceId: number,
  topicId: number,
  windows: { spike: Interval; baseline: Interval },
  sentiment: 'negative' | undefined,
  expected: number,
): Promise<{ spike: SpikeCounts; baseline: BaselineCounts; parents: ChainFact[] }> {
  const [spikeReplies, baselineReplies] = await Promise.all([
    loadReplyFacts(store, workspaceId, topicId, windows.spike, sentiment, 200_000),
    loadReplyFacts(store, workspaceId, topicId, windows.baseline, sentiment, 100_000),
  ]);
  const missing = (facts: ChainFact[], known: Set<string>) =>
    facts.flatMap((m) => (m.parentExternalId != null && !known.has(m.parentExternalId) ? [{ source: m.source, externalId: m.parentExternalId }] : []));
  const known = new Set([...spikeReplies, ...baselineReplies].map((m) => m.externalId));
  // Parents of the spike's replies are read whatever they are (as explainSpike's callers
  // always did); parents of baseline replies count only if they are mentions of a window.
  const spikeParents = await loadFactsByExternalId(store, workspaceId, missing(spikeReplies, known).slice(0, 5000));
  const answered = await loadFactsByExternalId(store, workspaceId, missing(baselineReplies, new Set([...known, ...spikeParents.map((m) => m.externalId)])));
  const within = (m: ChainFact, w: Interval) => m.publishedAt >= w.from && m.publishedAt < w.to && (!sentiment || m.sentiment === sentiment);
  const inAWindow = (m: ChainFact) => within(m, windows.spike) || within(m, windows.baseline);
  const members = await loadTopicMembers(store, topicId, [...spikeParents, ...answered].filter(inAWindow).map((m) => m.id));
  const isMember = (m: ChainFact, w: Interval) => within(m, w) && members.has(m.id);
  const answeredMembers = answered.filter(inAWindow).filter((m) => members.has(m.id));
  // Reposts and quotes with no parent id carry the shared post's link: the posts their
  // frequent links point at are looked up by URL (published up to two days before).
  const [spikeLinked, baselineLinked] = await Promise.all([
    loadLinkedFacts(store, workspaceId, topicId, windows.spike, sentiment, 200_000),
    loadLinkedFacts(store, workspaceId, topicId, windows.baseline, sentiment, 100_000),
  ]);
  const linkCounts = new Map<string, number>();
  for (const m of spikeLinked) if (m.parentExternalId == null) for (const l of m.links ?? []) linkCounts.set(l, (linkCounts.get(l) ?? 0) + 1);
  const knownUrls = chainMap(spikeParents, spikeReplies, spikeLinked).byUrl!;
  const sharedUrls = [...linkCounts].filter(([l, n]) => n >= MIN_SUPPORT && !knownUrls.has(l)).map(([l]) => l);
  const linkedPosts = await loadPostsByUrl(store, workspaceId, topicId, { from: windows.spike.from - 2 * DAY, to: windows.spike.to }, sharedUrls);
  const chains = chainMap(linkedPosts, spikeParents, baselineReplies, answeredMembers, baselineLinked, spikeLinked, spikeReplies);
  // Originals that share a post by its link count for that post, as replies do.
  const sharing = (linked: ChainFact[]) => linked.filter((m) => m.parentExternalId == null && rootOf(m, chains) !== m);
  // An original post counts for itself; replies count for their root.
  const postCounts = (replies: ChainFact[], w: Interval) => {
    const counts = new Map<string, number>();
    for (const r of replies) {
      const root = rootOf(r, chains);
      counts.set(root.externalId, (counts.get(root.externalId) ?? 0) + 1);
    }
    for (const id of counts.keys()) {
      const root = chains.get(id);
      if (root && root.parentExternalId == null && isMember(root, w)) counts.set(id, counts.get(id)! + 1);
    }
    return counts;
  };

  const floor = candidateFloor(await countMentions(store, topicId, windows.spike, sentiment), expected);
  const [spikeCounts, topMentionIds] = await Promise.all([
    loadDimensionCounts(store, workspaceId, topicId, windows.spike, sentiment, { atLeast: floor }),
    loadTopMentionIds(store, workspaceId, topicId, windows.spike, EVIDENCE_POSTS, sentiment),
  ]);
  const spikePosts = new Map([...postCounts([...spikeReplies, ...sharing(spikeLinked)], windows.spike)].filter(([, n]) => n >= 2 && n >= floor));
  const spikeSites = addSites(spikeCounts.counts.domain, spikeLinked, chains);
  const spikeDomains = new Map([...spikeSites].filter(([, n]) => n >= floor));
  const spike: SpikeCounts = { total: spikeCounts.total, counts: { ...spikeCounts.counts, domain: spikeDomains, post: spikePosts }, topMentionIds };

  const candidates = Object.fromEntries(Object.entries(spike.counts).map(([d, counts]) => [d, [...counts.keys()]])) as Record<CountedDimension, string[]>;
  const baselineCounts = await loadDimensionCounts(store, workspaceId, topicId, windows.baseline, sentiment, candidates);
  baselineCounts.counts.domain = addSites(baselineCounts.counts.domain, baselineLinked, chains);
  const baselinePosts = postCounts([...baselineReplies, ...sharing(baselineLinked)], windows.baseline);
  const post = new Map([...spikePosts.keys()].map((id) => [id, baselinePosts.get(id) ?? 0]));
  // A candidate root that is itself a baseline post, with no baseline replies.
  for (const id of spikePosts.keys()) {
    const root = chains.get(id);
    if (!baselinePosts.has(id) && root && root.parentExternalId == null && isMember(root, windows.baseline)) post.set(id, 1);
  }
  return {
    spike,
    baseline: { total: baselineCounts.total, counts: { ...baselineCounts.counts, post } },
    // explainSpike looks up only the candidate posts (to name their author): not every fact read.
    parents: [...spikePosts.keys()].flatMap((id) => chains.get(id) ?? []),
  };
}

/** Sites counted from the store (feed items without links) plus those of the mentions with links. */
function addSites(counted: Map<string, number>, linked: ChainFact[], chains: ReturnType<typeof chainMap>): Map<string, number> {
  const sites = new Map(counted);
  for (const m of linked) for (const site of sitesOf(m, chains)) sites.set(site, (sites.get(site) ?? 0) + 1);
  return sites;
}

/**
 * What a drop compares: per network and per site, the mentions of the drop's window and of
 * the week before (every value: the silent ones are those with few or none in the drop).
 */
async function loadSilenceEvidence(
  store: Store,
  workspaceId: number,
  topicId: number,
  windows: { spike: Interval; baseline: Interval },
  sentiment: 'negative' | undefined,
): Promise<{ spike: SpikeCounts; baseline: BaselineCounts }> {
  const dims: CountedDimension[] = ['source', 'domain'];
  const [spike, baseline] = await Promise.all([
    loadDimensionCounts(store, workspaceId, topicId, windows.spike, sentiment, { atLeast: 1 }, dims),
    loadDimensionCounts(store, workspaceId, topicId, windows.baseline, sentiment, { atLeast: 1 }, dims),
  ]);
  const empty = () => new Map<string, number>();
  return { spike: { total: spike.total, counts: { ...spike.counts, post: empty() }, topMentionIds: [] }, baseline: { total: baseline.total, counts: { ...baseline.counts, post: empty() } } };
}

export interface SpikeReport extends SpikeScan {
  /** The spikes with their causes. */
  items: ExplainedSpike[];
}

/** The scan (series, history state) and every spike explained: what `murmur spikes` and the API show. */
export async function loadSpikeReport(store: Store, workspaceId: number, q: SpikeQuery): Promise<SpikeReport> {
  const scan = await loadSpikes(store, workspaceId, q);
  const items: ExplainedSpike[] = [];
  for (const spike of scan.spikes) items.push(await explainTopicSpike(store, workspaceId, q.topicId, spike, q.timeZone));
  return { ...scan, items };
}

/** Spikes with their causes. */
export async function loadExplainedSpikes(store: Store, workspaceId: number, q: SpikeQuery): Promise<ExplainedSpike[]> {
  return (await loadSpikeReport(store, workspaceId, q)).items;
}

export interface CrisisQuery extends PeriodQuery {
  options?: Partial<CrisisOptions>;
}

/**
 * Crisis scan: rising negative spikes (daily and hourly) and high-reach negative posts.
 * `negative`: the period's negative daily spikes, explained, when the caller has them
 * already (a report shows them in its spikes section too; explaining them is most of the cost).
 */
export async function loadCrisis(store: Store, workspaceId: number, q: CrisisQuery, negative?: ExplainedSpike[]): Promise<CrisisItem[]> {
  const options = { ...DEFAULT_CRISIS_OPTIONS, ...q.options };
  const interval = intervalOf(q);
  negative ??= await loadExplainedSpikes(store, workspaceId, { ...q, metric: 'negative', granularity: 'day' });
  const spikes = negative
    .filter((e) => e.spike.direction === 'rise')
    .map((e) => ({ spike: e.spike, cause: e.cause, figures: e.figures, evidence: e.topPosts }));
  // High reach for this topic: above its own posts of the weeks before the period.
  const normWindow = { from: interval.from - REACH_NORM_DAYS * DAY, to: interval.from };
  const norm = reachNorm(await loadReachSample(store, workspaceId, q.topicId, normWindow, 20_000), REACH_QUANTILE, REACH_NORM_DAYS, options.minReach);
  // Original posts only: reposts of a viral post belong to its spike, not to the list.
  const [posts, dismissals] = await Promise.all([
    loadTopPosts(store, workspaceId, { topicId: q.topicId, interval, limit: 50, sentiment: 'negative', originalOnly: true, minFollowers: norm.threshold + 1 }),
    listDismissals(store, workspaceId, q.topicId),
  ]);
  return applyDismissals(rankCrisis(spikes, posts, options, norm), dismissals);
}

/** Advocates and detractors of a topic over a period, with their channels and posts. */
export async function loadAdvocacy(
  store: Store,
  workspaceId: number,
  q: PeriodQuery & { limit?: number; minPosts?: number },
): Promise<AdvocacyResult & { posts: Record<string, Post[]> }> {
  const interval = intervalOf(q);
  // Candidates: the biggest voices and the most frequent ones, for each stance.
  const [channels, stats] = await Promise.all([
    loadTopicChannels(store, workspaceId, q.topicId, interval),
    loadAdvocacyCandidates(store, workspaceId, q.topicId, interval),
  ]);
  const result = rankAdvocacy(stats, new Map(), channels, q.limit ?? 10, q.minPosts ?? (q.first === q.last ? 1 : 2));
  // Where the ranked authors appear in the workspace during the period (any topic): looked
  // up for them only, and over the period only (prolific authors have years of posts).
  const ranked = [...result.advocates, ...result.detractors];
  const presence = await loadAuthorPresence(store, workspaceId, ranked.map((a) => a.handle), interval);
  for (const a of ranked) a.presentOn = [...new Set([...(presence.get(a.handle) ?? []), ...a.channels])].sort();
  const shown = [...result.advocates.slice(0, 5), ...result.detractors.slice(0, 5)].map((a) => a.handle);
  const byAuthor = await loadPostsByAuthors(store, workspaceId, q.topicId, interval, shown, 3);
  return { ...result, posts: Object.fromEntries(shown.map((h) => [h, byAuthor.get(h) ?? []])) };
}

export async function loadInfluencers(store: Store, workspaceId: number, q: PeriodQuery & { limit?: number }): Promise<Influencer[]> {
  const stats = await loadAuthorStats(store, workspaceId, q.topicId, intervalOf(q), { orderBy: 'reach', limit: 300 });
  return rankInfluencers(stats, q.limit ?? 10);
}

/** Original posts (not reposts) ranked by engagement. */
export async function loadTopContent(store: Store, workspaceId: number, q: PeriodQuery & { limit?: number }): Promise<TopPost[]> {
  const limit = q.limit ?? 10;
  const posts = await loadTopPosts(store, workspaceId, { topicId: q.topicId, interval: intervalOf(q), limit, originalOnly: true });
  return rankTopContent(posts, limit);
}

export interface Activation {
  week: { first: DateKey; last: DateKey };
  previousWeek: { first: DateKey; last: DateKey };
  hashtags: Growth[];
  links: LinkActivation;
}

/** Hashtags, links and videos of the week holding `date` against the week before. */
export async function loadActivation(
  store: Store,
  workspaceId: number,
  q: { topicId: number; date: DateKey; timeZone: string },
): Promise<Activation> {
  const week = periodContaining('week', q.date);
  const previousWeek = { first: addDays(week.first, -7), last: addDays(week.last, -7) };
  const current = intervalOf({ ...week, timeZone: q.timeZone });
  const previous = intervalOf({ ...previousWeek, timeZone: q.timeZone });
  const [tagsNow, tagsBefore, linked] = await Promise.all([
    loadHashtagCounts(store, workspaceId, q.topicId, current),
    loadHashtagCounts(store, workspaceId, q.topicId, previous),
    loadLinkCandidates(store, workspaceId, q.topicId, { from: previous.from, to: current.to }),
  ]);
  const hashtags = compareWeeks(new Map(tagsNow.map((t) => [t.tag, t.mentions])), new Map(tagsBefore.map((t) => [t.tag, t.mentions])));
  return { week, previousWeek, hashtags, links: linkActivationOf(linked, current.from) };
}

export interface SovQuery {
  first: DateKey;
  last: DateKey;
  timeZone: string;
  /** Topics to compare; default every brand and competitor topic. */
  topicIds?: number[];
  every?: 'day' | 'week';
}

export async function loadShareOfVoice(store: Store, workspaceId: number, q: SovQuery): Promise<ShareOfVoice & { topics: Topic[] }> {
  const interval = intervalOf(q);
  const all = await listTopics(store, workspaceId);
  const topics = q.topicIds ? all.filter((t) => q.topicIds!.includes(t.id)) : all.filter((t) => t.role !== 'other');
  const ids = topics.map((t) => t.id);
  const [quarters, { bySource, byLang }] = await Promise.all([
    loadQuarterRows(store, workspaceId, { topicIds: ids, interval, unit: nestingUnit({ interval, timeZone: q.timeZone, granularity: 'day' }) }),
    loadDimensionTotals(store, workspaceId, ids, interval),
  ]);
  return { topics, ...shareOfVoice({ topics, quarters, bySource, byLang, timeZone: q.timeZone, every: q.every ?? 'week' }) };
}

export interface CampaignQuery {
  first: DateKey;
  last: DateKey;
  timeZone: string;
  /** A topic, or a hashtag (without '#') across the workspace. */
  topicId?: number;
  hashtag?: string;
}

export interface CampaignCurve extends CampaignShape {
  series: { date: DateKey; mentions: number }[];
  /** Local date of the peak. */
  peakDate: DateKey | null;
  startDate: DateKey | null;
}

export async function loadCampaignShape(store: Store, workspaceId: number, q: CampaignQuery): Promise<CampaignCurve> {
  const interval = intervalOf(q);
  const spec = { interval, timeZone: q.timeZone, granularity: 'day' as const };
  let series: SeriesBucket[];
  if (q.hashtag) {
    series = buildSeries(await loadHashtagQuarters(store, workspaceId, q.hashtag.replace(/^#/, '').toLowerCase(), interval), spec);
  } else if (q.topicId != null) {
    series = await loadSeries(store, workspaceId, { topicId: q.topicId, ...spec });
  } else {
    throw new ValidationError('campaign shape needs a topic or a hashtag');
  }
  // Days after the newest stored mention are not a decline: the data stops there.
  const newest = await newestMentionAt(store, workspaceId);
  if (newest != null) series = series.filter((b) => b.start <= newest);
  const daily = series.map((b) => b.mentions);
  const shape = classifyCampaign(daily);
  return {
    ...shape,
    series: series.map((b) => ({ date: b.date, mentions: b.mentions })),
    peakDate: shape.peakIndex >= 0 ? series[shape.peakIndex]!.date : null,
    startDate: shape.startIndex >= 0 ? series[shape.startIndex]!.date : null,
  };
}

export interface DayBaseline {
  date: DateKey;
  history: DayKpis[];
  day: DayKpis;
  kpis: KpiComparison[];
  /** The day's not-sure share, shown beside its net sentiment (figure-definitions.ts, notSureShareOf). */
  notSureShare: number | null;
}

function kpisOf(bucket: SeriesBucket, newAuthors: number): DayKpis {
  return {
    date: bucket.date,
    weekday: bucket.weekday,
    values: {
      mentions: bucket.mentions,
      shares: bucket.shares,
      engagement: engagementOf(bucket),
      newAuthors,
      netSentiment: netSentiment(bucket),
      negativeShare: negativeShare(bucket),
    },
  };
}

/** A day of a topic against the `days` days before it. */
export async function loadBaseline(
  store: Store,
  workspaceId: number,
  q: { topicId: number; date: DateKey; timeZone: string; days?: number },
): Promise<DayBaseline> {
  const days = q.days ?? 28;
  const interval = intervalOf({ first: addDays(q.date, -days), last: q.date, timeZone: q.timeZone });
  const [series, firsts] = await Promise.all([
    loadSeries(store, workspaceId, { topicId: q.topicId, interval, timeZone: q.timeZone, granularity: 'day' }),
    countFirstSeenAuthors(store, workspaceId, q.topicId, interval, nestingUnit({ interval, timeZone: q.timeZone, granularity: 'day' })),
  ]);
  const newByDay = new Map<DateKey, number>();
  for (const { at, authors } of firsts) {
    const k = localDateKey(at, q.timeZone);
    newByDay.set(k, (newByDay.get(k) ?? 0) + authors);
  }
  const all = series.map((b) => kpisOf(b, newByDay.get(b.date) ?? 0));
  const day = all[all.length - 1]!;
  const history = all.slice(0, -1);
  return { date: q.date, history, day, kpis: compareDay(day, history), notSureShare: notSureShare(series[series.length - 1]!) };
}
