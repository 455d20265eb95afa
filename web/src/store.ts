/** A tiny observable store and its hook: enough state management for this portal. */
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(changes: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(changes) {
      value = { ...value, ...changes };
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [, setRound] = useState(0);
  const value = store.get();
  useEffect(() => {
    const rerender = () => setRound((n) => n + 1);
    const unsubscribe = store.subscribe(rerender);
    // A change between this render and the subscription would otherwise be missed.
    if (store.get() !== value) rerender();
    return unsubscribe;
  }, [store]);
  return value;
}
