/** Hooks every page uses: the session and the UI texts in the reader's language. */
import { translate, type Params, type UiKey } from './i18n';
import { session } from './session';
import { useStore } from './store';

export const useSession = () => useStore(session);

export function useI18n() {
  const { locale } = useStore(session);
  return { locale, t: (key: UiKey, params?: Params) => translate(locale, key, params) };
}
