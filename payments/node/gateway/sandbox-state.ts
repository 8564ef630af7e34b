// The sandbox gateway's state, and its optional JSON file. The file is written whole to a
// temporary name and renamed over the old one, so a crash mid-write leaves the previous state.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const payment = z.object({
  id: z.string(),
  authoriseKey: z.string(),
  status: z.enum(['authorised', 'captured', 'cancelled']),
  currency: z.string(),
  authorisedAmount: z.number().int(),
  capturedAmount: z.number().int(),
  refundedAmount: z.number().int(),
  holdExpiresAt: z.number(),
});

const outcome = z.union([
  z.object({ ok: z.literal(true), value: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string(), gatewayCode: z.string().optional() }) }),
]);

const record = z.object({ operation: z.string(), fingerprint: z.string(), outcome, createdAt: z.number() });

export const sandboxStateSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  payments: z.record(z.string(), payment),
  refunds: z.record(z.string(), z.object({ id: z.string(), paymentId: z.string(), amount: z.number().int(), currency: z.string() })),
  keys: z.record(z.string(), record),
});

export type SandboxState = z.infer<typeof sandboxStateSchema>;
export type SandboxPayment = z.infer<typeof payment>;
export type SavedOutcome = z.infer<typeof outcome>;

export const emptySandboxState = (): SandboxState => ({ version: 1, nextId: 1, payments: {}, refunds: {}, keys: {} });

export class SandboxFileError extends Error {
  override readonly name = 'SandboxFileError';
  readonly kind = 'bad-sandbox-file';
}

/** Reads the state file; a missing file is an empty sandbox, a damaged one an error. */
export function loadSandboxState(file: string): SandboxState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptySandboxState();
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SandboxFileError(`${file} is not JSON`);
  }
  const parsed = sandboxStateSchema.safeParse(json);
  if (!parsed.success) throw new SandboxFileError(`${file} is not a sandbox state: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function saveSandboxState(file: string, state: SandboxState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
