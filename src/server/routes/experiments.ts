/**
 * Experiments (src/experiment/): create, observe, analyse, decide; and the public
 * audience-feedback form, reachable by its unguessable link without an account.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeExperiment } from '../../experiment/analysis.ts';
import { ExperimentInputSchema, ObservationSchema, VerdictInputSchema } from '../../experiment/experiment-schema.ts';
import { addObservation, createExperiment, getExperiment, listExperiments } from '../../experiment/experiments.ts';
import { feedbackForm, feedbackSummary, submitFeedback } from '../../experiment/feedback.ts';
import { FEEDBACK_API_ROUTE, feedbackLinks } from '../../experiment/feedback-link.ts';
import { publicBase } from '../../core/public-url.ts';
import { ExperimentSizeAnswer, ExperimentSizeQuery, experimentSize } from '../../experiment/size.ts';
import { decideExperiment } from '../../experiment/verdict.ts';
import { getUser } from '../../accounts/users.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { IdParam, libraryResult, WorkspaceParams } from '../schemas.ts';

const ExperimentParams = WorkspaceParams.extend({ id: IdParam });

export const experimentRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['experiments'];

  app.get(
    '/workspaces/:ws/experiments',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Experiments, newest first', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.unknown()) }).describe('Experiment[] from src/experiment/experiments.ts') } } },
    async (request) => ({ items: await listExperiments(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/experiments/size',
    {
      config: { access: 'viewer' },
      schema: { tags, summary: 'Before launch: trials (and days) per arm to detect a lift, or the lift a sample can detect (as `murmur experiment size --json`)', params: WorkspaceParams, querystring: ExperimentSizeQuery, response: { 200: ExperimentSizeAnswer, 400: ErrorResponse } },
    },
    async (request) => experimentSize(request.query),
  );

  app.get(
    '/workspaces/:ws/experiments/:id',
    { config: { access: 'viewer' }, schema: { tags, summary: 'One experiment', params: ExperimentParams, response: { 200: libraryResult('Experiment', 'Experiment from src/experiment/experiments.ts'), 404: ErrorResponse } } },
    async (request) => getExperiment(store, workspaceOf(request).id, request.params.id),
  );

  app.post(
    '/workspaces/:ws/experiments',
    { config: { access: 'editor' }, schema: { tags, summary: 'Create a time-boxed experiment (start and end required)', params: WorkspaceParams, body: ExperimentInputSchema, response: { 201: libraryResult('CreatedExperiment', 'Experiment'), 400: ErrorResponse } } },
    async (request, reply) => {
      const author = (await getUser(store, callerOf(request).userId)).email;
      return reply.code(201).send(await createExperiment(store, workspaceOf(request).id, request.body, author));
    },
  );

  app.post(
    '/workspaces/:ws/experiments/:id/observations',
    { config: { access: 'editor' }, schema: { tags, summary: 'Record a day of a rate metric for one arm', params: ExperimentParams, body: ObservationSchema, response: { 204: z.null(), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      await addObservation(store, workspaceOf(request).id, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/experiments/:id/analysis',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Statistics so far: test, probability to beat, guardrails, suggested verdict', params: ExperimentParams, response: { 200: libraryResult('ExperimentAnalysis', 'ExperimentAnalysis from src/experiment/analysis.ts'), 404: ErrorResponse } } },
    async (request) => analyzeExperiment(store, workspaceOf(request).id, request.params.id),
  );

  app.post(
    '/workspaces/:ws/experiments/:id/verdict',
    { config: { access: 'editor' }, schema: { tags, summary: 'Adopt, iterate or drop, stored with the analysis it was based on', params: ExperimentParams, body: VerdictInputSchema, response: { 200: libraryResult('ExperimentDecision', '{ experiment, analysis }'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => decideExperiment(store, workspaceOf(request).id, request.params.id, request.body),
  );

  app.get(
    '/workspaces/:ws/experiments/:id/feedback',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Summary of the audience feedback, the public page to share (`formUrl`, from MURMUR_PUBLIC_URL; `publicUrlGuessed` when unset) and its JSON route (`formPath`)',
        params: ExperimentParams,
        response: { 200: libraryResult('FeedbackSummary', 'FeedbackSummary & { formUrl, formPath }'), 404: ErrorResponse },
      },
    },
    async (request) => {
      const experiment = await getExperiment(store, workspaceOf(request).id, request.params.id);
      const summary = await feedbackSummary(store, experiment.id, experiment.feedbackQuestions);
      // $MURMUR_PUBLIC_URL, else this server's listen address: never the request's Host header.
      const base = publicBase(app.settings.listenUrl);
      return { ...summary, ...feedbackLinks(experiment.feedbackToken, base), publicUrlGuessed: base.guessed };
    },
  );

  // The public form: no account, no cookie; answers are stored without name or address.
  const TokenParams = z.object({ token: z.string().min(16).max(64) });
  app.get(
    `${FEEDBACK_API_ROUTE}/:token`,
    { config: { access: 'public' }, schema: { tags, summary: 'The public feedback form: title and questions', security: [], params: TokenParams, response: { 200: libraryResult('FeedbackForm', 'FeedbackForm from src/experiment/feedback.ts'), 404: ErrorResponse } } },
    async (request) => feedbackForm(store, request.params.token),
  );
  app.post(
    `${FEEDBACK_API_ROUTE}/:token`,
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Answer the public feedback form',
        security: [],
        params: TokenParams,
        body: z.object({ answers: z.record(z.string(), z.union([z.string(), z.number()])) }),
        response: { 201: z.object({ id: z.number().int() }), 400: ErrorResponse, 404: ErrorResponse },
      },
      bodyLimit: 64 * 1024,
    },
    async (request, reply) => reply.code(201).send(await submitFeedback(store, request.params.token, request.body.answers)),
  );
};
