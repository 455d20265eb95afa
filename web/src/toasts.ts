/** Short notices (success, errors with the server's message), announced by an aria-live region. */
import { createStore } from './store';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

export const toastStore = createStore<{ items: Toast[] }>({ items: [] });
let next = 1;

export function dismissToast(id: number) {
  toastStore.set({ items: toastStore.get().items.filter((t) => t.id !== id) });
}

function show(kind: Toast['kind'], text: string) {
  const id = next++;
  // Keep at most three on screen; errors stay longer so they can be read.
  toastStore.set({ items: [...toastStore.get().items.slice(-2), { id, kind, text }] });
  setTimeout(() => dismissToast(id), kind === 'error' ? 10_000 : 5_000);
}

export const toast = {
  success: (text: string) => show('success', text),
  error: (text: string) => show('error', text),
  info: (text: string) => show('info', text),
};

/** An error's message for a person: the server's own message when there is one. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
