// The emulator panel: three columns for a developer beside the cart UI (the catalog to pick from,
// the cart's body to act on, what its hardware sees) and the log of what was done underneath.
import { BodyActions } from './body-actions.js';
import { CatalogPicker } from './catalog-picker.js';
import { clockTime } from './format.js';
import { HardwareView } from './hardware-view.js';
import { usePanel } from './store.js';

function Log() {
  const log = usePanel((s) => s.hardware?.log) ?? [];
  const problem = usePanel((s) => s.problem);
  return (
    <footer className="log" data-testid="log" aria-live="polite">
      {problem ? <p className="problem">{problem}</p> : null}
      {log
        .slice(-4)
        .reverse()
        .map((line) => (
          <p key={`${line.at}-${line.text}`} className={line.tone}>
            <span className="muted">{clockTime(line.at)}</span> {line.text}
          </p>
        ))}
    </footer>
  );
}

export function Panel() {
  const link = usePanel((s) => s.link);
  return (
    <div className="emulator">
      <header>
        <strong>Tally emulator</strong>
        <span className="muted">the emulated cart’s hardware, by hand</span>
        <span className={`link ${link}`}>{link === 'open' ? 'connected' : link === 'lost' ? 'reconnecting…' : 'connecting…'}</span>
      </header>
      <main>
        <CatalogPicker />
        <BodyActions />
        <HardwareView />
      </main>
      <Log />
    </div>
  );
}
