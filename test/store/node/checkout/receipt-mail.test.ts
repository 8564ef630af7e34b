// Receipts by e-mail through a real SMTP conversation (nodemailer to a listener on port 0): sent
// after a paid checkout, and a mail server that refuses or is gone never fails the checkout; the
// receipt stays queued with its error and goes out with the next send, until MAX_ATTEMPTS.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, outbox, ReceiptMailer, smtpTransport } from '../../../../store/node/checkout/receipt-mail.js';
import { DEMO_BASKET_TOTAL, LANE_ID, laneStore, readyTrip, type LaneStore } from './lane-store.js';
import { SmtpListener } from './smtp-listener.js';

let smtp: SmtpListener | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function mailingStore(url: string): Promise<{ store: LaneStore; mailer: ReceiptMailer }> {
  const holder: { store?: LaneStore } = {};
  const clock = { now: () => holder.store?.clock.now() ?? 0 };
  const mailer = new ReceiptMailer({ transport: smtpTransport(url), from: 'Corner Shop <receipts@shop.example>', clock });
  holder.store = await laneStore(undefined, { receiptMailer: mailer });
  return { store: holder.store, mailer };
}

async function pay(store: LaneStore, times = 1): Promise<string> {
  const { tripId, events } = await readyTrip(store);
  let receiptId = '';
  for (let i = 0; i < times; i++) {
    const paid = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events });
    expect(paid.statusCode, paid.body).toBe(200);
    receiptId = (paid.json() as { receiptId: string }).receiptId;
  }
  return receiptId;
}

describe('receipts by e-mail', () => {
  it('mails the itemised receipt to the shopper once the checkout is paid, once per receipt', async () => {
    smtp = await SmtpListener.start();
    const { store, mailer } = await mailingStore(smtp.url);
    // The cart lost the first answer and asks again: the same receipt, still one mail.
    const receiptId = await pay(store, 2);
    await mailer.settled();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail).toMatchObject({ from: 'receipts@shop.example', to: ['s1@example.com'] });
    expect(mail?.data).toContain(`Subject: Your receipt ${receiptId}`);
    expect(mail?.data).toMatch(/cilantro/i);
    expect(mail?.data).toContain((DEMO_BASKET_TOTAL / 100).toFixed(2));
    expect(await outbox(store.db)).toEqual([expect.objectContaining({ receiptId, state: 'sent', attempts: 1, lastError: null })]);
  });

  it('pays even when the mail server refuses, keeps the receipt queued, and sends it with the next one', async () => {
    smtp = await SmtpListener.start();
    smtp.refuse = true;
    const { store, mailer } = await mailingStore(smtp.url);
    const first = await pay(store);
    await mailer.settled();
    expect(await outbox(store.db)).toEqual([expect.objectContaining({ receiptId: first, state: 'queued', attempts: 1, lastError: expect.stringContaining('554') })]);
    smtp.refuse = false;
    const second = await pay(store);
    await mailer.settled();
    expect(smtp.received.map((m) => /Subject: Your receipt (\S+)/.exec(m.data)?.[1]).sort()).toEqual([first, second].sort());
    expect((await outbox(store.db)).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('pays when no mail server is there at all, and gives up on a receipt after MAX_ATTEMPTS', async () => {
    smtp = await SmtpListener.start();
    const gone = smtp.url;
    await smtp.close();
    smtp = undefined;
    const { store, mailer } = await mailingStore(gone);
    await pay(store);
    await mailer.settled();
    for (let i = 1; i < MAX_ATTEMPTS; i++) await mailer.sendQueued(store.db);
    const [row] = await outbox(store.db);
    expect(row).toMatchObject({ state: 'gave-up', attempts: MAX_ATTEMPTS, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    await mailer.sendQueued(store.db);
    expect((await outbox(store.db))[0]?.attempts).toBe(MAX_ATTEMPTS);
  });
});
