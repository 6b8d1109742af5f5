// Small pieces every page uses: headings, definition lists, tables, errors and values in the
// chosen language. Only what the API answered is shown; absent fields are left out.

import { ApiError } from "./api";
import { h } from "./dom";
import { errorText } from "./errors";
import { date, num, t } from "./i18n";

type Cell = Node | string | number | null | undefined;

export function loading(): HTMLElement {
  return h("p", { class: "loading", role: "status" }, t("loading"));
}

export function failure(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.status === 404) {
    return h("p", { class: "error", role: "alert" }, t("error.not_found"));
  }
  return h("p", { class: "error", role: "alert" }, t("error.generic", { message: errorText(e) }));
}

/** A definition list of the pairs whose value is present. */
export function facts(pairs: [string, Cell][]): HTMLElement {
  const dl = h("dl", { class: "facts" });
  for (const [key, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", {}, t(key)), h("dd", {}, value instanceof Node ? value : String(value)));
  }
  return dl;
}

export function table(headers: string[], rows: Cell[][], attrs: Record<string, string> = {}): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, t("none"));
  return h("table", attrs,
    h("thead", {}, h("tr", {}, ...headers.map((k) => h("th", { scope: "col" }, t(k))))),
    // Numbers in the chosen locale's digits.
    h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((c) => h("td", {}, typeof c === "number" ? num(c) : c ?? "—"))))),
  );
}

export function section(titleKey: string, ...content: (Node | null)[]): HTMLElement {
  return h("section", {}, h("h2", {}, t(titleKey)), ...content);
}

export function metres(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : t("value.metres", { value: Math.round(value) });
}

export function span(start: string | null | undefined, end: string | null | undefined): string {
  if (!start) return "—";
  const a = date(start), b = date(end);
  return !end || a === b ? a : `${a} – ${b}`;
}

export function range(c: { low: number; best: number; high: number }): string {
  return t("value.range", { low: num(c.low), high: num(c.high), best: num(c.best) });
}
