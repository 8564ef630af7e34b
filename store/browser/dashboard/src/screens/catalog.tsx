// Catalog import (managers): pick a tally-catalog/1 JSON file; the store checks it whole and
// either imports it or lists every problem with where it is, and nothing changes.
import { useState, type ChangeEvent } from 'react';
import { ApiError, call, problemText, type FieldIssue } from '../../../shared/api.js';
import { catalogImportedSchema, type CatalogImported } from '../answers.js';
import { useDashboard } from '../store.js';

type Outcome = { kind: 'imported'; result: CatalogImported } | { kind: 'refused'; message: string; issues: readonly FieldIssue[] };

export function CatalogScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setOutcome(null);
  };

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      let document: unknown;
      try {
        document = JSON.parse(await file.text()) as unknown;
      } catch (error) {
        setOutcome({ kind: 'refused', message: `${file.name} is not JSON: ${problemText(error)}`, issues: [] });
        return;
      }
      const result = await call('POST', '/api/catalog', catalogImportedSchema, document);
      setOutcome({ kind: 'imported', result });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) useDashboard.getState().signedIn(null);
      else setOutcome({ kind: 'refused', message: problemText(error), issues: error instanceof ApiError ? error.issues : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack">
      <h2>Import a catalog</h2>
      <div className="card row">
        <input type="file" accept=".json,application/json" aria-label="Catalog file" onChange={pick} />
        <button className="primary" disabled={!file || busy} onClick={() => void upload()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {outcome?.kind === 'imported' && (
        <p className="notice ok" role="status" data-testid="import-result">
          Imported version {outcome.result.version}: {outcome.result.products} products, {outcome.result.changed} changed, {outcome.result.removed} removed. Carts pick it up within seconds.
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <div className="card stack" data-testid="import-report">
          <p className="notice problem" role="alert">
            {outcome.message}
          </p>
          {outcome.issues.length > 0 && (
            <table className="issues">
              <thead>
                <tr>
                  <th>Where</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {outcome.issues.map((issue, i) => (
                  <tr key={i}>
                    <td>
                      <code>{issue.path}</code>
                    </td>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
