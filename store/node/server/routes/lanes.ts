// Exit lanes: every staff member sees the list; only managers add or remove one. A new lane's
// beacon secret is made here and answered once, to be programmed into that lane's beacon.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { deleteLane, insertLane, listLanes } from '../../records/lanes.js';
import { StorageError } from '../../storage/sql-database.js';
import type { StoreContext } from '../context.js';
import { displayName } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

/** Lane ids travel as 16 bits in the beacon's frame; 0 is kept free as "no lane". */
const laneId = z.int().min(1).max(0xffff);
const laneParams = z.strictObject({ id: z.string().regex(/^\d{1,5}$/, 'a lane number').transform(Number).pipe(laneId) });

/** 32 bytes: the top of what the lane MAC accepts. */
const BEACON_SECRET_BYTES = 32;

export function laneRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'GET',
    url: '/api/lanes',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      return { lanes: await listLanes(ctx.db) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/lanes',
    body: z.strictObject({ id: laneId, name: displayName }),
    async handler({ body, request, reply }) {
      const manager = await ctx.staffAuth.require(request, 'manager');
      const beaconSecret = Buffer.from(ctx.random.bytes(BEACON_SECRET_BYTES)).toString('hex');
      try {
        await insertLane(ctx.db, { id: body.id, name: body.name, beaconSecretHex: beaconSecret, by: manager.id, at: ctx.clock.now() });
      } catch (error) {
        if (error instanceof StorageError && error.code === 'constraint') throw new HttpError(409, 'lane-exists', `there is already a lane ${body.id}`);
        throw error;
      }
      return reply.code(201).send({ id: body.id, name: body.name, beaconSecret });
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/lanes/:id',
    params: laneParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request, 'manager');
      if (!(await deleteLane(ctx.db, params.id))) throw notFound('lane');
      return reply.code(204).send();
    },
  });
}
