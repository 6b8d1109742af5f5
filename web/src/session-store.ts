// The session's token, kept in sessionStorage: it lasts as long as the tab, and is never
// written anywhere else (no cookie, no localStorage).

const KEY = "vigil.token";

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}
