// Staff sign-in and accounts. Login is throttled per account and per address; an unknown name
// costs the same scrypt work as a known one, so timing does not tell which names exist.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hashNeedsUpgrade, hashPassword, verifyPassword } from '../../password.js';
import { countManagers, deleteSession, insertSession, insertStaff, listStaff, staffByName, updateStaff, upgradePasswordHash } from '../../records/staff.js';
import { newId, newSecret, secretDigest } from '../../secure-random.js';
import { StorageError } from '../../storage/sql-database.js';
import type { StoreContext } from '../context.js';
import { idParams, newPassword, staffName } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { clearedSessionCookie, sessionCookie, sessionToken } from '../staff-auth.js';
import { route } from '../zod-route.js';

const role = z.enum(['associate', 'manager']);

export function staffRoutes(app: FastifyInstance, ctx: StoreContext): void {
  let decoy: Promise<string> | undefined;
  /** A hash to check unknown names against, so a miss takes as long as a wrong password. */
  const decoyHash = (): Promise<string> => (decoy ??= hashPassword('decoy password, never valid', ctx.random, ctx.scrypt));

  route(app, {
    method: 'POST',
    url: '/api/staff/login',
    // Any string as the name: a malformed one is simply a failed login, counted like the rest.
    body: z.strictObject({ name: z.string().max(200), password: z.string().max(200) }),
    async handler({ body, request, reply }) {
      const name = body.name.trim().toLowerCase();
      // Names this attempt in the throttle's table; a request id alone could recur after a restart.
      const attempt = `${ctx.clock.now()}:${request.id}`;
      const wait = await ctx.throttle.attempt(name, request.ip, attempt);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new HttpError(429, 'too-many-logins', `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'retry-after': String(seconds) });
      }
      const member = await staffByName(ctx.db, name);
      const good = member?.active ? await verifyPassword(body.password, member.passwordHash) : await verifyPassword(body.password, await decoyHash()).then(() => false);
      if (!member || !good) {
        throw new HttpError(401, 'bad-credentials', 'that name and password do not match an active staff account');
      }
      await ctx.throttle.succeeded(name, attempt);
      if (hashNeedsUpgrade(member.passwordHash, ctx.scrypt)) {
        await upgradePasswordHash(ctx.db, { id: member.id, from: member.passwordHash, to: await hashPassword(body.password, ctx.random, ctx.scrypt) });
      }
      const token = newSecret(ctx.random);
      const now = ctx.clock.now();
      const expiresAt = now + ctx.policy.staffSessionMs;
      await insertSession(ctx.db, { tokenHash: secretDigest(token), staffId: member.id, at: now, expiresAt });
      reply.header('set-cookie', sessionCookie(token, ctx.policy.staffSessionMs, ctx.policy.secureCookies));
      return { staff: { id: member.id, name: member.name, role: member.role }, token, expiresAt };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/staff/logout',
    async handler({ request, reply }) {
      const token = sessionToken(request);
      if (token !== undefined) await deleteSession(ctx.db, secretDigest(token));
      return reply.header('set-cookie', clearedSessionCookie(ctx.policy.secureCookies)).code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/staff/me',
    async handler({ request }) {
      const member = await ctx.staffAuth.current(request);
      if (!member) throw new HttpError(401, 'not-signed-in', 'no live staff session');
      return member;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/staff',
    async handler({ request }) {
      await ctx.staffAuth.require(request, 'manager');
      return { staff: await listStaff(ctx.db) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/staff',
    body: z.strictObject({ name: staffName, role, password: newPassword }),
    async handler({ body, request, reply }) {
      await ctx.staffAuth.require(request, 'manager');
      const passwordHash = await hashPassword(body.password, ctx.random, ctx.scrypt);
      try {
        const member = await insertStaff(ctx.db, { id: newId(ctx.random, 'staff'), name: body.name, role: body.role, passwordHash, at: ctx.clock.now() });
        return reply.code(201).send(member);
      } catch (error) {
        if (error instanceof StorageError && error.code === 'constraint') throw new HttpError(409, 'name-taken', `there is already a staff member called ${body.name}`);
        throw error;
      }
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/staff/:id',
    params: idParams,
    body: z
      .strictObject({ role: role.optional(), active: z.boolean().optional(), password: newPassword.optional() })
      .refine((b) => Object.keys(b).length > 0, 'say what to change: role, active or password'),
    async handler({ body, params, request }) {
      const manager = await ctx.staffAuth.require(request, 'manager');
      const demotes = body.role === 'associate' || body.active === false;
      if (demotes && params.id === manager.id && (await countManagers(ctx.db)) <= 1) {
        throw new HttpError(409, 'last-manager', 'the store needs at least one active manager; make another manager first');
      }
      const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password, ctx.random, ctx.scrypt);
      const changed = await updateStaff(ctx.db, params.id, {
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
      });
      if (!changed) throw notFound('staff member');
      return { id: params.id, changed: Object.keys(body) };
    },
  });
}
