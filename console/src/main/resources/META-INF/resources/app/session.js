// The signed-in caller: the bearer token and what its claims say. Kept in sessionStorage, so a
// closed tab forgets it.
const { reactive } = Vue;

const STORAGE_KEY = 'livelink.console.session';

function decodeClaims(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    atob(payload)
      .split('')
      .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
      .join(''),
  );
  return JSON.parse(json);
}

function restore() {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) {
    return null;
  }
  try {
    const claims = decodeClaims(stored);
    if (claims.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return { token: stored, claims };
  } catch (unreadable) {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export const session = reactive({ current: restore() });

export function signIn(token) {
  sessionStorage.setItem(STORAGE_KEY, token);
  session.current = { token, claims: decodeClaims(token) };
}

export function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
  session.current = null;
}

export function role() {
  return session.current ? (session.current.claims.groups || [])[0] : null;
}

export function tenant() {
  return session.current ? session.current.claims.tenant : null;
}

export function member() {
  return session.current ? session.current.claims.member : null;
}
