// The reconciler: scans, weight steps, the cart's motion and (where the cameras have an opinion)
// recognition hints in; a verified basket and loss-prevention alerts out.
//
// It keeps the basket as *entries* that still need a partner:
//   unpaid    weight in the basket nobody paid for (a step with no scan, or a line unscanned
//             while the item stayed in)
//   unplaced  a paid line the basket does not hold (scanned but never placed, or taken out
//             without unscanning)
//   removal   weight that came out and matches nothing on the list
//   dispute   the cameras saw a different product from the one entered: a PLU keyed for produce
//             (only the cameras can check it), or a counted item whose weight was already at the
//             edge of its product's spread (the two together make a swap)
// Every input first tries to pair entries (see matcher.ts: combinations allowed, for items
// dropped in together or leaned on the rim). An entry still alone when its grace period is over,
// with the cart standing still, raises an alert; an alert resolves by itself once every entry
// behind it has found a partner or gone (the shopper scanned it, put it in, took it out). So the
// shopper always gets `graceMs` to fix a slip before anything is flagged, and nothing is flagged
// while the cart is pushed (the scale cannot see placements then).
import { z } from 'zod';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { AlertKind, AlertResolution, Measure, NewSessionEventInput, SessionEvent } from '../../../domain/common/session/events.js';
import { LossPreventionError } from './errors.js';
import { bestMatch, defaultMatchLimits, type MatchLimits, type Weighable } from './matcher.js';
import { defaultTolerance, misfit, SCALE_FLOOR_MG, type ToleranceRule } from './tolerance.js';
import type { WeightModel } from './weight-model.js';

/**
 * What the basket camera's recogniser made of the item that just went in: the products it looks
 * most like with their scores (0-1), and `unknown` when the picture is like none of the products
 * the store taught it (the recogniser's open-set verdict; the labels are then its weak best
 * guesses). A hint with `unknown` left out makes no claim either way.
 */
export const recognitionHintSchema = z.strictObject({
  at: z.number().finite().min(0),
  labels: z.array(z.strictObject({ sku: z.string().min(1).max(64), score: z.number().min(0).max(1) })).max(20),
  unknown: z.boolean().optional(),
});
export type RecognitionHint = z.output<typeof recognitionHintSchema>;

export interface ReconcilerOptions {
  readonly clock: Clock;
  readonly catalog: Catalog;
  readonly weights: WeightModel;
  /** Where alerts go: the runtime appends them to the session log. */
  readonly record: (event: NewSessionEventInput) => void;
  readonly tolerance?: ToleranceRule;
  /** How long a shopper has to fix a slip (scan after placing, place after scanning) before an alert (default 12 s). */
  readonly graceMs?: number;
  /** After the cart stops, how long the scale needs to report what happened meanwhile (default 2 s). */
  readonly settleAfterMotionMs?: number;
  /** A personal item declared without a mass claims one placement up to this heavy (default 5 kg). */
  readonly personalMaxMg?: number;
  /** A hint disputes a line when its top label scores at least this (default 0.7)… */
  readonly hintMinScore?: number;
  /** …and the entered product scores at most this (default 0.1). */
  readonly hintMaxScannedScore?: number;
  /** A hint belongs to a placement within this many ms of it (default 5 s). */
  readonly hintWindowMs?: number;
  /**
   * A counted item the cameras say is not the product scanned is a swap when its weight does not
   * speak for that product (see #suspect), and never within this many of the product's usual
   * standard deviations of its usual weight (default 1: the middle of a product's spread is never
   * suspicious, however crowded the catalog is around it).
   */
  readonly suspectSigma?: number;
  readonly limits?: MatchLimits;
  /** Prefix of the alert ids this reconciler hands out (default "lp-"). */
  readonly alertIdPrefix?: string;
}

type Origin = 'placed' | 'scanned' | 'unscanned-kept' | 'taken-out' | 'removed' | 'hint' | 'seen-and-weighed' | 'personal';
type EntryKind = 'unpaid' | 'unplaced' | 'removal' | 'dispute';

interface Entry extends Weighable {
  readonly kind: EntryKind;
  readonly origin: Origin;
  readonly stepIds: readonly string[];
  readonly lineIds: readonly string[];
  readonly skus: readonly string[];
  readonly deadline: number;
  open: boolean;
  closedHow: AlertResolution | undefined;
  alertId: string | undefined;
}

interface Line {
  readonly lineId: string;
  readonly sku: string;
  readonly measure: Measure;
  readonly meanMg: number;
  readonly sdMg: number;
  /** The product's usual spread (WeightExpectation.usualSdMg): to judge a weight unusual, not to excuse it. */
  readonly usualSdMg: number;
  readonly scannedAt: number;
  /** The weight step(s) it was matched to, once placed. */
  placed: Placement | undefined;
}

interface Placement {
  readonly stepIds: readonly string[];
  readonly stepMg: number;
  /** Measured steps among them (each carries the scale's floor). */
  readonly steps: number;
  /** One line against one step: the only kind the weight model learns from. */
  readonly alone: boolean;
  readonly at: number;
  readonly misfit: number;
  /**
   * One line on one step whose weight does not speak for the line's product (#suspect): a swap,
   * should the camera also rule the product out. Never a combination: the camera's picture of it
   * shows several items.
   */
  readonly suspect: boolean;
}

