// The listeners of a store link. A listener that throws is the listener's problem: the link
// goes on syncing and reporting, and the failure is handed to `onListenerError`.
export class Listeners<E> {
  readonly #listeners = new Set<(event: E) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Calls `listener` with every event until the returned function is called. */
  add(listener: (event: E) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
