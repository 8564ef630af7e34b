// Routes whose body, query and path parameters are checked by zod before the handler runs. No
// fastify type-provider package is installed; this is the few lines one would give us: parse
// each part, and answer 400 with every issue and its path when one does not fit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError, type InputIssue } from './http-error.js';

type Part = 'body' | 'query' | 'params';

function issuesOf(part: Part, error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return keys.map((path) => ({
      path: [part, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].join('.').replace(/\.\[/g, '['),
      message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
    }));
  }).flat();
}

/** Parses one part of a request or throws a 400 that lists every problem. */
export function parsePart<S extends z.ZodType>(part: Part, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(part, parsed.error);
  throw new HttpError(400, 'invalid-request', `the request's ${part} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

const noBody = z.undefined({ error: 'this request takes no body' });
const noQuery = z.strictObject({});
const noParams = z.strictObject({});

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly body?: B;
  readonly query?: Q;
  readonly params?: P;
  /** Bytes; the server's default applies when absent. */
  readonly bodyLimit?: number;
  handler(input: { body: z.output<B>; query: z.output<Q>; params: z.output<P>; request: FastifyRequest; reply: FastifyReply }): Promise<unknown>;
}

export function route<B extends z.ZodType = typeof noBody, Q extends z.ZodType = typeof noQuery, P extends z.ZodType = typeof noParams>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit !== undefined ? { bodyLimit: spec.bodyLimit } : {}),
    handler: async (request, reply) => {
      const params = parsePart('params', spec.params ?? noParams, request.params) as z.output<P>;
      const query = parsePart('query', spec.query ?? noQuery, request.query) as z.output<Q>;
      const body = parsePart('body', spec.body ?? noBody, request.body) as z.output<B>;
      return spec.handler({ body, query, params, request, reply });
    },
  });
}
