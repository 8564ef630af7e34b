// One line under the header for what just happened: the item a scan added, or why the cart
// could not do what was asked, in the shopper's language.
import { errorText } from '../i18n.js';
import { useScreen } from '../store.js';

export function NoticeLine() {
  const notice = useScreen((s) => s.notice);
  const language = useScreen((s) => s.language);
  if (!notice) return null;
  const text = notice.error ? errorText(language, notice.error.code, notice.error.message) : notice.text;
  return (
    <div key={notice.at} className={`notice ${notice.tone}`} role={notice.tone === 'problem' ? 'alert' : 'status'} data-testid="notice">
      {text}
    </div>
  );
}
