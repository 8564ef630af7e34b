import { describe, expect, it } from 'vitest';
import type { Match } from '../../../vision/common/recognition/gallery.js';
import { decide } from '../../../vision/common/recognition/verdict.js';

const ranked: Match[] = [
  { label: 'Granny-Smith', cosine: 0.8, probability: 0.6, product: true },
  { label: 'Lime', cosine: 0.6, probability: 0.2, product: true },
  { label: 'Pear', cosine: 0.5, probability: 0.1, product: true },
];
const skus: Record<string, string> = { 'Granny-Smith': 'apple-granny-smith', Pear: 'pear' };
const skuOf = (label: string): string | null => skus[label] ?? null;
const rule = (unknownBelow: number, notProductMargin = 0.1) => ({ unknownBelow, notProductMargin });

describe('decide', () => {
  it('lists the top K with their SKUs, null where the catalog has none', () => {
    expect(decide(ranked, 2, rule(0.3), skuOf)).toEqual({
      top: [
        { label: 'Granny-Smith', sku: 'apple-granny-smith', score: 0.6 },
        { label: 'Lime', sku: null, score: 0.2 },
      ],
      unknown: false,
    });
  });

  it('says unknown below the threshold but still lists the nearest products', () => {
    const v = decide(ranked, 3, rule(0.85), skuOf);
    expect(v.unknown).toBe(true);
    expect(v.top.map((s) => s.label)).toEqual(['Granny-Smith', 'Lime', 'Pear']);
  });

  it('says unknown when a not-a-product reference is clearly nearer, and never suggests one', () => {
    const hand: Match = { label: 'hand', cosine: 0.95, probability: 0.1, product: false };
    const first = decide([hand, ...ranked], 2, rule(0.3), skuOf);
    expect(first.unknown).toBe(true);
    expect(first.top.map((s) => s.label)).toEqual(['Granny-Smith', 'Lime']);
    // nearer, but by less than the margin: still the apples
    expect(decide([{ ...hand, cosine: 0.85 }, ...ranked], 2, rule(0.3), skuOf).unknown).toBe(false);
    const later = decide([ranked[0]!, { ...hand, cosine: 0.7 }, ...ranked.slice(1)], 3, rule(0.3, 0), skuOf);
    expect(later.unknown).toBe(false);
    expect(later.top.map((s) => s.label)).toEqual(['Granny-Smith', 'Lime', 'Pear']);
  });

  it('judges "unknown" by the closest product, which the kind weighting may have ranked second', () => {
    // a lone pepper a little closer than two apples that together outweigh it
    const weighted: Match[] = [
      { label: 'Pink-Lady', cosine: 0.59, probability: 0.45, product: true },
      { label: 'Royal-Gala', cosine: 0.585, probability: 0.35, product: true },
      { label: 'Red-Bell-Pepper', cosine: 0.62, probability: 0.2, product: true },
    ];
    expect(decide(weighted, 3, rule(0.6), skuOf).unknown).toBe(false);
    expect(decide(weighted, 3, rule(0.63), skuOf).unknown).toBe(true);
    const hand: Match = { label: 'hand', cosine: 0.69, probability: 0, product: false };
    expect(decide([...weighted, hand], 3, rule(0.3), skuOf).unknown).toBe(false); // 0.69 is within 0.1 of the pepper's 0.62
    expect(decide([...weighted, { ...hand, cosine: 0.73 }], 3, rule(0.3), skuOf).unknown).toBe(true);
  });

  it('copes with K larger than the gallery, K of zero and an empty ranking', () => {
    expect(decide(ranked, 10, rule(0), skuOf).top).toHaveLength(3);
    expect(decide(ranked, 0, rule(0), skuOf).top).toHaveLength(0);
    expect(decide(ranked, -1, rule(0), skuOf).top).toHaveLength(0);
    expect(decide([], 3, rule(0), skuOf)).toEqual({ top: [], unknown: true });
    expect(decide([{ label: 'hand', cosine: 1, probability: 1, product: false }], 3, rule(0), skuOf)).toEqual({ top: [], unknown: true });
  });
});
