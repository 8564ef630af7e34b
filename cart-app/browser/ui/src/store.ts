// The screen's own state: the latest snapshot the runtime pushed, and what only the screen cares
// about (language, contrast, the open panel, the produce being keyed, whether the shopper said they
// are done, the staff PIN pad, the last message to the shopper). The cart's truth
// stays in the runtime; this store never computes a total.
import { create } from 'zustand';
import type { IntentError, ProductHit } from '../../../common/ui-protocol/intents.js';
import type { CartSnapshot } from '../../../common/ui-protocol/snapshot.js';
import type { Language } from './i18n.js';

export type Panel = 'keypad' | 'search' | 'coupon' | 'budget';
export type Link = 'connecting' | 'open' | 'lost';

/** The produce keypad's fields: shared so a picture suggestion can fill the PLU in. */
export interface ProduceDraft {
  readonly plu: string;
  readonly grams: string;
  readonly target: 'plu' | 'weight';
}

const emptyDraft: ProduceDraft = { plu: '', grams: '', target: 'plu' };

export interface Notice {
  readonly tone: 'ok' | 'problem';
  /** Either words already in the shopper's language, or a runtime refusal to translate. */
  readonly text: string;
  readonly error?: IntentError;
  readonly at: number;
}

export interface ScreenState {
  readonly snapshot: CartSnapshot | null;
  readonly link: Link;
  readonly language: Language;
  readonly highContrast: boolean;
  readonly panel: Panel;
  readonly notice: Notice | null;
  readonly search: { readonly query: string; readonly results: readonly ProductHit[] };
  readonly produce: ProduceDraft;
  /** The shopper tapped "Done shopping": the screen shows how to leave through a lane. */
  readonly leaving: boolean;
  /** The staff PIN pad is open. */
  readonly staffPrompt: boolean;
  /** `first` marks the first snapshot of a connection: a restarted runtime may have a new, shorter log. */
  received(snapshot: CartSnapshot, first: boolean): void;
  setLink(link: Link): void;
  setLanguage(language: Language): void;
  toggleContrast(): void;
  setPanel(panel: Panel): void;
  /** Shows a notice, or clears it (null) once the shopper's next request went through. */
  notify(notice: Omit<Notice, 'at'> | null): void;
  setSearch(query: string, results: readonly ProductHit[]): void;
  /** Changes some of the produce fields; null empties them all. */
  setProduce(draft: Partial<ProduceDraft> | null): void;
  setLeaving(leaving: boolean): void;
  setStaffPrompt(open: boolean): void;
}

export const useScreen = create<ScreenState>()((set) => ({
  snapshot: null,
  link: 'connecting',
  language: 'en',
  highContrast: false,
  panel: 'keypad',
  notice: null,
  search: { query: '', results: [] },
  produce: emptyDraft,
  leaving: false,
  staffPrompt: false,
  // Within one connection snapshots only move forward: a late one is ignored.
  received: (snapshot, first) => set((s) => (!first && s.snapshot && snapshot.seq < s.snapshot.seq ? s : { snapshot })),
  setLink: (link) => set({ link }),
  setLanguage: (language) => set({ language }),
  toggleContrast: () => set((s) => ({ highContrast: !s.highContrast })),
  setPanel: (panel) => set({ panel }),
  notify: (notice) => set({ notice: notice && { ...notice, at: Date.now() } }),
  setSearch: (query, results) => set({ search: { query, results } }),
  setProduce: (draft) => set((s) => ({ produce: draft ? { ...s.produce, ...draft } : emptyDraft })),
  setLeaving: (leaving) => set({ leaving }),
  // A refusal from before the pad opened or closed is about something else now.
  setStaffPrompt: (staffPrompt) => set({ staffPrompt, notice: null }),
}));
