// Item recognition's top guesses for the produce on the scale, as big picture buttons above the
// basket (seen whichever panel is open): one tap opens the produce keypad with the product's PLU
// filled in, and the shopper still sees the name and price before adding it. Nothing shows when
// the cart has no recognition (search and the PLU keypad work as before).
import type { SnapshotSuggestion } from '../../../../common/ui-protocol/snapshot.js';
import { money, nameIn } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

/** The first letters of a name, for a product the camera has no picture of. */
const initials = (name: string): string =>
  name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

function Suggestion({ item }: { item: SnapshotSuggestion }) {
  const t = useWords();
  const language = useScreen((s) => s.language);
  const store = useScreen((s) => s.snapshot?.store);
  const setProduce = useScreen((s) => s.setProduce);
  const setPanel = useScreen((s) => s.setPanel);
  const chosen = useScreen((s) => s.produce.plu === item.plu);
  if (!store || item.plu === null) return null;
  const plu = item.plu;
  const name = nameIn(item, language);
  return (
    <button
      type="button"
      className="suggestion"
      data-testid="suggestion"
      aria-pressed={chosen}
      onClick={() => {
        setPanel('keypad');
        setProduce({ plu, target: 'weight' });
      }}
      aria-label={t.chooseSuggestion(name)}
    >
      {item.picture ? <img className="suggestion-picture" src={item.picture} alt="" /> : <span className="suggestion-picture letters">{initials(name)}</span>}
      <span className="suggestion-words">
        <span className="suggestion-name">{name}</span>
        <span className="suggestion-price">
          {money(store, language, item.price)}
          {item.per ? t.perUnit(item.per) : ''}
        </span>
      </span>
    </button>
  );
}

export function Suggestions() {
  const t = useWords();
  // Selected as is (a fresh [] per call would re-render forever); defaulted after.
  const suggestions = useScreen((s) => s.snapshot?.suggestions);
  const pickable = (suggestions ?? []).filter((s) => s.plu !== null).slice(0, 3);
  if (pickable.length === 0) return null;
  return (
    <div className="suggestions" role="group" aria-label={t.isItOneOfThese}>
      <span className="suggestions-title">{t.isItOneOfThese}</span>
      <div className="suggestion-row">
        {pickable.map((item) => (
          <Suggestion key={item.sku} item={item} />
        ))}
      </div>
    </div>
  );
}
