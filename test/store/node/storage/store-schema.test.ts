// The store's schema on every database: it migrates, its constraints hold, and the records that
// guard money and access (sign-in tokens, nonces, sessions) behave under races and expiry.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../store/node/storage/migrations.js';
import { storeMigrations } from '../../../../store/node/storage/migrations/index.js';
import { claimNonce, sweepNonces } from '../../../../store/node/records/nonces.js';
import { consumeSignInToken, insertShopper, insertSignInToken } from '../../../../store/node/records/shoppers.js';
import { insertSession, insertStaff, sessionMember } from '../../../../store/node/records/staff.js';
import { approvePairing, insertPairingRequest } from '../../../../store/node/records/carts.js';
import { bindings, openMigrated } from '../databases.js';

const tables = ['carts', 'catalog_changes', 'catalog_versions', 'pairing_requests', 'request_nonces', 'review_queue', 'shoppers', 'sign_in_tokens', 'staff', 'staff_sessions', 'trips'];

describe.each(bindings)('store schema on $name', (binding) => {
  it('creates every table once, and is a no-op the second time', async () => {
    const db = await binding.open();
    expect(await migrate(db, storeMigrations, () => 1)).toEqual({ from: 0, to: storeMigrations.length });
    expect(await migrate(db, storeMigrations, () => 2)).toEqual({ from: storeMigrations.length, to: storeMigrations.length });
    for (const table of tables) expect(await db.query(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([{ n: 0 }]);
  });

  it('holds its constraints: roles, states, unique keys and references', async () => {
    const db = await openMigrated(binding);
    await insertStaff(db, { id: 'staff_1', name: 'ana', role: 'manager', passwordHash: 'x', at: 1 });
    await expect(insertStaff(db, { id: 'staff_2', name: 'ana', role: 'manager', passwordHash: 'x', at: 1 })).rejects.toMatchObject({ code: 'constraint' });
    await expect(db.execute("INSERT INTO staff (id, name, role, password_hash, created_at) VALUES ('s3', 'bo', 'owner', 'x', 1)")).rejects.toMatchObject({ code: 'constraint' });
    await expect(db.execute("INSERT INTO carts (id, name, public_key, state, created_at) VALUES ('c', 'n', 'k', 'stolen', 1)")).rejects.toMatchObject({ code: 'constraint' });
    await expect(insertSignInToken(db, { tokenHash: 'h', shopperId: 'nobody', expiresAt: 10 })).rejects.toMatchObject({ code: 'constraint' });
  });

  it('lets exactly one of two racing carts use a sign-in token, and none after it expires', async () => {
    const db = await openMigrated(binding);
    await insertShopper(db, { id: 'shopper_1', name: 'Li', email: 'li@example.com', membership: 'none', paymentMethod: null, at: 1 });
    await insertSignInToken(db, { tokenHash: 'h1', shopperId: 'shopper_1', expiresAt: 100 });
    const race = await Promise.all(['cart_a', 'cart_b'].map((cartId) => consumeSignInToken(db, { tokenHash: 'h1', cartId, at: 50 })));
    expect(race.filter((r) => r === 'shopper_1')).toHaveLength(1);
    expect(race.filter((r) => r === undefined)).toHaveLength(1);
    await insertSignInToken(db, { tokenHash: 'h2', shopperId: 'shopper_1', expiresAt: 100 });
    expect(await consumeSignInToken(db, { tokenHash: 'h2', cartId: 'cart_a', at: 100 })).toBeUndefined();
  });

  it('claims a nonce once per cart, and sweeps expired ones', async () => {
    const db = await openMigrated(binding);
    expect(await claimNonce(db, { cartId: 'a', nonce: 'n1', expiresAt: 10 })).toBe(true);
    expect(await claimNonce(db, { cartId: 'a', nonce: 'n1', expiresAt: 10 })).toBe(false);
    expect(await claimNonce(db, { cartId: 'b', nonce: 'n1', expiresAt: 20 })).toBe(true);
    expect(await sweepNonces(db, 10)).toBe(1);
    expect(await claimNonce(db, { cartId: 'b', nonce: 'n1', expiresAt: 20 })).toBe(false);
  });

  it('ends sessions at their expiry', async () => {
    const db = await openMigrated(binding);
    await insertStaff(db, { id: 'staff_1', name: 'ana', role: 'manager', passwordHash: 'x', at: 1 });
    await insertSession(db, { tokenHash: 't', staffId: 'staff_1', at: 0, expiresAt: 100 });
    expect(await sessionMember(db, 't', 99)).toMatchObject({ name: 'ana', expiresAt: 100 });
    expect(await sessionMember(db, 't', 100)).toBeUndefined();
  });

  it('approves a pairing code once, and not after it expires', async () => {
    const db = await openMigrated(binding);
    await insertPairingRequest(db, { cartId: 'cart_1', name: 'c', publicKey: 'k1', code: 'AAAA-BBBB', at: 0, expiresAt: 100 });
    await insertPairingRequest(db, { cartId: 'cart_2', name: 'c', publicKey: 'k2', code: 'CCCC-DDDD', at: 0, expiresAt: 100 });
    expect(await approvePairing(db, { code: 'AAAA-BBBB', name: 'Front', by: 's', at: 50 })).toBe('cart_1');
    expect(await approvePairing(db, { code: 'AAAA-BBBB', name: 'Again', by: 's', at: 51 })).toBeUndefined();
    expect(await approvePairing(db, { code: 'CCCC-DDDD', name: 'Late', by: 's', at: 100 })).toBeUndefined();
  });
});
