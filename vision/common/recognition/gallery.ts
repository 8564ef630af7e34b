// Recognition by nearest reference: the model turns a picture into a unit-length embedding and
// the gallery holds one reference embedding per product. A store adds a product by photographing
// it (the mean of the photos' embeddings becomes its reference), without retraining the model.
//
// Products can name their kind (apple, pepper, juice). The ranking then weighs each product by
// how likely its kind is as a whole: the model tells kinds apart far better than the sorts of one
// kind, so the three suggestions gather on the likely kind instead of spreading over unlikely
// look-alikes (vision/training/README.md, "Kind-weighted ranking").
import { RecognitionError } from './errors.js';

/** One gallery entry's match with a picture. */
export interface Match {
  readonly label: string;
  /** Cosine similarity of the picture's embedding and the reference, -1..1. */
  readonly cosine: number;
  /**
   * 0..1, summing to 1 over the products: the softmax over the gallery's products at the spec's
   * score scale, times the softmax's total for the product's kind, renormalised (just the softmax
   * where no product names a kind); 0 for a not-a-product reference (those only decide
   * "unknown", see verdict.ts).
   */
  readonly probability: number;
  /** False for a not-a-product reference (an empty basket, a hand, a bag). */
  readonly product: boolean;
}

interface Entry {
  readonly label: string;
  readonly vector: ArrayLike<number>;
  /** The product's kind (apple, pepper); a product without one is a kind of its own. */
  readonly kind?: string | undefined;
}

function unit(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RecognitionError('bad-gallery', 'an embedding of all zeros (or not finite) has no direction');
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) / norm;
  return out;
}

export class Gallery {
  readonly #labels: readonly string[];
  readonly #vectors: readonly Float32Array[];
  readonly #products: readonly boolean[];
  readonly #kinds: readonly (string | undefined)[];

  private constructor(labels: readonly string[], vectors: readonly Float32Array[], products: readonly boolean[], kinds: readonly (string | undefined)[]) {
    this.#labels = labels;
    this.#vectors = vectors;
    this.#products = products;
    this.#kinds = kinds;
  }

  /** Products, and optionally references of things that are not products. */
  static of(products: readonly Entry[], notProducts: readonly Entry[] = []): Gallery {
    if (products.length === 0) throw new RecognitionError('bad-gallery', 'a gallery needs at least one product');
    const all = [...products, ...notProducts];
    const size = all[0]?.vector.length ?? 0;
    for (const e of all) {
      if (e.vector.length !== size) throw new RecognitionError('bad-gallery', `'${e.label}' has ${e.vector.length} numbers, the others ${size}`);
    }
    return new Gallery(
      all.map((e) => e.label),
      all.map((e) => unit(e.vector)),
      all.map((_, i) => i < products.length),
      all.map((e, i) => (i < products.length ? e.kind : undefined)),
    );
  }

  /** The products' labels (not the not-a-product references). */
  get labels(): readonly string[] {
    return this.#labels.filter((_, i) => this.#products[i]);
  }

  get embeddingSize(): number {
    return this.#vectors[0]?.length ?? 0;
  }

  /**
   * A gallery with `label`'s reference set from photos of it (their embeddings), replacing the
   * old reference if the label was there already. `product: false` teaches something that is
   * not for sale (the store's own empty basket, a hand), so that pictures of it say "unknown".
   * A re-taught product keeps its kind unless `kind` names another.
   */
  withProduct(label: string, embeddings: readonly ArrayLike<number>[], product = true, kind?: string): Gallery {
    if (embeddings.length === 0) throw new RecognitionError('bad-gallery', `no photos of '${label}'`);
    const mean = new Float32Array(this.embeddingSize);
    for (const e of embeddings) {
      if (e.length !== mean.length) throw new RecognitionError('bad-gallery', `a photo of '${label}' has ${e.length} numbers, the gallery ${mean.length}`);
      const u = unit(e);
      for (let i = 0; i < mean.length; i++) mean[i] = (mean[i] as number) + (u[i] as number);
    }
    const at = this.#labels.indexOf(label);
    const labels = at >= 0 ? this.#labels : [...this.#labels, label];
    const vectors = [...this.#vectors];
    const products = [...this.#products];
    const kinds = [...this.#kinds];
    const slot = at >= 0 ? at : vectors.length;
    vectors[slot] = unit(mean);
    products[slot] = product;
    kinds[slot] = product ? (kind ?? kinds[slot]) : undefined;
    return new Gallery(labels, vectors, products, kinds);
  }

  /** Every product's match with the embedding, most probable first, then the not-a-product references, closest first. */
  rank(embedding: ArrayLike<number>, scoreScale: number): Match[] {
    if (embedding.length !== this.embeddingSize) {
      throw new RecognitionError('bad-model', `the model gave ${embedding.length} numbers, the gallery holds ${this.embeddingSize}`);
    }
    const e = unit(embedding);
    const cosines = this.#vectors.map((v) => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += (v[i] as number) * (e[i] as number);
      return dot;
    });
    const top = Math.max(...cosines.filter((_, i) => this.#products[i]));
    const softmax = normalised(cosines.map((c, i) => (this.#products[i] ? Math.exp(scoreScale * (c - top)) : 0)));
    const probabilities = this.#kinds.some((k) => k !== undefined) ? normalised(this.#kindWeighted(softmax)) : softmax;
    return cosines
      .map((cosine, i) => ({ label: this.#labels[i] as string, cosine, probability: probabilities[i] as number, product: this.#products[i] as boolean }))
      .sort((a, b) => b.probability - a.probability || b.cosine - a.cosine);
  }

  /** Each product's softmax share times its kind's total share (a product without a kind is its own kind). */
  #kindWeighted(softmax: readonly number[]): number[] {
    const kindShare = new Map<string, number>();
    this.#kinds.forEach((kind, i) => {
      if (kind !== undefined) kindShare.set(kind, (kindShare.get(kind) ?? 0) + (softmax[i] as number));
    });
    return softmax.map((p, i) => {
      const kind = this.#kinds[i];
      return p * (kind === undefined ? p : (kindShare.get(kind) as number));
    });
  }
}

function normalised(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
