/**
 * The OpenAPI document, generated from the zod schemas of the routes themselves, at
 * /api/v1/openapi.json, and a browsable docs page at /api/v1/docs.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { CSRF_HEADER, SESSION_COOKIE } from './access.ts';

export async function registerOpenApi(app: FastifyInstance, prefix: string) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Murmur API',
        version: '1.0.0',
        description: [
          'Every workspace route lives under `/api/v1/workspaces/{ws}/…`, where `{ws}` is the workspace slug.',
          `Authenticate with a personal API token (\`Authorization: Bearer mur_…\`) or a session cookie (\`${SESSION_COOKIE}\`, from \`POST /api/v1/auth/login\`).`,
          `Cookie-authenticated POST/PUT/PATCH/DELETE must send the session's CSRF token in \`${CSRF_HEADER}\` (token calls are exempt).`,
          'Roles: viewer reads, editor writes, owner manages members and tokens. Errors are JSON: `{statusCode, error, message, issues?}`.',
        ].join('\n\n'),
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token, `mur_…`' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get(`${prefix}/openapi.json`, { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, { routePrefix: `${prefix}/docs`, staticCSP: true });
}
