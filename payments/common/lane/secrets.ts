// Lane secrets as an operator writes them: in a JSON config file as { "3": "hex…" }, or in one
// environment variable or flag as "3=hex…,4=hex…". Both become lane id → secret bytes.
import { z } from 'zod';
import { fromHex } from './hex.js';
import { isLaneId } from './token.js';

/** 16-64 bytes (see payments/node/lane/mac.ts), as hex. */
const secretHex = z
  .string()
  .regex(/^(?:[0-9a-f]{2}){16,64}$/i, 'a lane secret is 16 to 64 random bytes, as hex (32-128 digits)')
  .transform((hex) => fromHex(hex.toLowerCase()));

const laneIdText = z
  .string()
  .regex(/^\d{1,5}$/, 'a lane id is a whole number 0-65535')
  .transform(Number)
  .refine(isLaneId, 'a lane id is a whole number 0-65535');

const fromRecord = z.record(z.string(), z.string()).transform((record, ctx) => {
  const out = new Map<number, Uint8Array>();
  for (const [id, hex] of Object.entries(record)) {
    const lane = laneIdText.safeParse(id);
    const secret = secretHex.safeParse(hex);
    if (!lane.success) ctx.addIssue({ code: 'custom', message: `lane "${id}": ${lane.error.issues[0]?.message ?? 'bad lane id'}`, input: id });
    // The secret itself is never echoed into an error message.
    else if (!secret.success) ctx.addIssue({ code: 'custom', message: `lane ${lane.data}: ${secret.error.issues[0]?.message ?? 'bad secret'}`, input: '(secret)' });
    else if (out.has(lane.data)) ctx.addIssue({ code: 'custom', message: `lane ${lane.data} is given twice`, input: id });
    else out.set(lane.data, secret.data);
  }
  return out;
});

/** "3=hex,4=hex" → the record the file form uses; an empty text is no lanes. */
function recordOfText(text: string): Record<string, string> | string {
  const record: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return 'write lane secrets as LANE=HEX, separated by commas';
    const id = part.slice(0, eq).trim();
    if (id in record) return `lane ${id} is given twice`;
    record[id] = part.slice(eq + 1).trim();
  }
  return record;
}

export const laneSecretsSchema = z
  .union([z.string().max(20_000), z.record(z.string(), z.string())])
  .transform((input, ctx) => {
    if (typeof input !== 'string') return input;
    const record = recordOfText(input);
    if (typeof record === 'string') {
      ctx.addIssue({ code: 'custom', message: record, input: '(secret)' });
      return z.NEVER;
    }
    return record;
  })
  .pipe(fromRecord);
