import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recognizerSpecSchema } from '../../../vision/common/recognition/recognizer-spec.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const shipped = path.join(projectRoot, 'vision', 'models', 'grocery-recognizer.json');
const classesCsv = path.join(path.resolve(projectRoot, '../shared'), 'data/grocery-store/classes.csv');

const small = {
  format: 'tally-recognizer/1',
  model: 'm.onnx',
  input: { size: 160, layout: 'NCHW', channels: 'RGB', scale: 1, crop: 'centre-square' },
  embeddingSize: 2,
  scoreScale: 16,
  unknownBelow: 0.4,
  gallery: [
    { label: 'Banana', vector: [1, 0] },
    { label: 'Lemon', vector: [0, 1] },
  ],
};

describe('recognizer spec', () => {
  it('accepts a well-formed spec', () => {
    expect(recognizerSpecSchema.safeParse(small).success).toBe(true);
  });

  it('rejects vectors of the wrong length, twice-listed labels and an unknown format', () => {
    const wrongLength = { ...small, gallery: [{ label: 'Banana', vector: [1, 0, 0] }] };
    const twice = { ...small, gallery: [small.gallery[0], small.gallery[0]] };
    expect(recognizerSpecSchema.safeParse(wrongLength).success).toBe(false);
    expect(recognizerSpecSchema.safeParse(twice).success).toBe(false);
    expect(recognizerSpecSchema.safeParse({ ...small, format: 'tally-recognizer/2' }).success).toBe(false);
    expect(recognizerSpecSchema.safeParse({ ...small, unknownBelow: 2 }).success).toBe(false);
    expect(recognizerSpecSchema.safeParse({ ...small, gallery: [] }).success).toBe(false);
    const handTwice = { ...small, notProducts: [{ label: 'Lemon', vector: [1, 1] }] };
    expect(recognizerSpecSchema.safeParse(handTwice).success).toBe(false);
    expect(recognizerSpecSchema.safeParse({ ...small, notProducts: [{ label: 'hand', vector: [1] }] }).success).toBe(false);
    expect(recognizerSpecSchema.parse(small).notProducts).toEqual([]);
    const namelessKind = { ...small, gallery: small.gallery.map((g) => ({ ...g, kind: '' })) };
    expect(recognizerSpecSchema.safeParse(namelessKind).success).toBe(false);
  });

  it('the shipped spec parses and its gallery holds every class of the dataset, in its order', () => {
    const spec = recognizerSpecSchema.parse(JSON.parse(readFileSync(shipped, 'utf8')));
    expect(spec.gallery).toHaveLength(81);
    expect(existsSync(path.join(path.dirname(shipped), spec.model))).toBe(true);
    if (!existsSync(classesCsv)) return; // ../shared is not there: the class-name check needs it
    const rows = readFileSync(classesCsv, 'utf8').split(/\r?\n/).slice(1).filter((r) => r.length > 0);
    expect(spec.gallery.map((g) => g.label)).toEqual(rows.map((r) => r.split(',')[0]?.trim()));
    // each product's kind is the dataset's coarse class (Apple, Pepper...): it weighs the ranking
    expect(spec.gallery.map((g) => g.kind)).toEqual(rows.map((r) => r.split(',')[2]?.trim()));
  });
});
