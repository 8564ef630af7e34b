// An object that always answers as the newest of something that gets replaced whole. The cart's
// catalog is immutable and a new version from the store is a new object; a part that was handed
// the catalog once (the trip's reconciler) would go on reading the old one. Given a view instead,
// its every read (a product, a weight model's expectation) goes to the catalog of that moment.
/** `current()`'s object as it is at each read; methods run on that object (their private fields included). */
export function liveView<T extends object>(current: () => T): T {
  return new Proxy(current(), {
    get(_first, key) {
      const now = current();
      const value: unknown = Reflect.get(now, key, now);
      return typeof value === 'function' ? value.bind(now) : value;
    },
    has: (_first, key) => Reflect.has(current(), key),
  });
}
