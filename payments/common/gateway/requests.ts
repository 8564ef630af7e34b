// The boundary check for gateway requests, shared by every gateway, so a bad amount or a card
// number never reaches one.
import { z } from 'zod';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { GatewayError } from './errors.js';
import type { AuthoriseRequest, CancelRequest, CaptureRequest, RefundRequest } from './gateway.js';

/** Stripe accepts idempotency keys of up to 255 characters. */
const idempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'idempotency key must be printable ASCII without spaces');
/** Stripe's largest amount is 99999999 minor units (eight digits) for most currencies. */
export const MAX_AMOUNT = 99_999_999;
const amount = z.number().int('amount must be whole minor units').positive('amount must be above zero').max(MAX_AMOUNT);
const currency = z.string().regex(/^[a-z]{3}$/, 'currency must be an ISO 4217 code in lower case');
const id = z.string().min(1).max(255).regex(/^[A-Za-z0-9_]+$/, 'ids are letters, digits and underscores');

/** Twelve or more digits, however spaced: a card number, which Tally never handles. */
const looksLikeCardNumber = (s: string): boolean => /^[\d\s-]{12,}$/.test(s) && s.replace(/\D/g, '').length >= 12;

const paymentMethod = z
  .string()
  .max(255)
  .refine((s) => !looksLikeCardNumber(s), 'card numbers are refused: send a payment-method token (pm_...)')
  .refine((s) => /^pm_[A-Za-z0-9_]+$/.test(s), 'payment method must be a token like pm_...');

const schemas = {
  authorise: z.object({ idempotencyKey, amount, currency, paymentMethod, description: z.string().max(1000).optional() }).strict(),
  capture: z.object({ idempotencyKey, paymentId: id, amount }).strict(),
  cancel: z.object({ idempotencyKey, paymentId: id }).strict(),
  refund: z.object({ idempotencyKey, paymentId: id, amount }).strict(),
};

function check<T>(schema: z.ZodType<T>, input: unknown): Result<T, GatewayError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err(new GatewayError('invalid-request', `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`));
}

export const checkAuthorise = (r: unknown): Result<AuthoriseRequest, GatewayError> => check(schemas.authorise, r);
export const checkCapture = (r: unknown): Result<CaptureRequest, GatewayError> => check(schemas.capture, r);
export const checkCancel = (r: unknown): Result<CancelRequest, GatewayError> => check(schemas.cancel, r);
export const checkRefund = (r: unknown): Result<RefundRequest, GatewayError> => check(schemas.refund, r);
export const checkPaymentId = (r: unknown): Result<string, GatewayError> => check(id, r);
export const checkIdempotencyKey = (r: unknown): Result<string, GatewayError> => check(idempotencyKey, r);
