// The shopper's paid receipts, newest first, each opening to its lines.
import { formatMoney } from '../../../../payments/common/money/format.js';
import { call } from '../../shared/api.js';
import { receiptsSchema, type ReceiptView } from './answers.js';
import { useEffect, useState } from 'react';

const money = (r: ReceiptView, minor: number): string => formatMoney(minor, r.currency, r.receipt.minorUnits, r.receipt.locale);

function Receipt({ r }: { r: ReceiptView }) {
  return (
    <li className="card" data-testid="receipt">
      <details>
        <summary className="row spread">
          <span>{r.paidAt === null ? 'Paying…' : new Date(r.paidAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</span>
          <strong>{money(r, r.total)}</strong>
        </summary>
        <table className="lines">
          <tbody>
            {r.receipt.lines.map((line) => (
              <tr key={line.lineId}>
                <td>{line.name}</td>
                <td className="amount">{money(r, line.total)}</td>
              </tr>
            ))}
            {r.receipt.savings.total > 0 && (
              <tr className="saving">
                <td>You saved</td>
                <td className="amount">{money(r, r.receipt.savings.total)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </details>
    </li>
  );
}

export function Receipts() {
  const [receipts, setReceipts] = useState<readonly ReceiptView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    call('GET', '/api/shopper/receipts', receiptsSchema).then(
      (answer) => setReceipts(answer.receipts),
      (error: unknown) => setProblem(error instanceof Error ? error.message : 'could not load receipts'),
    );
  }, []);
  return (
    <section className="stack">
      <h2>Receipts</h2>
      {problem && <p className="notice problem">{problem}</p>}
      {receipts?.length === 0 && <p className="muted" data-testid="no-receipts">No receipts yet. They appear here as you leave the store.</p>}
      <ul className="list">
        {receipts?.map((r) => (
          <Receipt key={r.receiptId} r={r} />
        ))}
      </ul>
    </section>
  );
}
