// JSON bodies, with the bytes kept: a signed cart request signs the body exactly as sent, so the
// signature is checked against those bytes, not against a re-serialisation of the parsed value.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** The body bytes as received; empty for a request without a body. */
export const rawBodyOf = (request: FastifyRequest): Buffer => rawBodies.get(request) ?? Buffer.alloc(0);

export function acceptRawJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    rawBodies.set(request, bytes);
    if (bytes.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(bytes.toString('utf8')) as unknown);
    } catch (error) {
      done(new HttpError(400, 'bad-json', `the body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
}
