// The dossier's first section, as the printed dossier has it: what, when, where, certainty,
// damage, account and reports; then the casualty figures, each as its source gives it (never
// summed across sources), and the attributions with their grades.

import { h } from "../dom";
import { areaName, num, t, term } from "../i18n";
import { code, empty, grid, notRecorded, point, utc } from "./common";
import type { Dossier } from "./types";

/** The server words a place's precision ("exact", "within 250 m", "sub-district"); each is
 *  shown in the chosen language, or as given when the dictionaries do not know it. */
function placePrecision(words: string): string {
  const within = /^within (\d+(?:\.\d+)?) m$/.exec(words);
  return within ? t("dossier.within_m", { metres: num(Number(within[1])) }) : term("place_precision", words);
}

function row(key: string, ...value: (Node | string | null)[]): HTMLElement {
  return h("tr", {}, h("th", { scope: "row" }, t(key)), h("td", {}, ...value));
}

export function incidentSection(d: Dossier): HTMLElement[] {
  const i = d.incident;
  const where: (Node | string)[] = i.lat !== null && i.lon !== null
    ? [point(i.lat, i.lon), t("dossier.lat_lon")]
    : [t("dossier.no_coordinates")];
  where.push(t("dossier.precision_radius", { precision: placePrecision(i.place_precision), radius: num(i.radius_m) }));
  if (i.area) where.push("; ", areaName({ name_en: i.area.name, name_ar: i.area.name_ar }), " [", code(i.area.id), "]");
  return [
    h("h2", {}, t("dossier.incident")),
    h("table", { class: "facts-table" }, h("tbody", {},
      row("dossier.what",
        t("dossier.kind_category", { kind: term("incident_kind", i.kind), category: term("category", i.category) }),
        i.weapon ? t("dossier.weapon", { weapon: i.weapon }) : null),
      row("dossier.when", t("dossier.span", {
        start: utc(i.start), end: utc(i.end), precision: term("time_precision", i.time_precision),
      })),
      row("dossier.where", ...where),
      row("dossier.certainty", t("dossier.certainty_that", { certainty: term("certainty", i.certainty) })),
      i.damage ? row("dossier.damage", term("damage", i.damage)) : null,
      i.description ? row("dossier.account", i.description) : null,
      row("dossier.reports", i.reports.length
        ? t("dossier.reports_from", { count: i.reports.length, list: i.reports.join(", ") })
        : h("span", { class: "none" }, t("dossier.reports_none"))),
    )),
    h("h3", {}, t("dossier.casualties")),
    i.casualties.length
      ? grid(["field.group", "field.outcome", "dossier.low", "dossier.best", "dossier.high", "field.source"],
          i.casualties.map((c) => [term("group", c.group), term("outcome", c.outcome), c.low, c.best, c.high, [notRecorded(c.source)]]),
          { id: "dossier-casualties" })
      : empty("dossier.casualties_none"),
    h("h3", {}, t("dossier.attribution")),
    i.attributions.length
      ? grid(["field.party", "field.grade", "field.sources"],
          i.attributions.map((a) => [a.party_name ?? a.party, term("grade", a.grade), a.sources.join(", ")]))
      : empty("dossier.attribution_none"),
  ];
}
