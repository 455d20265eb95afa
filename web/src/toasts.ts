/** Short notices (success, errors with the server's message), announced by an aria-live region. */
import { createStore } from './store';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** One notice at a time: a new one replaces the last, which is old news by then. */
export const toastStore = createStore<{ current: Toast | null }>({ current: null });
let next = 1;

export function dismissToast(id: number) {
  if (toastStore.get().current?.id === id) toastStore.set({ current: null });
}

/** Notices are written in the language of their moment (the server's messages too): a switch clears them. */
export const clearToasts = () => toastStore.set({ current: null });

function show(kind: Toast['kind'], text: string) {
  const id = next++;
  toastStore.set({ current: { id, kind, text } });
  // Errors stay longer so they can be read.
  setTimeout(() => dismissToast(id), kind === 'error' ? 10_000 : 5_000);
}

export const toast = {
  success: (text: string) => show('success', text),
  error: (text: string) => show('error', text),
  info: (text: string) => show('info', text),
};

/** An error's message for a person: the server's own message when there is one. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
