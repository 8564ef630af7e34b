// Staff sign-in. The store throttles failed attempts and says how long to wait.
import { useState, type FormEvent } from 'react';
import { ApiError, call, problemText } from '../../../shared/api.js';
import { loginSchema } from '../answers.js';
import { useDashboard } from '../store.js';

export function SignIn() {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { staff } = await call('POST', '/api/staff/login', loginSchema, { name, password });
      useDashboard.getState().signedIn(staff);
    } catch (error) {
      setPassword('');
      setProblem(error instanceof ApiError && error.code === 'bad-credentials' ? 'That name and password do not match an active staff account.' : problemText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="card stack" onSubmit={(e) => void submit(e)}>
        <h1>Tally store dashboard</h1>
        <p className="muted">Sign in with your staff name and password.</p>
        <label className="field">
          <span>Name</span>
          <input name="name" autoComplete="username" autoCapitalize="none" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {problem && (
          <p className="notice problem" role="alert">
            {problem}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy || name === '' || password === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
