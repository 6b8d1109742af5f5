// The map's filters: a period (from, to, and a slider that moves the last day shown), an area
// (the records in it or in an area inside it), incident category, kind and certainty, site
// kind and finding kind, and which layers are drawn. The choices offered are the values
// present in the records, and the areas, the caller can see.

import { h } from "../dom";
import { date, t, term } from "../i18n";
import { type Feature, type Layers, incidentDays, movementDays } from "./data";

export interface Filters {
  from: string;
  to: string;
  category: string;
  kind: string;
  certainty: string;
  siteKind: string;
  findingKind: string;
  area: string;
  layers: Record<string, boolean>;
}

export const LAYERS = ["areas", "sites", "incidents", "movements", "findings"] as const;

export function initial(bounds: [string, string]): Filters {
  return {
    from: bounds[0],
    to: bounds[1],
    category: "",
    kind: "",
    certainty: "",
    siteKind: "",
    findingKind: "",
    area: "",
    layers: Object.fromEntries(LAYERS.map((l) => [l, true])),
  };
}

/** The first and last day of any incident or movement (today when there are none). */
export function period(layers: Layers): [string, string] {
  const days = [...layers.incidents.map(incidentDays), ...layers.movements.map(movementDays)]
    .filter((d): d is [string, string] => d !== null)
    .flat()
    .sort();
  const today = new Date().toISOString().slice(0, 10);
  return days.length ? [days[0], days[days.length - 1]] : [today, today];
}

const overlaps = (d: [string, string] | null, f: Filters) => !d || (d[0] <= f.to && d[1] >= f.from);

/** Whether area `id` is `ancestor` or lies inside it. */
export type Within = (id: string | null | undefined, ancestor: string) => boolean;

/** A record's area: the full view's `area`, else the published view's governorate. */
const areaOf = (x: Feature): string | undefined => x.properties.area ?? x.properties.governorate?.id;

/** The records the filters keep, layer by layer. */
export function apply(layers: Layers, f: Filters, within: Within): Layers {
  const inArea = (x: Feature) => !f.area || within(areaOf(x), f.area);
  const incidents = f.layers.incidents
    ? layers.incidents.filter((i) => {
        const p = i.properties;
        return (
          overlaps(incidentDays(i), f) &&
          inArea(i) &&
          (!f.category || p.category === f.category) &&
          (!f.kind || p.kind === f.kind) &&
          (!f.certainty || p.certainty === f.certainty)
        );
      })
    : [];
  const shown = new Set(incidents.map((i) => i.id));
  return {
    sites: f.layers.sites ? layers.sites.filter((s) => inArea(s) && (!f.siteKind || s.properties.kind === f.siteKind)) : [],
    incidents,
    movements: f.layers.movements ? layers.movements.filter((m) => overlaps(movementDays(m), f)) : [],
    // A finding is about an incident: it is shown with it.
    findings:
      f.layers.findings && layers.findings
        ? layers.findings.filter(
            (x) => shown.has(x.properties.incident) && (!f.findingKind || x.properties.kind === f.findingKind),
          )
        : layers.findings === null ? null : [],
  };
}

function values(features: Feature[] | null, key: string): string[] {
  return [...new Set((features ?? []).map((f) => f.properties[key]).filter(Boolean))].sort();
}

function choice(id: string, labelKey: string, group: string, options: string[], value: string,
  set: (v: string) => void): HTMLElement {
  const select = h("select", { id, name: id },
    h("option", { value: "" }, t("map.any")),
    ...options.map((o) => h("option", { value: o, selected: o === value }, term(group, o))),
  );
  select.addEventListener("change", () => set(select.value));
  return h("div", { class: "field" }, h("label", { for: id }, t(labelKey)), select);
}

function areaChoice(areas: { id: string; label: string }[], value: string, set: (v: string) => void): HTMLElement {
  const select = h("select", { id: "f-area", name: "area" },
    h("option", { value: "" }, t("map.any")),
    ...areas.map((a) => h("option", { value: a.id, selected: a.id === value }, a.label)),
  );
  select.addEventListener("change", () => set(select.value));
  return h("div", { class: "field" }, h("label", { for: "f-area" }, t("field.area")), select);
}

function dayInput(id: string, labelKey: string, value: string, bounds: [string, string], set: (v: string) => void) {
  const input = h("input", { id, name: id, type: "date", value, min: bounds[0], max: bounds[1] });
  input.addEventListener("change", () => input.value && set(input.value));
  return h("div", { class: "field" }, h("label", { for: id }, t(labelKey)), input);
}

const DAY = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** The filter form; `changed` runs after every change with the new filters. */
export function form(layers: Layers, f: Filters, bounds: [string, string], areas: { id: string; label: string }[],
  changed: (f: Filters) => void): HTMLElement {
  const update = (patch: Partial<Filters>) => {
    Object.assign(f, patch);
    changed(f);
  };
  const slider = h("input", {
    id: "f-slider", name: "slider", type: "range",
    min: dayNumber(bounds[0]), max: dayNumber(bounds[1]), step: 1, value: dayNumber(f.to),
  });
  const shown = h("output", { for: "f-slider", id: "f-slider-day" }, date(f.to));
  slider.addEventListener("input", () => {
    const to = dayOf(Number(slider.value));
    shown.textContent = date(to);
    (document.getElementById("f-to") as HTMLInputElement).value = to;
    update({ to });
  });
  const layerBoxes = h("fieldset", { class: "layers" }, h("legend", {}, t("map.layers")),
    ...LAYERS.filter((l) => l !== "findings" || layers.findings !== null).map((l) => {
      const box = h("input", { type: "checkbox", id: `layer-${l}`, name: l, checked: f.layers[l] });
      box.addEventListener("change", () => update({ layers: { ...f.layers, [l]: box.checked } }));
      return h("div", { class: "check" }, box, h("label", { for: `layer-${l}` }, t(`layer.${l}`)));
    }),
  );
  return h("form", { class: "filters", "aria-label": t("map.filters"), onsubmit: (e: Event) => e.preventDefault() },
    h("h2", {}, t("map.filters")),
    dayInput("f-from", "map.from", f.from, bounds, (from) => update({ from })),
    dayInput("f-to", "map.to", f.to, bounds, (to) => {
      slider.value = String(dayNumber(to));
      shown.textContent = date(to);
      update({ to });
    }),
    h("div", { class: "field" }, h("label", { for: "f-slider" }, t("map.slider")), slider, shown),
    areaChoice(areas, f.area, (area) => update({ area })),
    choice("f-category", "map.category", "category", values(layers.incidents, "category"), f.category, (category) => update({ category })),
    choice("f-kind", "map.kind", "incident_kind", values(layers.incidents, "kind"), f.kind, (kind) => update({ kind })),
    choice("f-certainty", "map.certainty", "certainty", values(layers.incidents, "certainty"), f.certainty, (certainty) => update({ certainty })),
    choice("f-site-kind", "map.site_kind", "site_kind", values(layers.sites, "kind"), f.siteKind, (siteKind) => update({ siteKind })),
    layers.findings !== null
      ? choice("f-finding-kind", "map.finding_kind", "finding_kind", values(layers.findings, "kind"), f.findingKind, (findingKind) => update({ findingKind }))
      : null,
    layerBoxes,
  );
}
