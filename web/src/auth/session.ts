/** The signed-in person's bearer token, kept for this browser tab only (sessionStorage). */
const KEY = 'backoffice.token';

/** The token's `exp` claim in ms, or null when it cannot be read. */
function expiresAt(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function loadToken(): string | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  const exp = expiresAt(token);
  // Token expiry follows real time (never the local virtual clock).
  if (exp !== null && exp <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return token;
}

export const saveToken = (token: string) => sessionStorage.setItem(KEY, token);
export const clearToken = () => sessionStorage.removeItem(KEY);
