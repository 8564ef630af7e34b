// Loading a screen's data and doing things from it, with the outcome told to the person in the
// dashboard's one notice line; a session that ended sends them back to sign in.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, problemText } from '../../shared/api.js';
import { useDashboard } from './store.js';

function tell(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) useDashboard.getState().signedIn(null);
  else useDashboard.getState().notify({ tone: 'problem', text: problemText(error) });
}

/** Runs `work`; on success says `done` (when given) and returns true, on failure says why. */
export async function act(work: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await work();
    useDashboard.getState().notify(done === undefined ? null : { tone: 'ok', text: done });
    return true;
  } catch (error) {
    tell(error);
    return false;
  }
}

/** Loads data for a screen when it opens; `reload` fetches it again after a change. */
export function useLoad<T>(load: () => Promise<T>): { data: T | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setData(value),
      (error: unknown) => live && tell(error),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the screen asks again only when told to.
  }, [round]);
  return { data, reload: useCallback(() => setRound((r) => r + 1), []) };
}
