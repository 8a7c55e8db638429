/**
 * One line per top-level command. `murmur --help` lists these without loading any command
 * module, and each module registers its command with the same text.
 */
export const SUMMARY = {
  import: 'import mentions from a JSONL or CSV export (gzip accepted; "-" reads stdin)',
  topics: 'boolean topic queries (Brandwatch syntax): add, list, update, remove, test; mute authors, sites, terms',
  search: 'search stored mentions: exact total, sorts (newest, reach, engagement, negative), reposts collapsed',
  inbox: 'the inbox: triage (state, assignee, notes), needs-reply, sentiment corrections, tags',
  mentions: 'act on mentions: export a search as CSV or XLSX, reply on Mastodon or Bluesky',
  serve: 'serve the HTTP API (/api/v1, docs at /api/v1/docs) and the dashboard',
  users: 'accounts and workspace members (roles: owner, editor, viewer)',
  tokens: 'personal API tokens (shown once, stored hashed)',
  workspaces: 'workspaces (a brand or an agency client)',
  nlp: 'add lang, lang_confidence, sentiment and sentiment_scores to JSON lines (stdin or a file), streaming',
  enrich: 're-detect language and sentiment of stored mentions (after a model change)',
  demo: 'build a fresh demo store from the bundled sample stream and summarise it (default store: ./murmur-demo.db)',
  plan: 'strategy and action plan: goal, team, personas, channels, KPIs, calendar, tasks, monthly review',
  post: 'compose a post for Mastodon and Bluesky, preview its length per network, approve or reject it, share a client review link',
  experiment: 'safe, time-boxed experiments with real statistics',
  campaign: 'campaigns with cost, dates and UTM links',
  conversions: 'CRM conversions: CSV import and webhook',
  roi: 'ROI per campaign or channel: funnel, cost per lead and sale, revenue, ROI',
  sources: 'connectors to Mastodon, Bluesky, Reddit, Hacker News and RSS/Atom feeds',
  series: 'volume and sentiment of a topic per day or hour, optionally for one network or language',
  spikes: 'spikes of volume or negative volume against normal days, with their root cause',
  crisis: 'crisis scan: negative spikes and high-reach negative posts, worst first',
  'crisis-dismiss': 'dismiss a crisis item for a topic, with the reason kept (crisis-restore undoes it)',
  'crisis-restore': 'bring back a dismissed crisis item',
  advocates: 'advocates and detractors ranked by the positive / negative reach they bring',
  influencers: 'authors ranked by reach and engagement on a topic',
  top: 'top content: original posts ranked by engagement',
  activation: 'hashtags, links and videos of the week holding --date (default: --to) vs the week before',
  sov: 'share of voice and reach of brand vs competitor topics, per channel, language and over time',
  'campaign-shape': 'classify a campaign (hashtag or topic) as sustained growth, steady or burst-and-die, with its half-life',
  baseline: 'a day (--date, default yesterday) against its KPI baseline',
  alerts: 'alert rules: negative spikes, volume spikes or drops, high-reach negative posts',
  report: 'checklist report: daily | weekly | monthly | annual',
  digests: 'reports delivered on a schedule by e-mail (PDF attached) and chat webhooks',
} as const;

export type CommandName = keyof typeof SUMMARY;
