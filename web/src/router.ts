// Client-side routes on real paths (the server answers every non-API path with this page):
// links marked `data-link` change the page without a reload; back and forward work.

export type Render = (main: HTMLElement, params: Record<string, string>) => Promise<void> | void;

interface Route {
  pattern: RegExp;
  names: string[];
  render: Render;
}

const routes: Route[] = [];
let fallback: Render = () => {};
let onChange: () => void = () => {};

export function route(path: string, render: Render): void {
  const names: string[] = [];
  const pattern = new RegExp(
    "^" + path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)")) + "/?$",
  );
  routes.push({ pattern, names, render });
}

export function notFound(render: Render): void {
  fallback = render;
}

export function changed(listener: () => void): void {
  onChange = listener;
}

/** Goes to `path` (keeping `?lang=` if the address has it). */
export function go(path: string): void {
  // Only the language is kept: a page's own parameters (a report's area and period) are
  // not carried to the next page.
  const asked = new URLSearchParams(location.search).get("lang");
  const [route, query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  if (asked && !params.has("lang")) params.set("lang", asked);
  const search = params.toString();
  history.pushState(null, "", search ? `${route}?${search}` : route);
  // Keyboard and screen-reader users land at the new page's start (a page may then focus
  // its first field).
  document.getElementById("main")?.focus({ preventScroll: true });
  void render();
}

/** Renders the current address. Each render gets an element of its own inside <main>: a
 *  page still loading when the user moves on renders into its detached element, never over
 *  the page that replaced it. */
export async function render(): Promise<void> {
  const main = document.getElementById("main")!;
  const host = document.createElement("div");
  host.className = "page";
  main.replaceChildren(host);
  onChange();
  for (const r of routes) {
    const match = r.pattern.exec(location.pathname);
    if (match) {
      const params: Record<string, string> = {};
      r.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
      await r.render(host, params);
      return;
    }
  }
  await fallback(host, {});
}

export function start(): void {
  document.addEventListener("click", (event) => {
    const link = (event.target as Element).closest?.("a[data-link]") as HTMLAnchorElement | null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(link.getAttribute("href")!);
  });
  window.addEventListener("popstate", () => void render());
}

/** A link to a client route. */
export function link(path: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = path;
  a.dataset.link = "";
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  a.textContent = text;
  return a;
}
