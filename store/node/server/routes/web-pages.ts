// The staff dashboard and the shopper page: Vite's build output (store/browser, built into
// store/dashboard/dist by `npm run build:dashboard`), served from fixed pages and one flat
// folder of hashed assets. Nothing is looked up from a path a client wrote: a file name must
// match a strict pattern and an allowed type before it is even joined to the folder.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { projectRootOf } from '../../../../domain/node/project-root.js';
import type { StoreContext } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

/** Where the build lands; TALLY_STORE_WEB_DIR points elsewhere (the end-to-end tests build into a temp folder). */
export const defaultWebDir = path.join(projectRootOf(import.meta.url), 'store', 'dashboard', 'dist');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A page may load only what the store itself serves; images may be data: URLs (the QR code). */
const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** One flat file name as Vite writes it (`index-B2x9_aQ.js`): no slashes, no dot runs, no leading dot. */
const assetParams = z.strictObject({
  file: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/, 'an asset file name')
    .refine((name) => TYPES[path.extname(name)] !== undefined, 'not a type the store serves'),
});

async function readBuilt(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('file');
    throw error;
  }
}

export function webPageRoutes(app: FastifyInstance, _ctx: StoreContext, webDir: string = process.env.TALLY_STORE_WEB_DIR ?? defaultWebDir): void {
  const root = path.resolve(webDir);

  async function page(reply: FastifyReply, name: 'dashboard' | 'shopper'): Promise<FastifyReply> {
    let html: Buffer;
    try {
      html = await readBuilt(path.join(root, name, 'index.html'));
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw new HttpError(503, 'not-built', `the ${name} page has not been built; run npm run build:dashboard`);
      }
      throw error;
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGE_POLICY)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(html);
  }

  for (const name of ['dashboard', 'shopper'] as const) {
    route(app, { method: 'GET', url: `/${name}`, handler: async ({ reply }) => reply.redirect(`/${name}/`) });
    route(app, { method: 'GET', url: `/${name}/`, handler: async ({ reply }) => page(reply, name) });
  }
  route(app, { method: 'GET', url: '/', handler: async ({ reply }) => reply.redirect('/dashboard/') });

  route(app, {
    method: 'GET',
    url: '/assets/:file',
    params: assetParams,
    async handler({ params, reply }) {
      const file = path.join(root, 'assets', params.file);
      // Belt and braces: the pattern already keeps the name inside the folder.
      if (path.dirname(file) !== path.join(root, 'assets')) throw notFound('file');
      const body = await readBuilt(file);
      // Vite puts a content hash in every asset name, so a name never changes its bytes.
      return reply.type(TYPES[path.extname(file)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=31536000, immutable').send(body);
    },
  });
}
