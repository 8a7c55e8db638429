/**
 * Alert rules and the record of alerts sent (src/watch/alerts/). Webhook URLs can carry
 * secrets (Slack's do), so only editors and owners see them whole.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../accounts/roles.ts';
import { evaluateAlerts, listSentAlerts } from '../../watch/alerts/evaluate.ts';
import { addAlertRule, listAlertRules, removeAlertRule, ruleInputSchema, setAlertRuleEnabled, updateAlertRule, type AlertRule } from '../../watch/alerts/rules.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { IdParam, libraryResult, NoContent, WorkspaceParams } from '../schemas.ts';


const maskUrl = (url: string) => {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
};

export function maskChannels(rule: AlertRule): AlertRule {
  return { ...rule, channels: rule.channels.map((c) => (c.type === 'webhook' ? { ...c, url: maskUrl(c.url) } : c)) };
}

/** A sent alert's channel is `webhook:<url>` or `email:<address>`; the URL part is masked. */
export function maskSentChannel(channel: string): string {
  return channel.startsWith('webhook:') ? `webhook:${maskUrl(channel.slice('webhook:'.length))}` : channel;
}

export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['alerts'];

  app.get(
    '/workspaces/:ws/alerts/rules',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Alert rules (webhook URLs masked for viewers)', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => {
      const ws = workspaceOf(request);
      const rules = await listAlertRules(store, ws.id);
      return { items: hasRole(ws.role, 'editor') ? rules : rules.map(maskChannels) };
    },
  );

  app.post(
    '/workspaces/:ws/alerts/rules',
    { config: { access: 'editor' }, schema: { tags, summary: 'Add an alert rule with its delivery channels', params: WorkspaceParams, body: ruleInputSchema, response: { 201: libraryResult('AlertRule', 'AlertRule from src/watch/alerts/rules.ts'), 400: ErrorResponse } } },
    async (request, reply) => reply.code(201).send(await addAlertRule(store, workspaceOf(request).id, request.body)),
  );

  app.delete(
    '/workspaces/:ws/alerts/rules/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Remove an alert rule', params: WorkspaceParams.extend({ id: IdParam }), response: { 204: NoContent, 404: ErrorResponse } } },
    async (request, reply) => {
      await removeAlertRule(store, workspaceOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/workspaces/:ws/alerts/rules/:id',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Switch an alert rule on or off (a rule that is off is not evaluated)', params: WorkspaceParams.extend({ id: IdParam }), body: z.object({ enabled: z.boolean() }), response: { 200: libraryResult('AlertRule', 'AlertRule from src/watch/alerts/rules.ts'), 404: ErrorResponse } },
    },
    async (request) => {
      // Editors only, so the channels are shown unmasked.
      const rule = await setAlertRuleEnabled(store, workspaceOf(request).id, request.params.id, request.body.enabled);
      if (!rule) throw new HttpError(404, `no alert rule ${request.params.id} in this workspace`);
      return rule;
    },
  );

  app.put(
    '/workspaces/:ws/alerts/rules/:id',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Change what an alert rule watches and where it sends it', params: WorkspaceParams.extend({ id: IdParam }), body: ruleInputSchema, response: { 200: libraryResult('AlertRule', 'AlertRule from src/watch/alerts/rules.ts'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => {
      const rule = await updateAlertRule(store, workspaceOf(request).id, request.params.id, request.body);
      if (!rule) throw new HttpError(404, `no alert rule ${request.params.id} in this workspace`);
      return rule;
    },
  );

  app.get(
    '/workspaces/:ws/alerts/sent',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Alerts sent, newest first', params: WorkspaceParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }), response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => {
      const ws = workspaceOf(request);
      const sent = await listSentAlerts(store, ws.id, request.query.limit);
      return { items: hasRole(ws.role, 'editor') ? sent : sent.map((a) => ({ ...a, channel: maskSentChannel(a.channel) })) };
    },
  );

  app.post(
    '/workspaces/:ws/alerts/evaluate',
    { config: { access: 'editor' }, schema: { tags, summary: 'Evaluate the rules now and deliver what fires (de-duplicated)', params: WorkspaceParams, response: { 200: libraryResult('AlertEvaluation', 'EvaluationResult from src/watch/alerts/evaluate.ts') } } },
    async (request) => evaluateAlerts(store, workspaceOf(request).id),
  );
};
