// The situation report of an area and a period (GET /api/sitrep), as `vigil sitrep` words it:
// headline lines first, then one table per part with the records behind each figure. Staff
// get the report with ids; liaisons and the public the published aggregate (the API decides).
// The form's values are kept in the address, so a report can be bookmarked and reloaded.

import { get } from "../api";
import { areas, nameOf, type Area } from "../areas";
import { h, replace } from "../dom";
import { areaName, counted, date, lang, num, t, term } from "../i18n";
import { link } from "../router";
import { failure, loading, section, table } from "../view";

interface Bounds {
  low: number;
  best: number;
  high: number;
}

interface FindingSummary {
  findings: number;
  incidents: number;
  subjects: number;
  by_strength: { strength: string; count: number }[];
  items: {
    kind: string;
    strength: string;
    incident: string;
    subject: { type: string; id: string };
    notification: string | null;
    days_before: number | null;
    explanation: string;
  }[];
}

interface Sitrep {
  area: { id: string; name: string; level: string } | null;
  from: string;
  to: string;
  status_as_of: string;
  published: boolean;
  incidents: {
    total: number;
    incidents: string[];
    by_category: { category: string; count: number; incidents: string[]; by_kind: { kind: string; count: number; incidents: string[] }[] }[];
    by_week: { week: string; first_day: string; count: number; incidents: string[] }[];
  };
  casualties: { group: string; outcome: string; headline: Bounds; sources: (Bounds & { source: string; incidents: string[] })[] }[];
  facilities: {
    kind: string;
    sites: number;
    impaired: number;
    by_status: { status: string | null; count: number; sites: { id: string; name: string; since: string | null }[] }[];
  }[];
  notified_hits: FindingSummary;
  ceasefire_violations: FindingSummary;
}

const LEVELS = ["country", "governorate", "district", "sub_district", "neighbourhood", "zone"];

/** Links to the incidents behind a figure, separated by spaces. */
function incidentLinks(ids: string[]): Node {
  const out = h("span", { class: "ids" });
  ids.forEach((id, i) => {
    if (i > 0) out.append(" ");
    out.append(link(`/incidents/${encodeURIComponent(id)}`, id));
  });
  return out;
}

function status(value: string | null): string {
  return value === null ? t("sitrep.no_status") : term("status", value);
}

function facilityHeadline(f: Sitrep["facilities"][number]): string {
  const breakdown = f.by_status
    .filter((s) => s.status !== null && s.status !== "functional")
    .map((s) => `${num(s.count)} ${status(s.status)}`);
  const line = t("sitrep.facilities_line", { kind: term("site_kind", f.kind), impaired: f.impaired, sites: f.sites });
  return breakdown.length ? `${line} (${breakdown.join(t("sitrep.comma"))})` : line;
}

/** One source: its figure. Several: at least the largest low of any one of them, up to the
 *  largest high of any one; never a sum of two sources. */
function casualtyHeadline(c: Sitrep["casualties"][number]): string {
  const what = t("sitrep.group_outcome", { group: term("group", c.group), outcome: term("outcome", c.outcome) });
  const { low, high } = c.headline;
  if (c.sources.length === 1) {
    const figure = low === high ? num(low) : t("sitrep.low_to_high", { low, high });
    return t("sitrep.casualty_one", { what, figure, source: c.sources[0].source });
  }
  return low === high
    ? t("sitrep.casualty_many_exact", { what, low, count: c.sources.length })
    : t("sitrep.casualty_many", { what, low, high, count: c.sources.length });
}

function findingsHeadline(key: string, subjects: string, s: FindingSummary): string {
  if (s.findings === 0) return t(`${key}.none`);
  const strengths = s.by_strength.map((x) => `${num(x.count)} ${term("strength", x.strength)}`).join(t("sitrep.comma"));
  return t(`${key}.some`, {
    subjects: counted(subjects, s.subjects),
    incidents: counted("count.incidents", s.incidents),
    findings: counted("count.findings", s.findings),
    strengths,
  });
}

function subjectCell(s: { type: string; id: string }): Node | string {
  if (s.type === "site") return link(`/sites/${encodeURIComponent(s.id)}`, s.id);
  if (s.type === "ceasefire") return link(`/ceasefires/${encodeURIComponent(s.id)}`, s.id);
  return s.id;
}

function findingsTable(s: FindingSummary, id: string): HTMLElement {
  // A published report gives counts only.
  if (s.items.length === 0 && s.findings > 0) return h("p", { class: "empty" }, t("sitrep.counts_only"));
  return table(
    ["field.strength", "field.incident", "field.subject", "sitrep.notification", "field.days_before"],
    s.items.map((f) => [
      term("strength", f.strength),
      incidentLinks([f.incident]),
      subjectCell(f.subject),
      f.notification,
      f.days_before,
    ]),
    { id },
  );
}

