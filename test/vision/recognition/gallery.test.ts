import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecognitionError } from '../../../vision/common/recognition/errors.js';
import { Gallery } from '../../../vision/common/recognition/gallery.js';

const g = Gallery.of([
  { label: 'Banana', vector: [1, 0, 0] },
  { label: 'Lemon', vector: [0, 2, 0] }, // not unit length: the gallery normalises it
  { label: 'Lime', vector: [0, 1, 1] },
]);

describe('Gallery', () => {
  it('ranks by cosine, best first, with probabilities that sum to 1', () => {
    const ranked = g.rank([0.1, 1, 0], 16);
    expect(ranked.map((m) => m.label)).toEqual(['Lemon', 'Lime', 'Banana']);
    expect(ranked[0]?.cosine).toBeCloseTo(1 / Math.hypot(0.1, 1), 6);
    expect(ranked.reduce((a, m) => a + m.probability, 0)).toBeCloseTo(1, 9);
    expect(ranked[0]?.probability).toBeGreaterThan(ranked[1]?.probability ?? 1);
  });

  it('does not overflow at a large score scale', () => {
    const ranked = g.rank([0, 1, 0], 1e4);
    expect(ranked[0]?.probability).toBeCloseTo(1, 9);
    expect(ranked.every((m) => Number.isFinite(m.probability))).toBe(true);
  });

  it('learns a new product from photos without changing the others', () => {
    const taught = g.withProduct('Kiwi', [
      [0, 0, 1],
      [0, -0.2, 3],
    ]);
    expect(taught.labels).toEqual(['Banana', 'Lemon', 'Lime', 'Kiwi']);
    expect(taught.rank([0, -0.05, 1], 16)[0]?.label).toBe('Kiwi');
    expect(g.labels).toHaveLength(3); // the original gallery is untouched
  });

  it('keeps not-a-product references apart from the products', () => {
    const withHand = Gallery.of([{ label: 'Banana', vector: [1, 0, 0] }], [{ label: 'hand', vector: [0, 1, 0] }]);
    expect(withHand.labels).toEqual(['Banana']);
    const ranked = withHand.rank([0.1, 1, 0], 16);
    // the products first (by probability), then the references, even a closer one
    expect(ranked.map((m) => [m.label, m.product])).toEqual([
      ['Banana', true],
      ['hand', false],
    ]);
    expect(ranked[1]?.cosine).toBeGreaterThan(ranked[0]?.cosine ?? 1);
    expect(ranked[1]?.probability).toBe(0); // probabilities are shared among products only
    expect(ranked[0]?.probability).toBeCloseTo(1, 9);
    const taught = withHand.withProduct('empty-basket', [[0, 0, 1]], false);
    expect(taught.labels).toEqual(['Banana']);
    expect(taught.rank([0, 0, 1], 16)[1]).toMatchObject({ label: 'empty-basket', product: false });
  });

  it('re-teaching a product replaces its reference', () => {
    const taught = g.withProduct('Banana', [[0, 0, 1]]);
    expect(taught.labels).toEqual(['Banana', 'Lemon', 'Lime']);
    expect(taught.rank([0, 0, 1], 16)[0]?.label).toBe('Banana');
  });

  describe('with kinds', () => {
    /** A unit reference at cosine `c` from the picture [1, 0, 0, ...], off in its own direction `axis`. */
    const at = (c: number, axis: number): number[] => Array.from({ length: 6 }, (_, i) => (i === 0 ? c : i === axis ? Math.sqrt(1 - c * c) : 0));
    const picture = [1, 0, 0, 0, 0, 0];
    // The closest single reference is a pepper, but the two apples together are more likely.
    const apples = Gallery.of([
      { label: 'Red-Bell-Pepper', kind: 'Pepper', vector: at(0.6, 1) },
      { label: 'Pink-Lady', kind: 'Apple', vector: at(0.59, 2) },
      { label: 'Royal-Gala', kind: 'Apple', vector: at(0.585, 3) },
      { label: 'Yellow-Onion', kind: 'Onion', vector: at(0.3, 4) },
    ]);

    it("weighs each product by its kind's share, so the likely kind leads", () => {
      const ranked = apples.rank(picture, 16);
      expect(ranked.map((m) => m.label)).toEqual(['Pink-Lady', 'Royal-Gala', 'Red-Bell-Pepper', 'Yellow-Onion']);
      // softmax shares, then each times its kind's total, renormalised
      const soft = [0.6, 0.59, 0.585, 0.3].map((c) => Math.exp(16 * c));
      const total = soft.reduce((a, b) => a + b, 0);
      const [pepper, pink, gala, onion] = soft.map((w) => w / total) as [number, number, number, number];
      const weighted = [pepper * pepper, pink * (pink + gala), gala * (pink + gala), onion * onion];
      const sum = weighted.reduce((a, b) => a + b, 0);
      expect(ranked[0]?.probability).toBeCloseTo((weighted[1] as number) / sum, 6); // float32 references
      expect(ranked.reduce((a, m) => a + m.probability, 0)).toBeCloseTo(1, 9);
      // without kinds the same references rank by cosine
      const plain = Gallery.of(apples.labels.map((label, i) => ({ label, vector: at([0.6, 0.59, 0.585, 0.3][i] as number, i + 1) })));
      expect(plain.rank(picture, 16)[0]?.label).toBe('Red-Bell-Pepper');
    });

    it('a taught product keeps its kind, and a new one without a kind is a kind of its own', () => {
      const retaught = apples.withProduct('Pink-Lady', [at(0.59, 2)]);
      expect(retaught.rank(picture, 16)[0]?.label).toBe('Pink-Lady');
      const renamed = apples.withProduct('Pink-Lady', [at(0.59, 2)], true, 'Pear');
      expect(renamed.rank(picture, 16)[0]?.label).toBe('Red-Bell-Pepper');
      // as close as the pepper, and alone in its kind like the pepper: weighed the same
      const newcomer = apples.withProduct('Kiwi', [at(0.6, 5)]).rank(picture, 16);
      expect(newcomer.map((m) => m.label).slice(0, 2)).toEqual(['Pink-Lady', 'Royal-Gala']);
      const probability = (label: string): number | undefined => newcomer.find((m) => m.label === label)?.probability;
      expect(probability('Kiwi')).toBeCloseTo(probability('Red-Bell-Pepper') ?? -1, 6);
    });
  });

  it('refuses what has no direction or the wrong length', () => {
    const kind = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof RecognitionError ? e.kind : 'other';
      }
      return undefined;
    };
    expect(kind(() => Gallery.of([]))).toBe('bad-gallery');
    expect(kind(() => Gallery.of([{ label: 'x', vector: [0, 0] }]))).toBe('bad-gallery');
    expect(kind(() => Gallery.of([{ label: 'x', vector: [Number.NaN, 1] }]))).toBe('bad-gallery');
    expect(kind(() => Gallery.of([{ label: 'a', vector: [1, 0] }, { label: 'b', vector: [1] }]))).toBe('bad-gallery');
    expect(kind(() => g.withProduct('Kiwi', []))).toBe('bad-gallery');
    expect(kind(() => g.withProduct('Kiwi', [[1, 0]]))).toBe('bad-gallery');
    expect(kind(() => g.rank([1, 0], 16))).toBe('bad-model');
    expect(kind(() => g.rank([0, 0, 0], 16))).toBe('bad-gallery');
  });

  it('ranks every entry exactly once for any embedding', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }), (v) => {
        fc.pre(v.some((x) => Math.abs(x) > 1e-3));
        const ranked = g.rank(v, 16);
        expect(new Set(ranked.map((m) => m.label)).size).toBe(3);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.probability).toBeGreaterThanOrEqual(ranked[i]!.probability);
      }),
    );
  });
});
