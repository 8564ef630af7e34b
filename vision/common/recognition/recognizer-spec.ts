// The JSON that travels with the ONNX model (vision/models/grocery-recognizer.json): how to feed
// the model, and the gallery of reference embeddings the model's output is matched against.
import { z } from 'zod';

const galleryEntry = z.object({
  /** The fine class name, as the catalog's `visionLabel` spells it. */
  label: z.string().min(1).max(80),
  /** Unit-length reference embedding (the mean of the class's training photos' embeddings). */
  vector: z.array(z.number().finite()).min(1),
  /** The product's kind (the dataset's coarse class: Apple, Pepper, Juice), which weighs the ranking (gallery.ts). */
  kind: z.string().min(1).max(80).optional(),
});

export const recognizerSpecSchema = z
  .object({
    format: z.literal('tally-recognizer/1'),
    /** File name of the ONNX model, relative to this JSON. */
    model: z.string().min(1),
    input: z.object({
      /** The model sees a size × size square. */
      size: z.number().int().min(16).max(1024),
      layout: z.literal('NCHW'),
      channels: z.literal('RGB'),
      /** Pixel values are 0..255 times this. */
      scale: z.number().positive(),
      /** The middle square of the picture is used, so the item is not squashed. */
      crop: z.literal('centre-square'),
      /**
       * Also run the mirror image and average the two embeddings (test-time augmentation: +1 to
       * +2 points top-1 on the validation photos, one batch of two per picture).
       */
      mirrorToo: z.boolean().default(false),
    }),
    embeddingSize: z.number().int().positive(),
    /** Softmax temperature: probabilities are softmax(scoreScale × cosine) over the gallery. */
    scoreScale: z.number().positive(),
    /**
     * A picture whose best cosine similarity is below this is not a catalog item (a hand, a bag,
     * an empty basket). Calibrated so that about 5% of real product photos fall below it.
     */
    unknownBelow: z.number().min(-1).max(1),
    gallery: z.array(galleryEntry).min(1),
    /**
     * References of things that are not products (an empty basket, a hand, a bag): a picture
     * clearly nearer to one of them than to any product is "unknown".
     */
    notProducts: z.array(galleryEntry).default([]),
    /**
     * How much closer a not-a-product reference must be than the best product to make the
     * answer "unknown" (real product photos sit near these references more often than expected).
     */
    notProductMargin: z.number().min(0).max(2).default(0.25),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    for (const key of ['gallery', 'notProducts'] as const) {
      spec[key].forEach((entry, i) => {
        if (entry.vector.length !== spec.embeddingSize) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'vector'], message: `has ${entry.vector.length} numbers, embeddingSize is ${spec.embeddingSize}` });
        }
        if (seen.has(entry.label)) ctx.addIssue({ code: 'custom', path: [key, i, 'label'], message: `'${entry.label}' is in the gallery twice` });
        seen.add(entry.label);
      });
    }
  });

export type RecognizerSpec = z.infer<typeof recognizerSpecSchema>;
