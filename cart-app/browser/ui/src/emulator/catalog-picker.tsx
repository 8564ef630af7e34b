// Pick a product from the catalog and hold its barcode up to the cart's camera, or put it in the
// basket through the scale (its catalog weight unless another is typed). Any other code (a coupon,
// a deli label) can be typed and shown as it is.
import { useState, type FormEvent } from 'react';
import type { PanelProduct } from '../../../../common/emulator-protocol/messages.js';
import { emulator } from './link.js';
import { usePanel } from './store.js';

function ProductRow({ product, picked }: { product: PanelProduct; picked: boolean }) {
  return (
    <li>
      <button type="button" className={picked ? 'product picked' : 'product'} aria-pressed={picked} data-sku={product.sku} onClick={() => usePanel.setState({ picked: product })}>
        <span className="product-name">{product.name}</span>
        <span className="product-facts">
          {product.code ?? 'no barcode'} · {product.soldBy === 'each' ? 'each' : 'by weight'}
          {product.grams === null ? '' : ` · ${Math.round(product.grams)} g`}
        </span>
      </button>
    </li>
  );
}

function PickedProduct({ product }: { product: PanelProduct }) {
  const busy = usePanel((s) => s.busy);
  const [grams, setGrams] = useState(product.grams === null ? '' : String(Math.round(product.grams)));
  const mass = Number(grams);
  const massOk = grams.trim() !== '' && mass > 0 && mass <= 50_000;
  return (
    <div className="picked-card" data-testid="picked">
      <h3>{product.name}</h3>
      <p className="hint">{product.code === null ? 'No barcode: weighed by its PLU at the cart.' : `Its label: ${product.code}`}</p>
      <div className="row">
        <button type="button" className="primary" disabled={busy || product.code === null} onClick={() => product.code !== null && void emulator.ask({ type: 'show', code: product.code })}>
          Show its barcode to the camera
        </button>
      </div>
      <div className="row">
        <label>
          Grams <input aria-label="grams" inputMode="decimal" value={grams} onChange={(e) => setGrams(e.target.value)} size={7} />
        </label>
        <button type="button" disabled={busy || !massOk} onClick={() => void emulator.ask({ type: 'put', grams: mass, what: product.name })}>
          Put in the basket
        </button>
      </div>
      {grams.trim() !== '' && !massOk ? <p className="hint problem">A weight from 1 g to 50 kg.</p> : null}
    </div>
  );
}

export function CatalogPicker() {
  const { query, products, picked, busy } = usePanel();
  const [code, setCode] = useState('');
  const showCode = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() !== '') void emulator.ask({ type: 'show', code: code.trim() });
  };
  return (
    <section className="card catalog" aria-label="Catalog">
      <h2>Catalog</h2>
      <input type="search" aria-label="Search the catalog" placeholder="Search by name…" value={query} onChange={(e) => emulator.search(e.target.value)} />
      <ul className="products">
        {products.map((p) => (
          <ProductRow key={p.sku} product={p} picked={picked?.sku === p.sku} />
        ))}
        {products.length === 0 ? <li className="hint">No product is called that.</li> : null}
      </ul>
      {picked ? <PickedProduct key={picked.sku} product={picked} /> : <p className="hint">Pick a product to show its barcode or put it in the basket.</p>}
      <form className="row" onSubmit={showCode}>
        <input aria-label="Any code" placeholder="Any code: coupon, label…" value={code} onChange={(e) => setCode(e.target.value)} />
        <button type="submit" disabled={busy || code.trim() === ''}>
          Show
        </button>
      </form>
    </section>
  );
}
