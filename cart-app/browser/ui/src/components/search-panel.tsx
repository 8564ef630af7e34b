// Find a product by name, in English or Spanish, and the aisle it is in.
import { useEffect, useState } from 'react';
import { cart } from '../connection.js';
import { money, nameIn } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { TouchKeyboard, typeText } from './touch-keyboard.js';

export function SearchPanel() {
  const t = useWords();
  const store = useScreen((s) => s.snapshot?.store);
  const language = useScreen((s) => s.language);
  const { query, results } = useScreen((s) => s.search);
  const setSearch = useScreen((s) => s.setSearch);
  const [text, setText] = useState(query);

  useEffect(() => {
    let current = true;
    void cart.search(text).then((hits) => current && setSearch(text, hits));
    return () => {
      current = false;
    };
  }, [text, setSearch]);

  if (!store) return null;
  return (
    <section className="panel search-panel" aria-label={t.tabs.search}>
      <input className="text-input" value={text} placeholder={t.searchPlaceholder} onChange={(e) => setText(e.target.value.slice(0, 80))} aria-label={t.searchPlaceholder} />
      <ul className="results">
        {text.trim() !== '' && results.length === 0 && query === text && <li className="muted">{t.noResults}</li>}
        {results.slice(0, 5).map((hit) => (
          <li key={hit.sku} className="result">
            <span className="result-name">{nameIn(hit, language)}</span>
            <span className="result-aisle">{hit.aisle ? t.aisle(hit.aisle) : t.noAisle}</span>
            <span className="result-price">
              {money(store, language, hit.price)}
              {hit.per ? t.perUnit(hit.per) : ''}
              {hit.plu ? ` · PLU ${hit.plu}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <TouchKeyboard onKey={(k) => setText(typeText(text, k.toLowerCase(), 80))} label={t.searchPlaceholder} />
    </section>
  );
}
