// The cart's side of pricing, as the cart app does it: replay the cart's log (paired, then the
// trip) into the session state, turn the basket into engine lines with the cart app's own
// `pricingRequest`, and price them with the demo catalog the cart synced.
import { pricingRequest } from '../../../../cart-app/common/basket-pricing.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { parseSessionEvent, type SessionEvent } from '../../../../domain/common/session/events.js';
import { replayEvents } from '../../../../domain/common/session/state.js';
import { preparePricing } from '../../../../payments/common/pricing/catalog-view.js';
import { priceBasket } from '../../../../payments/common/pricing/engine.js';
import type { Receipt } from '../../../../payments/common/pricing/receipt.js';
import { demoCatalog } from '../test-store.js';

function loadDemo(): Catalog {
  const imported = importCatalog(demoCatalog());
  if (!imported.ok) throw new Error(`the demo catalog does not import: ${imported.error.map((i) => i.message).join('; ')}`);
  return imported.value;
}

export const demoStore = loadDemo();
const pricing = preparePricing(demoStore);

/** What the cart's screen shows for this trip log at `now`. */
export function cartReceipt(tripEvents: readonly SessionEvent[], now: number): Receipt {
  const cartLog = [{ type: 'paired', storeId: demoStore.store.id, cartId: 'cart-1' }, ...tripEvents.map(({ seq: _seq, at: _at, ...e }) => e)].map((e, i) => {
    const parsed = parseSessionEvent({ ...e, seq: i + 1, at: (tripEvents[0]?.at ?? 1) - 1 + i });
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  });
  const state = replayEvents(cartLog);
  if (!state.ok) throw state.error.error;
  if (!state.value.trip) throw new Error('the log leaves no trip open');
  const request = pricingRequest(state.value.trip, now);
  const priced = priceBasket(pricing, request.lines, request.context);
  if (!priced.ok) throw new Error(priced.error.map((e) => e.message).join('; '));
  return priced.value;
}