function report(r: Sitrep, known: Map<string, Area>): HTMLElement {
  const place = r.area ? `${nameOf(known, r.area.id, r.area.name)} (${r.area.id})` : t("sitrep.everywhere");
  const from = r.from.slice(0, 10), to = r.to.slice(0, 10);
  const categories = r.incidents.by_category
    .map((c) => `${num(c.count)} ${term("category", c.category)}`)
    .join(t("sitrep.comma"));
  const headlines = [
    r.incidents.total === 0 ? t("sitrep.incidents_none") : t("sitrep.incidents_line", { incidents: counted("count.incidents", r.incidents.total), categories }),
    ...r.facilities.map(facilityHeadline),
    ...r.casualties.map(casualtyHeadline),
    findingsHeadline("sitrep.notified_hits", "count.sites_or_movements", r.notified_hits),
    findingsHeadline("sitrep.ceasefires", "count.ceasefires", r.ceasefire_violations),
  ];
  return h("article", { class: "sitrep", id: "sitrep-report", "data-total": r.incidents.total },
    h("h2", {}, t("sitrep.heading", { place, from: date(from), to: date(to) })),
    r.published ? h("p", { class: "meta", id: "sitrep-published" }, t("sitrep.published")) : null,
    h("ul", { class: "headlines", id: "sitrep-headlines" }, ...headlines.map((line) => h("li", {}, line))),
    section("sitrep.by_kind", table(
      ["field.category", "field.kind", "sitrep.incidents", "sitrep.records"],
      r.incidents.by_category.flatMap((c) => c.by_kind.map((k) => [
        term("category", c.category), term("incident_kind", k.kind), k.count, incidentLinks(k.incidents),
      ])),
      { id: "sitrep-by-kind" },
    )),
    section("sitrep.by_week", table(
      ["sitrep.week", "sitrep.week_from", "sitrep.incidents", "sitrep.records"],
      r.incidents.by_week.map((w) => [h("span", { dir: "ltr" }, w.week), date(w.first_day), w.count, incidentLinks(w.incidents)]),
      { id: "sitrep-by-week" },
    )),
    section("sitrep.casualties", table(
      ["field.group", "field.outcome", "field.source", "sitrep.low", "sitrep.best", "sitrep.high", "sitrep.records"],
      r.casualties.flatMap((c) => c.sources.map((s) => [
        term("group", c.group), term("outcome", c.outcome), s.source, s.low, s.best, s.high, incidentLinks(s.incidents),
      ])),
      { id: "sitrep-casualties" },
    )),
    section("sitrep.facilities", h("p", {}, t("sitrep.status_as_of", { day: date(r.status_as_of) })), table(
      ["field.kind", "field.status", "sitrep.sites", "sitrep.records"],
      r.facilities.flatMap((f) => f.by_status.map((s) => {
        const sites = h("span", { class: "ids" });
        s.sites.forEach((site, i) => {
          if (i > 0) sites.append(" ");
          sites.append(link(`/sites/${encodeURIComponent(site.id)}`, site.name || site.id));
        });
        return [term("site_kind", f.kind), status(s.status), s.count, sites];
      })),
      { id: "sitrep-facilities" },
    )),
    section("sitrep.notified_hits.title", findingsTable(r.notified_hits, "sitrep-notified-hits")),
    section("sitrep.ceasefires.title", findingsTable(r.ceasefire_violations, "sitrep-ceasefire-violations")),
  );
}

/** The area choices: every area the role may see, grouped by level, coarsest first. */
function areaSelect(known: Map<string, Area>, chosen: string): HTMLSelectElement {
  const byLevel = new Map<string, Area[]>();
  for (const a of known.values()) {
    const list = byLevel.get(a.level) ?? [];
    list.push(a);
    byLevel.set(a.level, list);
  }
  const levels = [...byLevel.keys()].sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b));
  const collator = new Intl.Collator(lang());
  return h("select", { id: "sitrep-area", name: "area" },
    h("option", { value: "" }, t("sitrep.everywhere")),
    ...levels.map((level) => h("optgroup", { label: term("area_level", level) },
      ...byLevel.get(level)!
        .sort((a, b) => collator.compare(areaName(a), areaName(b)))
        .map((a) => h("option", { value: a.id, selected: a.id === chosen }, a.pcode ? `${areaName(a)} (${a.pcode})` : areaName(a))))),
  );
}

export async function sitrepPage(main: HTMLElement): Promise<void> {
  replace(main, h("h1", {}, t("sitrep.title")), loading());
  let known: Map<string, Area>;
  try {
    known = await areas();
  } catch (e) {
    replace(main, h("h1", {}, t("sitrep.title")), failure(e));
    return;
  }
  const asked = new URLSearchParams(location.search);
  const area = areaSelect(known, asked.get("area") ?? "");
  const from = h("input", { id: "sitrep-from", name: "from", type: "date", required: true, value: asked.get("from") ?? "" });
  const to = h("input", { id: "sitrep-to", name: "to", type: "date", required: true, value: asked.get("to") ?? "" });
  const holder = h("div", { id: "sitrep-result", "aria-live": "polite" });
  const show = async () => {
    if (!from.value || !to.value) {
      replace(holder, h("p", { class: "prompt", id: "sitrep-prompt" }, t("sitrep.prompt")));
      return;
    }
    replace(holder, loading());
    const query = new URLSearchParams({ from: from.value, to: to.value });
    if (area.value) query.set("area", area.value);
    try {
      const r = await get<Sitrep>(`/api/sitrep?${query}`);
      replace(holder, report(r, known));
    } catch (e) {
      replace(holder, failure(e));
    }
  };
  const form = h("form", { class: "sitrep-form", id: "sitrep-form" },
    h("div", { class: "field" }, h("label", { for: "sitrep-area" }, t("field.area")), area),
    h("div", { class: "field" }, h("label", { for: "sitrep-from" }, t("map.from")), from),
    h("div", { class: "field" }, h("label", { for: "sitrep-to" }, t("map.to")), to),
    h("button", { type: "submit", id: "sitrep-show" }, t("sitrep.show")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // The address says what is shown (keeping ?lang= when it is there), so it can be kept.
    const params = new URLSearchParams(location.search);
    for (const [key, value] of [["area", area.value], ["from", from.value], ["to", to.value]]) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    history.pushState(null, "", `/sitrep?${params}`);
    void show();
  });
  replace(main,
    h("h1", {}, t("sitrep.title")),
    form,
    h("div", { class: "actions" },
      h("button", { type: "button", id: "sitrep-print", onclick: () => window.print() }, t("sitrep.print"))),
    holder,
  );
  await show();
}
