// Small pieces the dossier's sections share: times in UTC as the printed dossier gives them,
// hashes and record names kept left to right inside Arabic text, "not recorded" for an
// absent value, and a table whose headers are translated keys.

import { h } from "../dom";
import { date, num, t } from "../i18n";
import type { PartyRef } from "./types";

type Cell = Node | string | number | null | undefined | (Node | string)[];

/** A time of the record, in the chosen language, marked as UTC (the server's times are). */
export function utc(value: string): string {
  return t("dossier.utc", { time: date(value) });
}

/** A hash, record name or other machine text: monospace and left to right in any language. */
export function code(text: string, cls = ""): HTMLElement {
  return h("code", { dir: "ltr", class: cls || null }, text);
}

export function notRecorded(value: string | null | undefined): Node | string {
  return value ?? h("span", { class: "none" }, t("dossier.not_recorded"));
}

export function partyName(p: PartyRef): string {
  return p.name ?? p.id;
}

/** "36.20617, 37.18341" (lat, lon), five decimals as in the printed dossier, left to right
 *  as coordinates are written in either language. */
export function point(lat: number, lon: number): HTMLElement {
  return h("span", { dir: "ltr" }, `${lat.toFixed(5)}, ${lon.toFixed(5)}`);
}

export function grid(headers: string[], rows: Cell[][], attrs: Record<string, string> = {}): HTMLElement {
  return h("table", attrs,
    h("thead", {}, h("tr", {}, ...headers.map((k) => h("th", { scope: "col" }, t(k))))),
    h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((c) =>
      h("td", {}, ...(Array.isArray(c) ? c : [typeof c === "number" ? num(c) : c ?? ""])))))),
  );
}

/** A paragraph saying a part is empty, in the printed dossier's words. */
export function empty(key: string): HTMLElement {
  return h("p", { class: "none" }, t(key));
}