/** A recognition hint, and the placement it was taken of once known. */
interface Sighting {
  readonly hint: RecognitionHint;
  done: boolean;
}

interface Personal {
  readonly itemId: string;
  readonly declaredAt: number;
  readonly massMg: number | undefined;
  placedMg: number | undefined;
}

interface OpenAlert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly entries: readonly Entry[];
}

/** One confirmed weighing for the weight model: a single unit matched to a single step. */
export interface ConfirmedWeighing {
  readonly sku: string;
  readonly grams: number;
  /** The line and the step that were matched, so evidence an alert named can be left out. */
  readonly lineId: string;
  readonly stepId: string;
}

/** A counted item placed before its scan, or weighed produce placed after its PLU was keyed (see #partnerCost). */
const ORDER_COST = 1.7;
/** The camera ruled the line's product out of the placement: ln(0.95 / 0.006) (see #partnerCost). */
const CAMERA_RULED_OUT_COST = 5;

/** The normal density at x (the constant factor left out: only ratios of it are used). */
const normalDensity = (x: number, mean: number, sd: number): number => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / sd;

const grams = (mg: number): string => `${Math.round(Math.abs(mg) / 1000)} g`;

export class Reconciler {
  readonly #clock: Clock;
  readonly #catalog: Catalog;
  readonly #weights: WeightModel;
  readonly #record: (event: NewSessionEventInput) => void;
  readonly #rule: ToleranceRule;
  readonly #graceMs: number;
  readonly #settleMs: number;
  readonly #personalMaxMg: number;
  readonly #hintMin: number;
  readonly #hintMaxScanned: number;
  readonly #hintWindow: number;
  readonly #suspectSigma: number;
  readonly #limits: MatchLimits;
  readonly #prefix: string;
  readonly #entries: Entry[] = [];
  readonly #lines = new Map<string, Line>();
  readonly #steps = new Set<string>();
  readonly #personal = new Map<string, Personal>();
  readonly #alerts = new Map<string, OpenAlert>();
  readonly #sightings: Sighting[] = [];
  /** Every placement (positive step) with its time, for pinning hints to the item they saw. */
  readonly #placements: { readonly stepId: string; readonly at: number }[] = [];
  #nextAlert = 1;
  #nextKey = 1;
  #moving = false;
  #stillSince = Number.NEGATIVE_INFINITY;
  #timer: TimerHandle | undefined;

  constructor(options: ReconcilerOptions) {
    this.#clock = options.clock;
    this.#catalog = options.catalog;
    this.#weights = options.weights;
    this.#record = options.record;
    this.#rule = options.tolerance ?? defaultTolerance;
    this.#graceMs = options.graceMs ?? 12_000;
    this.#settleMs = options.settleAfterMotionMs ?? 2_000;
    this.#personalMaxMg = options.personalMaxMg ?? 5_000_000;
    this.#hintMin = options.hintMinScore ?? 0.7;
    this.#hintMaxScanned = options.hintMaxScannedScore ?? 0.1;
    this.#hintWindow = options.hintWindowMs ?? 5_000;
    this.#suspectSigma = options.suspectSigma ?? 1;
    this.#limits = options.limits ?? defaultMatchLimits;
    this.#prefix = options.alertIdPrefix ?? 'lp-';
  }

  /** Feeds one recorded session event; the events the reconciler does not need are ignored. */
  feed(event: SessionEvent): void {
    switch (event.type) {
      case 'scanned':
        return this.scanned(event);
      case 'itemRemoved':
        return this.unscanned(event.lineId);
      case 'quantityChanged':
        return this.quantityChanged(event.lineId, event.quantity);
      case 'weighed':
        return this.weighed(event);
      case 'personalItemDeclared':
        return this.personalItem(event);
      default:
        return undefined;
    }
  }

