// The panel's own state: the latest hardware state the emulated cart pushed, the catalog search,
// the product picked, and the link. The cart's truth stays in the cart process.
import { create } from 'zustand';
import type { PanelProduct, PanelState } from '../../../../common/emulator-protocol/messages.js';

export type Link = 'connecting' | 'open' | 'lost';

export interface PanelScreen {
  readonly hardware: PanelState | null;
  readonly link: Link;
  readonly query: string;
  readonly products: readonly PanelProduct[];
  readonly picked: PanelProduct | null;
  /** Waiting for the cart to answer a request: the buttons wait too. */
  readonly busy: boolean;
  /** A message the cart sent that was not an answer (a refused request). */
  readonly problem: string | null;
}

export const usePanel = create<PanelScreen>(() => ({ hardware: null, link: 'connecting', query: '', products: [], picked: null, busy: false, problem: null }));
