// The dashboard's state: who is signed in, which screen is open, the live fleet board and the
// last message to the person. Screens read it with selectors; server truth arrives through the
// fleet connection and the screens' own requests.
import { create } from 'zustand';
import type { CartReport, FleetCart, FleetEvent, LaneResult, StaffMember } from './answers.js';

export type Screen = 'fleet' | 'pairing' | 'reviews' | 'shoppers' | 'lanes' | 'refunds' | 'catalog' | 'staff';
export type Link = 'connecting' | 'open' | 'lost';

/**
 * The store's trip threshold (StorePolicy.minTripBattery). The board from the store carries its
 * own `needsCharge`; live reports between two boards are judged against this.
 */
export const LOW_BATTERY = 15;

export interface Notice {
  readonly tone: 'ok' | 'problem';
  readonly text: string;
}

export interface DashboardState {
  /** undefined while the page asks whether a session is live. */
  readonly me: StaffMember | null | undefined;
  readonly screen: Screen;
  readonly carts: Readonly<Record<string, FleetCart>>;
  /** Each exit lane's latest checkout result heard live, by lane id. */
  readonly lanes: Readonly<Record<number, LaneResult>>;
  readonly link: Link;
  readonly notice: Notice | null;
  signedIn(me: StaffMember | null): void;
  open(screen: Screen): void;
  setLink(link: Link): void;
  /** Replaces the board (a snapshot, or a fresh GET /api/carts). */
  board(carts: readonly FleetCart[]): void;
  /** Applies one cart's live event; false when it names a cart the board does not know yet. */
  fleetEvent(event: Exclude<FleetEvent, { type: 'snapshot' | 'lane' }>): boolean;
  laneResult(result: LaneResult): void;
  notify(notice: Notice | null): void;
}

const withReport = (cart: FleetCart, at: number, report: CartReport): FleetCart => ({
  ...cart,
  lastSeenAt: at,
  lastReport: report,
  silent: false,
  needsCharge: report.battery < LOW_BATTERY && !report.charging,
});

export const useDashboard = create<DashboardState>()((set, get) => ({
  me: undefined,
  screen: 'fleet',
  carts: {},
  lanes: {},
  link: 'connecting',
  notice: null,
  signedIn: (me) => set(me ? { me } : { me, carts: {}, lanes: {}, screen: 'fleet', notice: null }),
  open: (screen) => set({ screen, notice: null }),
  setLink: (link) => set({ link }),
  board: (carts) => set({ carts: Object.fromEntries(carts.map((c) => [c.id, c])) }),
  fleetEvent: (event) => {
    const cart = get().carts[event.cartId];
    if (!cart) return false;
    const next = event.type === 'report' ? withReport(cart, event.at, event.report) : { ...cart, silent: true };
    set({ carts: { ...get().carts, [cart.id]: next } });
    return true;
  },
  laneResult: (result) => set({ lanes: { ...get().lanes, [result.laneId]: result } }),
  notify: (notice) => set({ notice }),
}));
