// Who the interface acts as: the public until signed in; then the role and party the server
// says the session's token has (GET /api/whoami), never a role the page decides itself.

import { ApiError, get, send } from "./api";
import { setToken, token } from "./session-store";

export interface Who {
  role: string;
  party: string | null;
  account: string | null;
}

const PUBLIC: Who = { role: "public", party: null, account: null };
let who: Who = PUBLIC;

export function current(): Who {
  return who;
}

/** Staff roles: those the publication policy shows the register and findings in full. */
export function isStaff(): boolean {
  return ["admin", "coordinator", "monitor", "analyst"].includes(who.role);
}

/** The roles that may write incidents (the API refuses the others; this only decides what
 *  the page offers). */
export function mayFileIncidents(): boolean {
  return ["admin", "monitor"].includes(who.role);
}

/** The roles that may write the register: sites, movements and notifications. */
export function mayWriteRegister(): boolean {
  return ["admin", "coordinator"].includes(who.role);
}

/** Asks the server who the kept token acts as; a token it refuses is dropped. */
export async function restore(): Promise<Who> {
  if (!token()) return (who = PUBLIC);
  try {
    who = await get<Who>("/api/whoami");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setToken(null);
      who = PUBLIC;
    } else throw e;
  }
  return who;
}

export async function signIn(user: string, password: string): Promise<Who> {
  setToken(null);
  const session = await send<{ token: string }>("POST", "/api/sessions", { user, password });
  setToken(session.token);
  return restore();
}

export async function signOut(): Promise<void> {
  try {
    await send("DELETE", "/api/sessions/current");
  } finally {
    setToken(null);
    who = PUBLIC;
  }
}
