/**
 * Every /api/v1 route, one plugin per part. A part's routes live in `routes/<part>.ts`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth.ts';
import { mentionSearchRoutes } from './mentions-search.ts';
import { mentionRoutes } from './mentions.ts';
import { alertRoutes } from './alerts.ts';
import { calendarRoutes } from './calendar.ts';
import { digestRoutes } from './digests.ts';
import { inboxRoutes } from './inbox.ts';
import { inboxTagRoutes } from './inbox-tags.ts';
import { nlpRoutes } from './nlp.ts';
import { conversionRoutes } from './conversions.ts';
import { experimentRoutes } from './experiments.ts';
import { planRoutes } from './plans.ts';
import { reportRoutes } from './reports.ts';
import { roiRoutes } from './roi.ts';
import { sourceRoutes } from './sources.ts';
import { topicRoutes } from './topics.ts';
import { topicMuteRoutes } from './topic-mutes.ts';
import { mentionExportRoutes } from './mention-exports.ts';
import { mentionReplyRoutes } from './mention-replies.ts';
import { watchRoutes } from './watch.ts';
import { workspaceRoutes } from './workspaces.ts';

export const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(workspaceRoutes);
  await app.register(mentionRoutes);
  await app.register(mentionSearchRoutes);
  await app.register(topicRoutes);
  await app.register(topicMuteRoutes);
  await app.register(mentionExportRoutes);
  await app.register(mentionReplyRoutes);
  await app.register(watchRoutes);
  await app.register(roiRoutes);
  await app.register(conversionRoutes);
  await app.register(experimentRoutes);
  await app.register(planRoutes);
  await app.register(calendarRoutes);
  await app.register(sourceRoutes);
  await app.register(reportRoutes);
  await app.register(alertRoutes);
  await app.register(digestRoutes);
  await app.register(inboxRoutes);
  await app.register(inboxTagRoutes);
  await app.register(nlpRoutes);
};
