// Who a staff request comes from: a session token in the HttpOnly cookie the dashboard gets at
// login, or the same token as a bearer for scripts and tablets. Roles are checked per route.
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../../domain/common/clock.js';
import { sessionMember, type StaffMember, type StaffRole } from '../records/staff.js';
import { secretDigest } from '../secure-random.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { HttpError } from './http-error.js';

export const SESSION_COOKIE = 'tally_staff';

/** The token from `Authorization: Bearer …` or from the session cookie. */
/** Anything with request headers: a Fastify request, or the upgrade request of a live connection. */
interface WithHeaders {
  readonly headers: IncomingHttpHeaders;
}

export function sessionToken(request: WithHeaders): string | undefined {
  const auth = request.headers.authorization;
  if (auth !== undefined) return /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(auth)?.[1];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === SESSION_COOKIE && value !== undefined && /^[A-Za-z0-9_-]{20,100}$/.test(value)) return value;
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean): string => sessionCookie('', 0, secure);

export class StaffAuth {
  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  /** The signed-in staff member, or undefined when there is no live session. */
  async current(request: WithHeaders): Promise<(StaffMember & { expiresAt: number }) | undefined> {
    const token = sessionToken(request);
    return token === undefined ? undefined : sessionMember(this.db, secretDigest(token), this.clock.now());
  }

  /** The signed-in staff member, with at least `role`; 401 without a session, 403 with too low a role. */
  async require(request: WithHeaders, role: StaffRole = 'associate'): Promise<StaffMember> {
    const member = await this.current(request);
    if (!member) throw new HttpError(401, 'not-signed-in', 'sign in as a staff member first (the session may have expired)');
    if (role === 'manager' && member.role !== 'manager') throw new HttpError(403, 'manager-only', 'only a manager may do this');
    return member;
  }
}
