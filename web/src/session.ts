/**
 * Who is signed in, in which language, and how this deployment signs people in. Boots the portal:
 * config -> (OIDC callback) -> token -> GET /me and the server's clock.
 */
import { ApiError, configureClient, get } from './api/client';
import type { Locale, Me } from './api/types';
import { loadConfig, type PortalConfig } from './auth/config';
import { completeSignIn, isCallback, signOutUrl } from './auth/oidc';
import { clearToken, loadToken, saveToken } from './auth/session';
import { syncClock } from './clock';
import { clearCaches } from './data';
import { translate } from './i18n';
import { navigate } from './router';
import { createStore } from './store';
import { clearToasts, errorText } from './toasts';

export interface Session {
  phase: 'booting' | 'signed-out' | 'signed-in' | 'failed';
  config: PortalConfig;
  me: Me | null;
  locale: Locale;
  error: string | null;
}

const LOCALE_KEY = 'backoffice.locale';

function storedLocale(): Locale | null {
  const stored = localStorage.getItem(LOCALE_KEY);
  return stored === 'ru' || stored === 'en' ? stored : null;
}

const browserLocale = (): Locale => (navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en');

export const session = createStore<Session>({
  phase: 'booting',
  config: { auth: { mode: 'local' } },
  me: null,
  locale: storedLocale() ?? browserLocale(),
  error: null,
});

export const isLocalMode = () => session.get().config.auth.mode === 'local';

function applyLocale(locale: Locale) {
  configureClient({ locale });
  document.documentElement.lang = locale;
  // Until a page names itself (PageHeader), the tab shows the portal's name in the reader's language.
  document.title = translate(locale, 'appName');
}

/** The reader picked a language: it sticks (this browser) over the directory's default. */
export function setLocale(locale: Locale) {
  localStorage.setItem(LOCALE_KEY, locale);
  if (locale === session.get().locale) return;
  applyLocale(locale);
  clearToasts();
  session.set({ locale });
}

function expired() {
  if (session.get().phase !== 'signed-in') return;
  clearToken();
  configureClient({ token: null });
  session.set({ phase: 'signed-out', me: null });
  navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
}

export async function signInWithToken(token: string): Promise<void> {
  configureClient({ token });
  const [me] = await Promise.all([get<Me>('/me'), syncClock(isLocalMode())]);
  saveToken(token);
  if (!storedLocale()) applyLocale(me.locale);
  session.set({ phase: 'signed-in', me, locale: storedLocale() ?? me.locale, error: null });
}

export async function refreshMe(): Promise<void> {
  session.set({ me: await get<Me>('/me') });
}

async function completeOidc(config: PortalConfig): Promise<string | null> {
  const url = new URL(location.href);
  if (config.auth.mode !== 'oidc' || !isCallback(config.auth, url)) return null;
  const { token, returnTo } = await completeSignIn(config.auth, url);
  saveToken(token);
  history.replaceState(null, '', returnTo);
  return token;
}

export async function boot(): Promise<void> {
  applyLocale(session.get().locale);
  configureClient({ onUnauthorized: expired });
  const config = await loadConfig();
  session.set({ config });
  try {
    const token = (await completeOidc(config)) ?? loadToken();
    if (!token) {
      session.set({ phase: 'signed-out' });
      return;
    }
    await signInWithToken(token);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearToken();
      session.set({ phase: 'signed-out' });
      return;
    }
    session.set({ phase: 'failed', error: errorText(error) });
  }
}

export async function signOut(): Promise<void> {
  const { config } = session.get();
  clearToken();
  configureClient({ token: null });
  clearCaches();
  session.set({ phase: 'signed-out', me: null });
  navigate('/signin', { replace: true });
  if (config.auth.mode === 'oidc') {
    const url = await signOutUrl(config.auth);
    if (url) location.assign(url);
  }
}
