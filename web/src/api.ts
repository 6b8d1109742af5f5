// Every call to the server: the session's token (if signed in) as a bearer header, JSON
// answers, and the API's error body turned into an ApiError the pages can show.

import { setToken, token } from "./session-store";

/** One broken rule of a refused write (`422 invalid`), named by its field. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  next: { after: string; href: string } | null;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { Accept: "application/json", ...extra };
  const t = token();
  if (t) out.Authorization = `Bearer ${t}`;
  return out;
}

/** Fired when the server refuses the session's token (expired or revoked elsewhere): the
 *  token is dropped and the interface goes back to the public view. */
export const SESSION_ENDED = "vigil:session-ended";

async function answer<T>(response: Response): Promise<T> {
  if (response.status === 401 && token()) {
    setToken(null);
    window.dispatchEvent(new Event(SESSION_ENDED));
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? "http_error", error.message ?? response.statusText,
      Array.isArray(error.fields) ? error.fields : []);
  }
  return body as T;
}

export async function get<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: headers() }));
}

/** A record with its ETag (the version to send back in `If-Match` to change it). */
export async function getTagged<T>(path: string): Promise<{ body: T; etag: string | null }> {
  const response = await fetch(path, { headers: headers() });
  const etag = response.headers.get("ETag");
  return { body: await answer<T>(response), etag };
}

export async function send<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = {
    method,
    headers: headers(body === undefined ? extra : { "Content-Type": "application/json", ...extra }),
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  return answer<T>(await fetch(path, init));
}

/** Every item of a list, following `next` links (at most `max` items). */
export async function all<T>(path: string, max = 5000): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path + (path.includes("?") ? "&" : "?") + "limit=1000";
  while (next && items.length < max) {
    const page: Page<T> = await get<Page<T>>(next);
    items.push(...page.items);
    next = page.next?.href ?? null;
  }
  return items;
}

/** A list the role may not read (403) is no list at all for it: an empty one. */
export async function allOrNone<T>(path: string): Promise<T[] | null> {
  try {
    return await all<T>(path);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
}
