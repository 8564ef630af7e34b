// Camera snapshots as review evidence. A cart hands in the picture its camera took when it raised
// an alert, for one of its own trips (open, or already handed in: the upload may trail the log);
// staff see them beside the alert in the review queue. A picture is stored only when it is what
// it claims: a whole JPEG or PNG by its first bytes, and one that decodes to its stated size.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import { z } from 'zod';
import { insertSnapshot, snapshotImage, snapshotsOfTrip, type SnapshotType } from '../../records/snapshots.js';
import { tripById } from '../../records/trips.js';
import { signedRequestOf } from '../cart-auth.js';
import type { StoreContext } from '../context.js';
import { storeId } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

/** A camera frame compressed for evidence is well under this; more is a mistake or an attack. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024;
/** An alert gets a picture or two from each camera; a trip with more is a cart gone wrong. */
export const MAX_SNAPSHOTS_PER_TRIP = 20;
/** Either side of a picture, in pixels: bounds the memory a decode can take. */
const MAX_SIDE = 4096;
/** The picture travels as base64 (4 characters per 3 bytes) inside the signed JSON body. */
const MAX_BASE64 = Math.ceil(MAX_SNAPSHOT_BYTES / 3) * 4;
const SNAPSHOT_BODY_LIMIT = MAX_BASE64 + 4096;

const SIGNATURES: readonly { type: SnapshotType; format: 'jpeg' | 'png'; magic: readonly number[] }[] = [
  { type: 'image/jpeg', format: 'jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', format: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

const snapshotBody = z
  .strictObject({
    /** Chosen by the cart, so a retry of the same upload is recognised; never a path. */
    snapshotId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -'),
    /** The alert the picture is evidence for, as the trip log names it. */
    alertId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'an alert id from the trip log').optional(),
    /** Or the log event it belongs to. */
    eventSeq: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    camera: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a camera name: lower-case letters, digits, _ or - (1-32)'),
    takenAt: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
    image: z.string().min(4).max(MAX_BASE64, `at most ${MAX_SNAPSHOT_BYTES / 1024} KiB of picture`).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'standard base64'),
  })
  .refine((b) => b.alertId !== undefined || b.eventSeq !== undefined, { message: 'say which alert (alertId) or log event (eventSeq) the picture belongs to', path: ['alertId'] });

const tripParams = z.strictObject({ id: storeId });
const imageParams = z.strictObject({ id: storeId, snapshotId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a snapshot id') });

const badImage = (message: string): HttpError => new HttpError(400, 'bad-image', message, [{ path: 'body.image', message }]);

/** The picture's type, width and height, or a 400: the bytes must be a JPEG or PNG that decodes whole. */
async function checkImage(bytes: Buffer): Promise<{ type: SnapshotType; width: number; height: number }> {
  const kind = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (!kind) throw badImage('the picture is neither a JPEG nor a PNG');
  const options = { limitInputPixels: MAX_SIDE * MAX_SIDE, failOn: 'error' } as const;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
    // The header can be fine and the rest garbage: decode every pixel once.
    await sharp(bytes, options).stats();
  } catch (error) {
    throw badImage(`the picture does not decode: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (meta.format !== kind.format) throw badImage(`the picture starts like a ${kind.format.toUpperCase()} but reads as ${meta.format}`);
  if (!meta.width || !meta.height || meta.width > MAX_SIDE || meta.height > MAX_SIDE) throw badImage(`the picture must be 1-${MAX_SIDE} pixels on each side`);
  return { type: kind.type, width: meta.width, height: meta.height };
}

/** Base64 that decodes to exactly these bytes and back: no stray padding bits, no junk ignored. */
function decodeBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (text.length % 4 !== 0 || bytes.toString('base64') !== text) throw badImage('the picture is not well-formed base64');
  if (bytes.length > MAX_SNAPSHOT_BYTES) throw new HttpError(413, 'snapshot-too-large', `a snapshot may be at most ${MAX_SNAPSHOT_BYTES / 1024} KiB`);
  return bytes;
}

export function snapshotRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'POST',
    url: '/api/cart/trips/:id/snapshots',
    bodyLimit: SNAPSHOT_BODY_LIMIT,
    params: tripParams,
    body: snapshotBody,
    async handler({ body, params, request, reply }) {
      // A locked cart still hands in the evidence for the trip it finished.
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      const trip = await tripById(ctx.db, params.id);
      // Another cart's trip is reported as missing: a cart learns nothing about other carts.
      if (!trip || trip.cartId !== cart.id) throw notFound('trip');
      const now = ctx.clock.now();
      if (body.takenAt > now + ctx.policy.cartClockSkewMs) throw new HttpError(400, 'invalid-request', 'the picture is dated in the future', [{ path: 'body.takenAt', message: 'later than the store’s clock' }]);
      const bytes = decodeBase64(body.image);
      const image = await checkImage(bytes);
      const stored = await insertSnapshot(
        ctx.db,
        {
          tripId: trip.id,
          snapshotId: body.snapshotId,
          alertId: body.alertId ?? null,
          eventSeq: body.eventSeq ?? null,
          camera: body.camera,
          takenAt: body.takenAt,
          receivedAt: now,
          contentType: image.type,
          width: image.width,
          height: image.height,
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          image: bytes,
        },
        MAX_SNAPSHOTS_PER_TRIP,
      );
      if (stored === 'conflict') throw new HttpError(409, 'snapshot-conflict', `snapshot ${body.snapshotId} is already stored with another picture; give a new picture a new id`);
      if (stored === 'full') throw new HttpError(409, 'too-many-snapshots', `trip ${trip.id} already holds ${MAX_SNAPSHOTS_PER_TRIP} snapshots`);
      const answer = { tripId: trip.id, snapshotId: body.snapshotId, contentType: image.type, width: image.width, height: image.height };
      // A retry of a stored upload gets the same answer, marked, and stores nothing.
      return stored === 'duplicate' ? { ...answer, duplicate: true } : reply.code(201).send(answer);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/trips/:id/snapshots',
    params: tripParams,
    async handler({ params, request }) {
      await ctx.staffAuth.require(request);
      if (!(await tripById(ctx.db, params.id))) throw notFound('trip');
      return { tripId: params.id, snapshots: await snapshotsOfTrip(ctx.db, params.id) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/trips/:id/snapshots/:snapshotId',
    params: imageParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request);
      const found = await snapshotImage(ctx.db, params.id, params.snapshotId);
      if (!found) throw notFound('snapshot');
      // A shopper's picture: never in a shared cache, never sniffed as anything but its type,
      // and inert if opened on its own.
      return reply
        .code(200)
        .header('content-type', found.contentType)
        .header('cache-control', 'private, max-age=600')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.isBuffer(found.image) ? found.image : Buffer.from(found.image));
    },
  });
}
