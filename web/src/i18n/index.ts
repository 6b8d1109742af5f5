// The interface's two languages. Every string shown comes from en.json or ar.json (a key
// missing from Arabic falls back to English, never to the key); dates and numbers go through
// Intl with the chosen locale. The choice comes from `?lang=`, else the last one picked
// (localStorage), else English; <html lang dir> follows it.

import en from "./en.json";
import ar from "./ar.json";

export type Lang = "en" | "ar";
type Dict = Record<string, string>;
// Arabic has every English key, or the type check (and so the build) fails.
const arabic: Record<keyof typeof en, string> = ar;
const dictionaries: Record<Lang, Dict> = { en, ar: arabic };
const KEY = "vigil.lang";

let current: Lang = initial();

function initial(): Lang {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ar" || asked === "en") return asked;
  const kept = localStorage.getItem(KEY);
  return kept === "ar" ? "ar" : "en";
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(KEY, next);
  applyToDocument();
}

export function applyToDocument(): void {
  document.documentElement.lang = current;
  document.documentElement.dir = current === "ar" ? "rtl" : "ltr";
  document.title = t("app_title");
  // The static parts of index.html that carry text.
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n!);
  }
}

/** Whether the chosen language (or English, which it falls back to) has `key`. */
export function has(key: string): boolean {
  return key in dictionaries[current] || key in dictionaries.en;
}

/** The string for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    return value === undefined ? `{${name}}` : typeof value === "number" ? num(value) : value;
  });
}

/** A vocabulary value (`hospital`, `airstrike`, `probable`) in the chosen language, or as
 *  the API gave it when the dictionaries do not know it. */
export function term(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const key = `${group}.${value}`;
  return dictionaries[current][key] ?? dictionaries.en[key] ?? value.replace(/_/g, " ");
}

/** A count with its noun, from `KEY.one` or `KEY.other` as the language's plural rules say
 *  ("1 incident", "11 incidents"). */
export function counted(key: string, count: number): string {
  const one = new Intl.PluralRules(locale()).select(count) === "one";
  return t(`${key}.${one ? "one" : "other"}`, { count });
}

const locale = () => (current === "ar" ? "ar-SY" : "en-GB");

export function num(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** A date or an RFC 3339 time: a day shown as a day, a time with its hour. */
export function date(value: string | null | undefined): string {
  if (!value) return "—";
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: "medium",
    timeStyle: dayOnly ? undefined : "short",
    timeZone: "UTC",
  }).format(d);
}

/** An area's name in the chosen language when the area record has one. */
export function areaName(area: { name_en: string; name_ar?: string | null }): string {
  return current === "ar" && area.name_ar ? area.name_ar : area.name_en;
}