  /** A line was scanned (or a PLU keyed). */
  scanned(scan: { readonly lineId: string; readonly sku: string; readonly measure: Measure }): void {
    if (this.#lines.has(scan.lineId)) throw new LossPreventionError('duplicate', `line ${scan.lineId} was already scanned`);
    const product = this.#catalog.bySku(scan.sku);
    if (!product) throw new LossPreventionError('unknown-product', `no product ${scan.sku} in the catalog`);
    let meanMg: number;
    let sdMg: number;
    let usualSdMg: number;
    if (scan.measure.by === 'weight') {
      // A weighed line: its net weight plus the container, known to the label's rounding.
      meanMg = scan.measure.netMg + (product.soldBy === 'weight' ? product.tareGrams * 1000 : 0);
      sdMg = Math.max(2000, 0.01 * meanMg);
      usualSdMg = sdMg;
    } else {
      // A product sold by weight counted by each (rare) gets its typical unit weight, loosely.
      const typical = product.soldBy === 'weight' ? (product.typicalGrams ?? 0) * 1000 : 0;
      const loose = Math.max(20_000, 0.5 * typical);
      const unit = this.#weights.expect(scan.sku) ?? { meanMg: typical, sdMg: loose, usualSdMg: loose };
      meanMg = unit.meanMg * scan.measure.quantity;
      sdMg = unit.sdMg * Math.sqrt(scan.measure.quantity);
      usualSdMg = unit.usualSdMg * Math.sqrt(scan.measure.quantity);
    }
    const line: Line = { lineId: scan.lineId, sku: scan.sku, measure: scan.measure, meanMg, sdMg, usualSdMg, scannedAt: this.#clock.now(), placed: undefined };
    this.#lines.set(line.lineId, line);
    this.#add('unplaced', 'scanned', { meanMg, sdMg, measured: false, lineIds: [line.lineId], skus: [line.sku] });
    this.#settle();
  }

  /** The shopper took a line off the list. */
  unscanned(lineId: string): void {
    const line = this.#line(lineId);
    // Settle first which placement was this line's: the weight left behind must be the one nobody paid for.
    for (const e of this.#open('unpaid')) if (this.#repair(e, line)) break;
    this.#lines.delete(lineId);
    let cleared = false;
    for (const e of this.#entries) {
      if (!e.open || !e.lineIds.includes(lineId)) continue;
      // Its pending "put it in" or "what the camera saw" is moot now.
      if (e.kind === 'unplaced' || e.kind === 'dispute') {
        this.#close(e, 'removed');
        cleared ||= e.kind === 'unplaced';
      }
    }
    if (line.placed && !cleared) {
      // It was in the basket: it should come out now. An earlier unexplained removal may be it.
      const removal = this.#open('removal').find((r) => misfit(this.#rule, -r.meanMg - line.meanMg, Math.hypot(r.sdMg, line.sdMg, SCALE_FLOOR_MG)) <= 1);
      if (removal) this.#close(removal, 'removed');
      else this.#add('unpaid', 'unscanned-kept', { meanMg: line.meanMg, sdMg: line.sdMg, measured: false, lineIds: [lineId], skus: [line.sku] });
    }
    this.#settle();
  }

  /** A new count for a line: as if it were unscanned and scanned again with the new count. */
  quantityChanged(lineId: string, quantity: number): void {
    const line = this.#line(lineId);
    if (line.measure.by !== 'each') return;
    this.unscanned(lineId);
    this.scanned({ lineId, sku: line.sku, measure: { by: 'each', quantity } });
  }

  /** One settled weight step from the scale. */
  weighed(step: { readonly stepId: string; readonly deltaMg: number; readonly uncertaintyMg: number }): void {
    if (this.#steps.has(step.stepId)) throw new LossPreventionError('duplicate', `step ${step.stepId} was already weighed`);
    this.#steps.add(step.stepId);
    if (step.deltaMg > 0) {
      this.#placements.push({ stepId: step.stepId, at: this.#clock.now() });
      if (this.#placements.length > 64) this.#placements.shift();
      this.#add('unpaid', 'placed', { meanMg: step.deltaMg, sdMg: step.uncertaintyMg, measured: true, stepIds: [step.stepId] });
    } else if (!this.#explainRemoval(step)) {
      this.#add('removal', 'removed', { meanMg: step.deltaMg, sdMg: step.uncertaintyMg, measured: true, stepIds: [step.stepId] });
    }
    this.#settle();
  }

  /** Something of the shopper's own goes in the cart; with a mass, or claiming the next placement. */
  personalItem(item: { readonly itemId: string; readonly massMg?: number | undefined }): void {
    if (this.#personal.has(item.itemId)) throw new LossPreventionError('duplicate', `personal item ${item.itemId} was already declared`);
    this.#personal.set(item.itemId, { itemId: item.itemId, declaredAt: this.#clock.now(), massMg: item.massMg, placedMg: undefined });
    if (item.massMg !== undefined) {
      this.#add('unplaced', 'personal', { key: `personal:${item.itemId}`, meanMg: item.massMg, sdMg: Math.max(5000, 0.05 * item.massMg), measured: false });
    }
    this.#settle();
  }

  /** The cart started or stopped moving (from the motion sensor). */
  motion(moving: boolean): void {
    if (moving === this.#moving) return;
    this.#moving = moving;
    if (!moving) this.#stillSince = this.#clock.now();
    this.#schedule();
  }

  /** What the cameras recognised; checked, since it comes from another subsystem. */
  recognised(input: unknown): void {
    const parsed = recognitionHintSchema.safeParse(input);
    if (!parsed.success) throw new LossPreventionError('invalid-hint', `not a recognition hint: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    this.#sightings.push({ hint: parsed.data, done: false });
    if (this.#sightings.length > 32) this.#sightings.shift();
    this.#settle();
  }

  /** Alerts raised and not yet resolved. */
  get openAlerts(): readonly { readonly alertId: string; readonly kind: AlertKind }[] {
    return [...this.#alerts.values()].map((a) => ({ alertId: a.alertId, kind: a.kind }));
  }

  /** Nothing pending: every scan placed, every placement paid for, no alert open. */
  get settled(): boolean {
    return this.#alerts.size === 0 && this.#entries.every((e) => !e.open || e.origin === 'personal');
  }

  /** Single units matched one-to-one with a single step: what the weight model may learn from. */
  confirmedWeighings(): ConfirmedWeighing[] {
    const out: ConfirmedWeighing[] = [];
    for (const line of this.#lines.values()) {
      const placed = line.placed;
      const stepId = placed?.stepIds[0];
      if (placed?.alone && placed.steps === 1 && stepId !== undefined && line.measure.by === 'each' && line.measure.quantity === 1) {
        out.push({ sku: line.sku, grams: placed.stepMg / 1000, lineId: line.lineId, stepId });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  #line(lineId: string): Line {
    const line = this.#lines.get(lineId);
    if (!line) throw new LossPreventionError('unknown-line', `no line ${lineId} on the list`);
    return line;
  }

  /**
   * Whether one step's weight does not speak for the counted line it was matched to, so that a
   * camera ruling the product out makes it a swap. The weight is compared with two explanations,
   * each with the store's best estimate of a unit's weight (its usual spread, not the hedged
   * tolerance: see WeightExpectation.usualSdMg) and the scale's own noise:
   *   - the line's product;
   *   - another product the store sells by the unit (all of them, each as likely, but those that
   *     look like it to the cameras), since that is what a swap puts in.
   * It does not speak for the product when the second explains it at least as well (a likelihood
   * ratio of 1 or more) and it is more than `suspectSigma` usual standard deviations off. So where
   * the line falls depends on what else weighs that much: an avocado (±12 %) is suspect from 2σ
   * heavier, where tubs and pastries sit; a litre of milk (±1 %), one of many cartons of its
   * weight, from 2.5σ lighter or 3.75σ heavier. Only for products the cameras were taught (a
   * vision label): for the rest the camera has no say.
   */
  #suspect(line: Line, step: { readonly meanMg: number; readonly sdMg: number }): boolean {
    if (line.measure.by !== 'each' || this.#catalog.bySku(line.sku)?.visionLabel === undefined) return false;
    const noise = Math.hypot(step.sdMg, SCALE_FLOOR_MG);
    const sd = Math.hypot(line.usualSdMg, noise);
    if (Math.abs(step.meanMg - line.meanMg) <= this.#suspectSigma * sd) return false;
    const q = line.measure.quantity;
    let others = 0;
    let count = 0;
    for (const product of this.#catalog.products) {
      const unit = product.soldBy === 'each' && !this.#sameLook(product.sku, line.sku) ? this.#weights.expect(product.sku) : undefined;
      if (!unit) continue;
      others += normalDensity(step.meanMg, q * unit.meanMg, Math.hypot(Math.sqrt(q) * unit.usualSdMg, noise));
      count++;
    }
    return count > 0 && others / count >= normalDensity(step.meanMg, line.meanMg, sd);
  }

  #add(
    kind: EntryKind,
    origin: Origin,
    fields: { key?: string; meanMg: number; sdMg: number; measured: boolean; stepIds?: string[]; lineIds?: string[]; skus?: string[]; at?: number; deadline?: number },
  ): Entry {
    const at = fields.at ?? this.#clock.now();
    const entry: Entry = {
      key: fields.key ?? `e${this.#nextKey++}`,
      kind,
      origin,
      meanMg: fields.meanMg,
      sdMg: fields.sdMg,
      measured: fields.measured,
      at,
      deadline: fields.deadline ?? at + this.#graceMs,
      stepIds: fields.stepIds ?? [],
      lineIds: fields.lineIds ?? [],
      skus: fields.skus ?? [],
      open: true,
      closedHow: undefined,
      alertId: undefined,
    };
    this.#entries.push(entry);
    return entry;
  }

  #open(kind: EntryKind): Entry[] {
    return this.#entries.filter((e) => e.open && e.kind === kind);
  }

  #close(entry: Entry, how: AlertResolution): void {
    entry.open = false;
    entry.closedHow = how;
  }

  /** A weight step down: which unpaid weight, placed line or personal item came out. */
  #explainRemoval(step: { readonly stepId: string; readonly deltaMg: number; readonly uncertaintyMg: number }): boolean {
    const out = -step.deltaMg;
    const fit = (meanMg: number, sdMg: number): number => misfit(this.#rule, out - meanMg, Math.hypot(sdMg, step.uncertaintyMg, SCALE_FLOOR_MG));
    let best: { bad: number; apply: () => void } | undefined;
    const consider = (bad: number, apply: () => void): void => {
      if (bad <= 1 && (!best || bad < best.bad)) best = { bad, apply };
    };
    for (const e of this.#open('unpaid')) consider(fit(e.meanMg, Math.hypot(e.sdMg, e.measured ? SCALE_FLOOR_MG : 0)), () => this.#close(e, 'removed'));
    for (const line of this.#lines.values()) {
      const placed = line.placed;
      if (!placed) continue;
      consider(fit(line.meanMg, line.sdMg), () => {
        // Out of the basket but still on the list: it must go back in, or off the list. A swap
        // suspected of what was in is moot: what goes in next is weighed (and seen) afresh.
        line.placed = undefined;
        for (const d of this.#entries) if (d.open && d.origin === 'seen-and-weighed' && d.lineIds.includes(line.lineId)) this.#close(d, 'removed');
        this.#add('unplaced', 'taken-out', { meanMg: line.meanMg, sdMg: line.sdMg, measured: false, stepIds: [step.stepId], lineIds: [line.lineId], skus: [line.sku] });
      });
    }
    for (const p of this.#personal.values()) {
      const placedMg = p.placedMg;
      if (placedMg !== undefined) consider(fit(placedMg, SCALE_FLOOR_MG), () => (p.placedMg = undefined));
    }
    const chosen = best as { bad: number; apply: () => void } | undefined;
    chosen?.apply();
    return chosen !== undefined;
  }

  /** After every input: pair what can be paired, then alerts, then the next check. */
  #settle(): void {
    this.#pair();
    this.#claimForPersonal();
    this.#judgeHints();
    this.#resolveAlerts();
    this.#schedule();
  }

  /**
   * Pairs what fits. A combination is only taken in the order careless placing makes it: every
   * scan before every step (scanned two, dropped them in together; or leaned one on the rim) or
   * every step before every scan. A scan, a placement that does not fit it and the next scan must
   * not add up to a "careless" pair: that is how a swap hides. And an entry already under an
   * alert only pairs one-to-one (the shopper putting it right), never in a combination with what
   * came after it.
   */
  #pair(): void {
    const at = (e: Entry): number => e.at;
    const plausible = (ls: readonly Entry[], ss: readonly Entry[]): boolean =>
      ls.length + ss.length <= 2 ||
      ([...ls, ...ss].every((e) => e.alertId === undefined) && (Math.max(...ls.map(at)) <= Math.min(...ss.map(at)) || Math.max(...ss.map(at)) <= Math.min(...ls.map(at))));
    for (;;) {
      const lines = this.#open('unplaced');
      const steps = this.#entries.filter((e) => e.open && (e.kind === 'unpaid' || e.kind === 'removal'));
      if (lines.length === 0 || steps.length === 0) return;
      const match = bestMatch(lines, steps, this.#rule, this.#limits, plausible);
      if (!match) return;
      const all = [...match.lines, ...match.steps];
      const newest = all.reduce((a, b) => (b.at >= a.at ? b : a));
      const how: AlertResolution = newest.origin === 'scanned' ? 'scanned' : newest.origin === 'removed' || newest.origin === 'unscanned-kept' ? 'removed' : 'cleared-by-sensors';
      for (const e of all) this.#close(e, how);
      const stepMg = match.steps.reduce((s, e) => s + e.meanMg, 0);
      const measuredSteps = match.steps.filter((e) => e.measured).length;
      const alone = match.lines.length === 1 && match.steps.length === 1;
      const step = match.steps[0];
      for (const l of match.lines) {
        if (l.origin === 'personal') {
          const p = this.#personal.get(l.key.slice('personal:'.length));
          if (p) p.placedMg = stepMg;
          continue;
        }
        for (const lineId of l.lineIds) {
          const line = this.#lines.get(lineId);
          if (!line) continue;
          const suspect = alone && step !== undefined && this.#suspect(line, step);
          line.placed = { stepIds: match.steps.flatMap((e) => e.stepIds), stepMg, steps: measuredSteps, alone, at: Math.max(...match.steps.map((e) => e.at)), misfit: match.misfit, suspect };
        }
      }
    }
  }

  /**
   * Was a scan paired with the wrong one of two placements that both fit it (a forgotten item of a
   * similar weight next to this item's scan)? A scan belongs with the placement it most likely
   * went with (#partnerCost); if this unpaid placement `e` is the better partner, the two swap
   * places and the other placement is the one left unpaid. Asked before calling a placement
   * unscanned, so the alert points at the right item, and before a line leaves the list, so the
   * weight left behind is the one nobody paid for. `only` limits it to one line.
   */
  #repair(e: Entry, only?: Line): boolean {
    if (e.kind !== 'unpaid' || e.origin !== 'placed') return false;
    for (const line of only ? [only] : this.#lines.values()) {
      const p = line.placed;
      const pStep = p?.stepIds[0];
      if (!p?.alone || p.steps !== 1 || pStep === undefined) continue;
      const sd = Math.hypot(line.sdMg, e.sdMg, SCALE_FLOOR_MG);
      const fits = misfit(this.#rule, e.meanMg - line.meanMg, sd);
      if (fits > 1 || this.#partnerCost(line, e.meanMg, e.sdMg, e.at, e.stepIds[0]) >= this.#partnerCost(line, p.stepMg, 0, p.at, pStep)) continue;
      this.#close(e, 'cleared-by-sensors');
      line.placed = { stepIds: e.stepIds, stepMg: e.meanMg, steps: 1, alone: true, at: e.at, misfit: fits, suspect: this.#suspect(line, e) };
      this.#add('unpaid', 'placed', { meanMg: p.stepMg, sdMg: 0, measured: true, stepIds: [...p.stepIds], at: p.at, deadline: e.deadline });
      return true;
    }
    return false;
  }

  /**
   * How unlikely a placement is as a line's partner, as a negative log-likelihood (natural log
   * units), summing independent pieces of evidence:
   *   - the weight's distance from the line's model, z² / 2. Quadratic, not linear: a 1.5σ fit 4 s
   *     after the scan beats a 0.4σ fit 11 s after it, as it should when two items of a kind weigh
   *     alike;
   *   - the time from the scan: shoppers place within seconds (one unit per quarter of the grace
   *     period);
   *   - the order: most shoppers scan first and place after, so a counted item placed before its
   *     scan costs ln 5.7 ≈ 1.7 (about 15 % place first). Weighed produce is the other way round:
   *     the weight on its line is the scale's as the PLU is keyed, so it went in first, and a
   *     placement after the key is the unlikely one;
   *   - what the basket camera saw of the placement, for a product it was taught: a view that
   *     rules the line's product out (#rulesOut) costs ln(0.95 / 0.006) ≈ 5, since the recogniser
   *     does that to about 0.6 % of views of the right product and 95 % of views of another
   *     (docs/loss-prevention.md). Products the camera was not taught leave this out: it cannot tell.
   */
  #partnerCost(line: Line, stepMg: number, stepSd: number, at: number, stepId: string | undefined): number {
    const z = (stepMg - line.meanMg) / Math.hypot(line.sdMg, stepSd, SCALE_FLOOR_MG);
    const outOfOrder = line.measure.by === 'weight' ? at > line.scannedAt : at < line.scannedAt;
    const seen = stepId === undefined ? undefined : this.#sightingOf(stepId);
    const ruledOut = seen !== undefined && this.#catalog.bySku(line.sku)?.visionLabel !== undefined && this.#rulesOut(seen, line.sku);
    return (z * z) / 2 + (outOfOrder ? ORDER_COST : 0) + Math.abs(at - line.scannedAt) / (this.#graceMs / 4) + (ruledOut ? CAMERA_RULED_OUT_COST : 0);
  }

  /**
   * Last chance before an alert, for careless placing the first pairing got wrong: a line
   * matched alone within a wide tolerance may really be the first half of a rim-leaned item (the
   * leftover step is its other half) or one of two items dropped in together (the leftover line
   * is the other item). Taken only when it fits clearly better than the pairing it extends.
   */
  #absorb(e: Entry): boolean {
    if (!((e.kind === 'unpaid' && e.origin === 'placed') || (e.kind === 'unplaced' && e.origin === 'scanned'))) return false;
    const step = e.kind === 'unpaid';
    let best: { line: Line; placed: Placement; bad: number } | undefined;
    for (const line of this.#lines.values()) {
      const p = line.placed;
      if (!p?.alone || Math.abs(p.at - e.at) > this.#limits.comboWindowMs) continue;
      const lineMg = line.meanMg + (step ? 0 : e.meanMg);
      const lineVar = line.sdMg ** 2 + (step ? 0 : e.sdMg ** 2);
      const stepMg = p.stepMg + (step ? e.meanMg : 0);
      const stepVar = (p.steps + (step ? 1 : 0)) * SCALE_FLOOR_MG ** 2 + (step ? e.sdMg ** 2 : 0);
      const sd = Math.sqrt(lineVar + stepVar);
      const bad = misfit(this.#rule, stepMg - lineMg, sd);
      // Only a pairing that fitted poorly is reopened, and only for a clearly better one: otherwise
      // a small item slipped in after a loosely modelled one would vanish into it.
      if (bad <= 1 && p.misfit >= 0.5 && bad <= p.misfit / 2 && (!best || bad < best.bad)) best = { line, placed: p, bad };
    }
    if (!best) return false;
    const { line, placed, bad } = best;
    this.#close(e, 'cleared-by-sensors');
    const joined: Placement = step
      ? { ...placed, stepIds: [...placed.stepIds, ...e.stepIds], stepMg: placed.stepMg + e.meanMg, steps: placed.steps + 1, alone: false, misfit: bad, suspect: false }
      : { ...placed, alone: false, misfit: bad, suspect: false };
    line.placed = joined;
    for (const lineId of step ? [] : e.lineIds) {
      const other = this.#lines.get(lineId);
      if (other) other.placed = joined;
    }
    return true;
  }

  /** A personal item declared without a mass takes the nearest placement nobody scanned. */
  #claimForPersonal(): void {
    for (const p of this.#personal.values()) {
      if (p.massMg !== undefined || p.placedMg !== undefined) continue;
      const candidates = this.#open('unpaid').filter((e) => e.origin === 'placed' && e.meanMg <= this.#personalMaxMg && Math.abs(e.at - p.declaredAt) <= this.#graceMs);
      const nearest = candidates.sort((a, b) => Math.abs(a.at - p.declaredAt) - Math.abs(b.at - p.declaredAt))[0];
      if (!nearest) continue;
      this.#close(nearest, 'cleared-by-sensors');
      p.placedMg = nearest.meanMg;
    }
  }

  /**
   * Compares what the cameras saw with what was entered for it. A hint is pinned to the placement
   * nearest in time (the camera fires as something goes in) once the window around it has passed,
   * and judged once that placement has a line; a hint no line claims (a personal bag, an unscanned
   * item) is dropped later. Weighed produce and counted items are judged differently: see
   * #judgeKeyedProduce and #judgeCounted.
   */
  #judgeHints(): void {
    const now = this.#clock.now();
    for (const sighting of this.#sightings) {
      const { hint } = sighting;
      // Wait until every placement the camera could have seen has been weighed.
      if (sighting.done || now < hint.at + this.#hintWindow) continue;
      const placement = this.#pinned(hint);
      const line = placement ? [...this.#lines.values()].find((l) => l.placed?.stepIds.includes(placement.stepId)) : undefined;
      if (!line) {
        if (now - hint.at > this.#hintWindow + 2 * this.#graceMs) sighting.done = true;
        continue;
      }
      sighting.done = true;
      if (line.measure.by === 'weight') this.#judgeKeyedProduce(hint, line);
      else this.#judgeCounted(hint, line);
    }
  }

  /**
   * Weighed produce: the scale weighs whatever went in, so it cannot tell bananas from lemons, and
   * the cameras are the only check on the PLU keyed. A confident view of another product, with the
   * keyed one scored as unlikely, disputes the line.
   */
  #judgeKeyedProduce(hint: RecognitionHint, line: Line): void {
    const view = this.#view(hint, line.sku);
    if (view.other === undefined || !view.notScanned) return;
    this.#add('dispute', 'hint', { meanMg: 0, sdMg: 0, measured: false, lineIds: [line.lineId], skus: [view.other, line.sku] });
  }

  /**
   * A counted item: the scale already checks it, and the cameras err, so their opinion alone never
   * raises anything. But a weight that does not speak for the scanned product (#suspect: another
   * product the store sells explains it at least as well) that the cameras say is not that product
   * (#rulesOut) is a swap the weight alone could not call. Only for products the cameras know (a
   * vision label), and only for one line placed alone as one step (the picture of two items
   * dropped together shows both).
   */
  #judgeCounted(hint: RecognitionHint, line: Line): void {
    const placed = line.placed;
    if (!placed?.alone || placed.steps !== 1 || !placed.suspect || !this.#rulesOut(hint, line.sku)) return;
    const view = this.#view(hint, line.sku);
    this.#add('dispute', 'seen-and-weighed', {
      meanMg: placed.stepMg,
      sdMg: 0,
      measured: false,
      stepIds: [...placed.stepIds],
      lineIds: [line.lineId],
      skus: view.other === undefined || hint.unknown === true ? [line.sku] : [line.sku, view.other],
      at: placed.at,
    });
  }

  /** What a hint says about a product: another product it confidently saw, and whether it scored this one as unlikely. */
  #view(hint: RecognitionHint, sku: string): { readonly other: string | undefined; readonly notScanned: boolean } {
    const top = [...hint.labels].sort((a, b) => b.score - a.score)[0];
    const other = top && top.score >= this.#hintMin && !this.#sameLook(top.sku, sku) ? top.sku : undefined;
    const scannedScore = Math.max(0, ...hint.labels.filter((l) => this.#sameLook(l.sku, sku)).map((l) => l.score));
    return { other, notScanned: scannedScore <= this.#hintMaxScanned };
  }

  /**
   * Whether a view rules a product out: the product scored as unlikely, and the recogniser either
   * sure it saw another product or sure the picture is like nothing it was taught.
   */
  #rulesOut(hint: RecognitionHint, sku: string): boolean {
    const view = this.#view(hint, sku);
    return view.notScanned && (view.other !== undefined || hint.unknown === true);
  }

  /** The placement a hint was taken of: the one nearest in time, within the window. */
  #pinned(hint: RecognitionHint): { readonly stepId: string; readonly at: number } | undefined {
    return this.#placements.filter((p) => Math.abs(p.at - hint.at) <= this.#hintWindow).sort((a, b) => Math.abs(a.at - hint.at) - Math.abs(b.at - hint.at))[0];
  }

  /** What the camera saw of a placement, once every placement its hint could be of has been weighed. */
  #sightingOf(stepId: string): RecognitionHint | undefined {
    const now = this.#clock.now();
    return this.#sightings.find((x) => now >= x.hint.at + this.#hintWindow && this.#pinned(x.hint)?.stepId === stepId)?.hint;
  }

  /** A swap suspicion stands while its line still sits alone on the same step (a repair may have moved it). */
  #stillSuspect(e: Entry): boolean {
    const placed = this.#lines.get(e.lineIds[0] ?? '')?.placed;
    return placed?.alone === true && placed.stepIds[0] === e.stepIds[0] && placed.suspect;
  }

  /** The cameras cannot tell products that share a recognition label (bananas and organic bananas). */
  #sameLook(a: string, b: string): boolean {
    if (a === b) return true;
    const la = this.#catalog.bySku(a)?.visionLabel;
    return la !== undefined && la === this.#catalog.bySku(b)?.visionLabel;
  }

  #resolveAlerts(): void {
    for (const alert of [...this.#alerts.values()]) {
      if (alert.entries.some((e) => e.open)) continue;
      const last = alert.entries[alert.entries.length - 1] as Entry;
      const how = last.closedHow ?? 'cleared-by-sensors';
      this.#alerts.delete(alert.alertId);
      this.#record({ type: 'alertResolved', alertId: alert.alertId, how, by: how === 'cleared-by-sensors' ? 'system' : 'shopper' });
    }
  }

  /**
   * Sets the one timer for the next check. After a check, entries it left waiting on a partner's
   * grace are not due again until that partner is, so only deadlines still ahead count then.
   */
  #schedule(afterCheck = false): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#moving) return;
    const now = this.#clock.now();
    const deadlines = [
      ...this.#entries.filter((e) => e.open && !e.alertId && e.origin !== 'personal').map((e) => e.deadline),
      ...this.#sightings.filter((x) => !x.done).map((x) => x.hint.at + this.#hintWindow),
    ].filter((d) => !afterCheck || d > now);
    if (deadlines.length === 0) return;
    const due = Math.max(Math.min(...deadlines), this.#stillSince + this.#settleMs);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#check();
    }, due - this.#clock.now());
  }

  /** Grace is over for some entries: raise what is still wrong. */
  #check(): void {
    const now = this.#clock.now();
    if (this.#moving || now < this.#stillSince + this.#settleMs) return this.#schedule();
    // A hint may be overdue for a line placed a while ago.
    this.#judgeHints();
    const waiting = (e: Entry): boolean => e.open && !e.alertId && e.origin !== 'personal';
    const window = this.#limits.comboWindowMs;
    for (const e of this.#entries) {
      if (!waiting(e) || e.deadline > now) continue;
      if (e.kind === 'dispute' && e.origin === 'hint') {
        this.#raise('item-mismatch', [e]);
      } else if (e.kind === 'dispute') {
        if (this.#stillSuspect(e)) this.#raise('weight-mismatch', [e]);
        else this.#close(e, 'cleared-by-sensors');
      } else if (e.kind === 'removal') {
        this.#raise('weight-mismatch', [e]);
      } else {
        // An unpaid weight and an unplaced line close in time are one problem: a swap.
        const other: EntryKind = e.kind === 'unpaid' ? 'unplaced' : 'unpaid';
        const partner = this.#entries
          .filter((o) => waiting(o) && o.kind === other && Math.abs(o.at - e.at) <= window)
          .sort((a, b) => Math.abs(a.at - e.at) - Math.abs(b.at - e.at))[0];
        if (partner && partner.deadline > now) continue; // the partner still has its grace
        if (!partner && (this.#repair(e) || this.#absorb(e))) continue;
        if (partner) this.#raise('weight-mismatch', e.kind === 'unplaced' ? [e, partner] : [partner, e]);
        else this.#raise(e.kind === 'unpaid' ? 'unscanned-item' : 'not-placed', [e]);
      }
    }
    this.#schedule(true);
  }

  #raise(kind: AlertKind, entries: Entry[]): void {
    const alertId = `${this.#prefix}${this.#nextAlert++}`;
    for (const e of entries) e.alertId = alertId;
    this.#alerts.set(alertId, { alertId, kind, entries });
    const skus = [...new Set([...entries.flatMap((e) => e.skus), ...this.#suggest(entries)])].slice(0, 10);
    this.#record({
      type: 'alertRaised',
      alertId,
      kind,
      evidence: {
        stepIds: [...new Set(entries.flatMap((e) => e.stepIds))].slice(0, 50),
        lineIds: [...new Set(entries.flatMap((e) => e.lineIds))].slice(0, 50),
        skus,
        note: this.#note(kind, entries).slice(0, 500),
      },
    });
  }

  /** For weight nobody paid for: the products it weighs like, for the reviewer. */
  #suggest(entries: readonly Entry[]): string[] {
    const unpaid = entries.find((e) => e.kind === 'unpaid' && e.origin === 'placed');
    if (!unpaid) return [];
    const fits: { sku: string; bad: number }[] = [];
    for (const p of this.#catalog.products) {
      const unit = this.#weights.expect(p.sku);
      if (!unit) continue;
      const bad = misfit(this.#rule, unpaid.meanMg - unit.meanMg, Math.hypot(unit.sdMg, unpaid.sdMg, SCALE_FLOOR_MG));
      if (bad <= 1) fits.push({ sku: p.sku, bad });
    }
    return fits
      .sort((a, b) => a.bad - b.bad)
      .slice(0, 3)
      .map((f) => f.sku);
  }

  /** Both pieces of evidence of a swap the weight alone could not call, in words. */
  #suspectNote(e: Entry): string {
    const scanned = this.#catalog.bySku(e.skus[0] ?? '')?.name ?? 'the item';
    const line = this.#lines.get(e.lineIds[0] ?? '');
    const expected = line ? line.meanMg : e.meanMg;
    const seen = e.skus[1] === undefined ? `did not recognise it as ${scanned}` : `saw ${this.#catalog.bySku(e.skus[1])?.name ?? e.skus[1]}`;
    return `What went in (about ${grams(e.meanMg)}) is ${e.meanMg > expected ? 'heavier' : 'lighter'} than ${scanned} usually is (about ${grams(expected)}), and the camera ${seen}. Check that you scanned the right item: scan it, or take it out.`;
  }

  /** What the shopper reads on the screen: what is wrong and what to do. */
  #note(kind: AlertKind, entries: readonly Entry[]): string {
    const e = entries[0] as Entry;
    const name = (sku: string | undefined): string => (sku ? (this.#catalog.bySku(sku)?.name ?? sku) : 'the item');
    switch (kind) {
      case 'unscanned-item':
        return e.origin === 'unscanned-kept'
          ? `You took ${name(e.skus[0])} off your list, but it still seems to be in the basket. Scan it again, or take it out.`
          : `Something of about ${grams(e.meanMg)} went into the basket without a scan. Scan it, or take it out of the basket.`;
      case 'not-placed':
        return e.origin === 'taken-out'
          ? `${name(e.skus[0])} came out of the basket but is still on your list. Put it back, or take it off your list.`
          : `${name(e.skus[0])} is on your list, but the basket did not feel it go in. Put it in the basket, or take it off your list.`;
      case 'weight-mismatch': {
        if (e.origin === 'seen-and-weighed') return this.#suspectNote(e);
        const placed = entries.find((x) => x.kind === 'unpaid');
        return placed
          ? `What went in (about ${grams(placed.meanMg)}) does not weigh like ${name(e.skus[0])} (about ${grams(e.meanMg)}). Check that you scanned the right item: scan it, or take it out.`
          : `About ${grams(e.meanMg)} came out of the basket, which matches nothing on your list. Put it back, or take the item off your list.`;
      }
      case 'item-mismatch':
        return `The camera sees ${name(e.skus[0])}, but the code entered was for ${name(e.skus[1])}. Enter the right code, or ask a member of staff.`;
    }
  }
}
