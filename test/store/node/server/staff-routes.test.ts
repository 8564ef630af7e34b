// Staff sign-in, sessions, throttling and roles, on every database (the throttle is kept there).
import { describe, expect, it } from 'vitest';
import { buildStoreServer } from '../../../../store/node/server/build-server.js';
import { bindings } from '../databases.js';
import { cheapScrypt, MANAGER, seededSecureRandom, testStore } from '../test-store.js';

const PASSWORD = 'a long enough password';

describe.each(bindings)('staff accounts on $name', (sqlite) => {
  it('signs in with a cookie that is HttpOnly and strict, or a bearer token, until the session ends', async () => {
    const store = await testStore(sqlite, { catalog: false, policy: { staffSessionMs: 60 * 60_000 } });
    const login = await store.login(MANAGER.name.toUpperCase(), MANAGER.password);
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^tally_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600$/);
    const byCookie = await store.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: `other=1; ${cookie.split(';')[0]}` } });
    expect(byCookie.json()).toMatchObject({ name: 'ana', role: 'manager' });

    store.clock.advance(60 * 60_000);
    const expired = await store.app.inject({ method: 'GET', url: '/api/staff/me', headers: { cookie: cookie.split(';')[0] } });
    expect(expired.statusCode).toBe(401);
  });

  it('ends a session at logout', async () => {
    const store = await testStore(sqlite, { catalog: false });
    expect((await store.staff(store.manager, 'GET', '/api/staff/me')).statusCode).toBe(200);
    const out = await store.staff(store.manager, 'POST', '/api/staff/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await store.staff(store.manager, 'GET', '/api/staff/me')).statusCode).toBe(401);
  });

  it('locks an account after five wrong passwords, for the window, on the clock', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (let i = 0; i < 5; i++) expect((await store.login('ana', `wrong ${i}`)).statusCode).toBe(401);
    const locked = await store.login('ana', MANAGER.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    // From another address too: the account is what is being guessed.
    expect((await store.login('ana', MANAGER.password, '10.9.9.9')).statusCode).toBe(429);
    store.clock.advance(15 * 60_000);
    expect((await store.login('ana', MANAGER.password)).statusCode).toBe(200);
  });

  it('limits one address spraying many names, and answers unknown names like wrong passwords', async () => {
    const store = await testStore(sqlite, { catalog: false, throttle: { perAddress: 10 } });
    const unknown = await store.login('nobody', 'whatever');
    const wrong = await store.login('ana', 'whatever');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    for (let i = 0; i < 8; i++) await store.login(`name${i}`, 'guess', '10.0.0.1');
    expect((await store.login('ana', MANAGER.password, '10.0.0.1')).statusCode).toBe(429);
    expect((await store.login('ana', MANAGER.password, '10.0.0.2')).statusCode).toBe(200);
  });

  it('lets managers manage staff, and associates nothing of it', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const created = await store.staff(store.manager, 'POST', '/api/staff', { name: 'Ben', role: 'associate', password: PASSWORD });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await store.staff(store.manager, 'POST', '/api/staff', { name: 'ben', role: 'manager', password: PASSWORD })).json()).toMatchObject({ error: 'name-taken' });
    const ben = ((await store.login('ben', PASSWORD)).json() as { token: string }).token;
    expect((await store.staff(ben, 'GET', '/api/staff')).statusCode).toBe(403);
    expect((await store.staff(ben, 'POST', '/api/staff', { name: 'cat', role: 'manager', password: PASSWORD })).statusCode).toBe(403);
    expect((await store.staff(ben, 'GET', '/api/pairings')).statusCode).toBe(200);

    // Deactivating ends the member's sessions at once.
    expect((await store.staff(store.manager, 'PATCH', `/api/staff/${id}`, { active: false })).statusCode).toBe(200);
    expect((await store.staff(ben, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await store.login('ben', PASSWORD)).statusCode).toBe(401);
  });

  it('keeps at least one manager', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const me = (await store.staff(store.manager, 'GET', '/api/staff/me')).json() as { id: string };
    const demote = await store.staff(store.manager, 'PATCH', `/api/staff/${me.id}`, { role: 'associate' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ error: 'last-manager' });
    expect((await store.staff(store.manager, 'PATCH', `/api/staff/${me.id}`, {})).statusCode).toBe(400);
  });

  it('keeps counting failed logins across a restart of the store', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (let i = 0; i < 5; i++) expect((await store.login('ana', `wrong ${i}`)).statusCode).toBe(401);
    await store.app.close();
    const restarted = await buildStoreServer({ db: store.db, clock: store.clock, random: seededSecureRandom(6), scrypt: cheapScrypt });
    const login = (address: string) => restarted.inject({ method: 'POST', url: '/api/staff/login', payload: MANAGER, remoteAddress: address });
    const locked = await login('10.0.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    store.clock.advance(15 * 60_000);
    expect((await login('10.0.0.1')).statusCode).toBe(200);
    await restarted.close();
  });

  it('rehashes a password made with cheaper scrypt parameters at the next good login, keeping sessions', async () => {
    // The manager was added at N=2^10; this store asks for 2^11. testStore has signed in once.
    const store = await testStore(sqlite, { catalog: false, scrypt: { ...cheapScrypt, N: 2048 } });
    const hash = async () => (await store.db.query<{ password_hash: string }>('SELECT password_hash FROM staff WHERE name = $1', ['ana']))[0]?.password_hash;
    expect(await hash()).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect((await store.staff(store.manager, 'GET', '/api/staff/me')).statusCode).toBe(200);
    const before = await hash();
    expect((await store.login(MANAGER.name, MANAGER.password)).statusCode).toBe(200);
    expect(await hash()).toBe(before);
  });
});
