// The service desk: find a shopper by email (managers may also add one) and hand them a
// one-time link to the shopper page, as a QR code their phone's camera opens. The link works
// once, for 15 minutes; the phone then stays signed in.
import QRCode from 'qrcode';
import { useState, type FormEvent } from 'react';
import { call } from '../../../shared/api.js';
import { createdSchema, pageLinkSchema, shopperSchema, type ShopperCard } from '../answers.js';
import { act } from '../actions.js';
import { clockTime } from '../format.js';
import { useDashboard } from '../store.js';

interface Link {
  readonly url: string;
  readonly image: string;
  readonly expiresAt: number;
}

const lookup = (email: string) => call('GET', `/api/shoppers/lookup?email=${encodeURIComponent(email.trim())}`, shopperSchema);

function Found({ shopper }: { shopper: ShopperCard }) {
  const [link, setLink] = useState<Link | null>(null);
  const make = () =>
    act(async () => {
      const issued = await call('POST', `/api/shoppers/${shopper.id}/page-link`, pageLinkSchema);
      const url = `${location.origin}${issued.path}`;
      setLink({ url, image: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 280 }), expiresAt: issued.expiresAt });
    });
  return (
    <article className="card stack" data-testid="shopper">
      <div className="row spread">
        <h3>{shopper.name}</h3>
        {shopper.membership === 'member' && <span className="badge ok">Member</span>}
      </div>
      <p className="muted">{shopper.email}</p>
      <div className="row">
        <button className="primary" onClick={() => void make()}>
          {link ? 'Make a new link' : 'Sign-in link for their phone'}
        </button>
      </div>
      {link && (
        <div className="row link-qr">
          <img src={link.image} alt={`Link to the shopper page for ${shopper.name}`} width={280} height={280} data-testid="page-link-qr" />
          <div className="stack">
            <p>Ask {shopper.name} to scan this with their phone's camera. It works once, until {clockTime(link.expiresAt)}.</p>
            <code className="link-text" data-testid="page-link">
              {link.url}
            </code>
          </div>
        </div>
      )}
    </article>
  );
}

export function ShoppersScreen() {
  const manager = useDashboard((s) => s.me?.role === 'manager');
  const [email, setEmail] = useState('');
  const [found, setFound] = useState<ShopperCard | null>(null);
  const [name, setName] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [member, setMember] = useState(false);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setFound(null);
    await act(async () => setFound(await lookup(email)));
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(async () => {
      await call('POST', '/api/shoppers', createdSchema, { name, email: newEmail, membership: member ? 'member' : 'none' });
      setFound(await lookup(newEmail));
    }, `Added ${name}`);
    if (ok) {
      setName('');
      setNewEmail('');
      setMember(false);
    }
  };

  return (
    <section className="stack">
      <h2>Shoppers</h2>
      <form className="card row" onSubmit={(e) => void find(e)}>
        <label className="field">
          <span>Shopper's email</span>
          <input name="find-email" type="email" autoCapitalize="none" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit" disabled={!email.includes('@')}>
          Find
        </button>
      </form>
      {found && <Found key={found.id} shopper={found} />}
      {manager && (
        <form className="card row" onSubmit={(e) => void add(e)}>
          <label className="field">
            <span>New shopper's name</span>
            <input name="shopper-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
          </label>
          <label className="field">
            <span>Email</span>
            <input name="shopper-email" type="email" autoCapitalize="none" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={member} onChange={(e) => setMember(e.target.checked)} /> Member
          </label>
          <button className="primary" type="submit" disabled={name.trim() === '' || !newEmail.includes('@')}>
            Add shopper
          </button>
        </form>
      )}
    </section>
  );
}
