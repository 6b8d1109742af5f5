// The map page: boundaries the server holds as base layers, then the sites, movements,
// incidents and findings the caller may see, filtered; beside it the same records as lists
// (reachable by keyboard, and what a screen reader reads), and for records without
// coordinates in the caller's view (the public's) their counts by governorate.
//
// The map element carries `data-sites`, `data-incidents`, `data-movements` and
// `data-findings`: how many features are drawn, for tests and for anyone inspecting it.

import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { type Area, areas, boundaries, nameOf } from "../areas";
import { h, replace } from "../dom";
import { areaName, date, num, t, term } from "../i18n";
import { type Feature, type Layers, incidentDays, load } from "../map/data";
import { type Filters, apply, form, initial, period } from "../map/filters";
import { style } from "../map/style";
import { addBasemap, basemap, elsewhere, problem, setBasemap, type Basemap } from "../map/basemap";
import { link, render } from "../router";
import { isStaff } from "../session";
import { failure, loading, span, table } from "../view";

maplibregl.setWorkerUrl(workerUrl);

const collection = (features: GeoJSON.Feature<GeoJSON.Geometry | null>[]): GeoJSON.FeatureCollection =>
  ({ type: "FeatureCollection", features: features as GeoJSON.Feature[] });
const placed = (features: Feature[] | null) => (features ?? []).filter((f) => f.geometry !== null);

/** Where a record's page is, from its layer. */
function pageOf(layer: string, id: string): string | null {
  if (layer.startsWith("sites")) return `/sites/${encodeURIComponent(id)}`;
  if (layer.startsWith("incidents")) return `/incidents/${encodeURIComponent(id)}`;
  return null;
}

function label(f: Feature): string {
  const p = f.properties;
  return p.title ?? p.name ?? term("incident_kind", p.kind);
}

export async function mapPage(main: HTMLElement): Promise<void> {
  replace(main, h("h1", { class: "visually-hidden" }, t("map.title")), loading());
  let layers: Layers, known: Map<string, Area>, bases: Area[];
  try {
    [layers, known] = await Promise.all([load(), areas()]);
    // Staff see neighbourhoods too; the published view names governorates at most.
    bases = await boundaries(known, isStaff() ? ["governorate", "neighbourhood"] : ["governorate"]);
  } catch (e) {
    replace(main, failure(e));
    return;
  }
  // The user went elsewhere while the records loaded: no map for a page nobody sees.
  if (!main.isConnected) return;
  const bounds = period(layers);
  const filters = initial(bounds);
  const within = (id: string | null | undefined, ancestor: string): boolean => {
    // Up the parents, at most a few levels (country, governorate, district, …).
    for (let at = id, depth = 0; at && depth < 8; at = known.get(at)?.parent ?? undefined, depth++) {
      if (at === ancestor) return true;
    }
    return false;
  };
  // Governorates first, then what lies inside them, each by name in the chosen language.
  const areaChoices = [...known.values()]
    .filter((a) => a.level !== "country")
    .sort((a, b) => Number(a.level !== "governorate") - Number(b.level !== "governorate") || areaName(a).localeCompare(areaName(b)))
    .map((a) => ({ id: a.id, label: a.level === "governorate" ? areaName(a) : `${areaName(a)} (${nameOf(known, a.parent)})` }));

  const summary = h("p", { id: "map-summary", "aria-live": "polite" });
  const container = h("div", { id: "map", role: "region", "aria-label": t("map.aria"), "data-ready": "false" });
  const lists = h("div", { id: "map-lists" });
  const basemapStatus = h("p", { id: "basemap-status", role: "status" });
  replace(main,
    h("h1", { class: "visually-hidden" }, t("map.title")),
    h("div", { class: "map-page" },
      h("div", { class: "map-side" },
        form(layers, filters, bounds, areaChoices, () => redraw()),
        basemapSettings(basemapStatus)),
      h("div", { class: "map-column" }, summary, container, lists),
    ),
  );

  let map: maplibregl.Map | null = null;
  try {
    map = new maplibregl.Map({
      container, style: style(), attributionControl: false, center: [38.5, 35], zoom: 5.5,
      // The map's own controls speak the chosen language too.
      locale: {
        "NavigationControl.ZoomIn": t("map.zoom_in"),
        "NavigationControl.ZoomOut": t("map.zoom_out"),
        "Popup.Close": t("map.close"),
        "Map.Title": t("map.title_control"),
      },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.keyboard.enable();
  } catch (e) {
    // No WebGL: the lists still show everything the map would.
    container.append(failure(e));
  }

  const redraw = () => {
    const shown = apply(layers, filters, within);
    draw(map, container, shown, bases, filters);
    replace(summary, t("map.summary", {
      sites: placed(shown.sites).length,
      incidents: placed(shown.incidents).length,
      movements: placed(shown.movements).length,
      findings: placed(shown.findings).length,
    }));
    replace(lists, ...listsOf(shown, known));
  };

  if (map) {
    const m = map;
    m.on("error", (e: maplibregl.ErrorEvent & { sourceId?: string }) => {
      // A base map that cannot be loaded is said beside its setting; the map goes on.
      if (e.sourceId === "basemap") failed();
      else console.error(e.error);
    });
    // `data-basemap` says whether the chosen base map drew ("loaded") or not ("failed").
    const failed = () => {
      basemapStatus.textContent = t("basemap.failed");
      container.setAttribute("data-basemap", "failed");
    };
    m.on("sourcedata", (e: maplibregl.MapSourceDataEvent) => {
      if (e.sourceId === "basemap" && e.isSourceLoaded && e.tile) container.setAttribute("data-basemap", "loaded");
    });
    m.on("load", () => {
      addBasemap(m, basemap()).catch(failed);
      redraw();
      fit(m, layers, bases);
      m.once("idle", () => container.setAttribute("data-ready", "true"));
    });
    for (const layer of ["sites-points", "incidents-points"]) {
      m.on("click", layer, (e: maplibregl.MapLayerMouseEvent) => popup(m, layer, e.features?.[0] as unknown as Feature | undefined, e.lngLat));
      m.on("mouseenter", layer, () => (m.getCanvas().style.cursor = "pointer"));
      m.on("mouseleave", layer, () => (m.getCanvas().style.cursor = ""));
    }
    for (const name of ["sites", "incidents"] as const) {
      m.on("click", `${name}-clusters`, async (e: maplibregl.MapLayerMouseEvent) => {
        const feature = e.features?.[0];
        if (!feature) return;
        const source = m.getSource(name) as maplibregl.GeoJSONSource;
        const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id);
        m.easeTo({ center: (feature.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
      });
    }
  } else {
    redraw();
    container.setAttribute("data-ready", "true");
  }
}

function draw(map: maplibregl.Map | null, container: HTMLElement, shown: Layers, bases: Area[], f: Filters): void {
  // Published incidents have no coordinates: counted on their governorate instead.
  const perGovernorate = new Map<string, number>();
  for (const i of shown.incidents) {
    const g = i.geometry === null ? i.properties.governorate?.id : null;
    if (g) perGovernorate.set(g, (perGovernorate.get(g) ?? 0) + 1);
  }
  const areaFeatures = f.layers.areas
    ? bases.filter((a) => a.boundary).map((a) => ({
        type: "Feature" as const, id: a.id, geometry: a.boundary!,
        properties: { id: a.id, level: a.level, count: perGovernorate.get(a.id) ?? 0 },
      }))
    : [];
  const data: Record<string, GeoJSON.FeatureCollection> = {
    areas: collection(areaFeatures),
    sites: collection(placed(shown.sites)),
    incidents: collection(placed(shown.incidents)),
    movements: collection(placed(shown.movements)),
    findings: collection(placed(shown.findings)),
  };
  for (const [name, fc] of Object.entries(data)) {
    (map?.getSource(name) as maplibregl.GeoJSONSource | undefined)?.setData(fc);
    if (name !== "areas") container.setAttribute(`data-${name}`, String(fc.features.length));
  }
}

function fit(map: maplibregl.Map, layers: Layers, bases: Area[]): void {
  const b = new maplibregl.LngLatBounds();
  const add = (g: GeoJSON.Geometry | null | undefined) => {
    if (!g) return;
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === "number") b.extend(c as [number, number]);
      else if (Array.isArray(c)) c.forEach(walk);
    };
    if ("coordinates" in g) walk(g.coordinates);
  };
  const points = [...placed(layers.sites), ...placed(layers.incidents), ...placed(layers.movements)];
  if (points.length) points.forEach((p) => add(p.geometry));
  else bases.filter((a) => a.level === "governorate").forEach((a) => add(a.boundary));
  if (!b.isEmpty()) map.fitBounds(b, { padding: 40, maxZoom: 13, duration: 0 });
}

function popup(map: maplibregl.Map, layer: string, f: Feature | undefined, at: maplibregl.LngLat): void {
  if (!f) return;
  const id = String(f.id ?? f.properties.id);
  const path = pageOf(layer, id);
  const kind = layer.startsWith("sites") ? term("site_kind", f.properties.kind) : term("incident_kind", f.properties.kind);
  const content = h("div", { class: "popup" },
    h("strong", {}, label(f)), h("br"), kind,
    path ? h("p", {}, link(path, t("map.open"))) : null,
  );
  new maplibregl.Popup({ closeButton: true }).setLngLat(at).setDOMContent(content).addTo(map);
}

function listsOf(shown: Layers, known: Map<string, Area>): HTMLElement[] {
  const incidents = [...shown.incidents].sort((a, b) => (incidentDays(a)?.[0] ?? "").localeCompare(incidentDays(b)?.[0] ?? ""));
  const unplaced = [...incidents, ...shown.sites].filter((x) => x.geometry === null).length;
  const perGovernorate = new Map<string, { name: string; count: number }>();
  for (const i of incidents) {
    const g = i.properties.governorate;
    if (i.geometry === null && g) {
      const entry = perGovernorate.get(g.id) ?? { name: nameOf(known, g.id, g.name), count: 0 };
      entry.count += 1;
      perGovernorate.set(g.id, entry);
    }
  }
  return [
    h("h2", {}, t("map.list")),
    unplaced ? h("p", {}, t("map.no_coordinates", { count: unplaced })) : null,
    perGovernorate.size
      ? h("section", {}, h("h3", {}, t("map.by_governorate")),
          table(["field.governorate", "layer.incidents"], [...perGovernorate.values()].map((g) => [g.name, num(g.count)]), { id: "by-governorate" }))
      : null,
    h("section", {}, h("h3", {}, t("layer.incidents")),
      table(["field.date", "field.incident", "field.kind", "field.certainty", "field.area"],
        incidents.map((i) => {
          const d = incidentDays(i);
          const p = i.properties;
          return [
            d ? span(d[0], d[1]) : "—",
            link(`/incidents/${encodeURIComponent(String(i.id))}`, label(i)),
            term("incident_kind", p.kind),
            term("certainty", p.certainty),
            nameOf(known, p.area ?? p.governorate?.id, p.governorate?.name),
          ];
        }), { id: "incident-list" })),
    h("section", {}, h("h3", {}, t("layer.sites")),
      table(["field.name", "field.kind", "field.status", "field.area"],
        shown.sites.map((s) => {
          const p = s.properties;
          const latest = Array.isArray(p.status) ? p.status[p.status.length - 1] : null;
          return [
            link(`/sites/${encodeURIComponent(String(s.id))}`, label(s)),
            term("site_kind", p.kind),
            latest ? `${term("status", latest.status)} (${date(latest.as_of)})` : p.status ? `${term("status", p.status)} (${date(p.status_as_of)})` : "—",
            nameOf(known, p.area ?? p.governorate?.id, p.governorate?.name),
          ];
        }), { id: "site-list" })),
  ].filter((x): x is HTMLElement => x !== null);
}

/** The base map setting (kept in this browser): none, a tile URL template or a PMTiles file. */
function basemapSettings(status: HTMLElement): HTMLElement {
  const chosen = basemap();
  const kinds: Basemap["kind"][] = ["none", "tiles", "pmtiles"];
  const radios = kinds.map((k) => h("input", {
    type: "radio", name: "basemap-kind", id: `basemap-${k}`, value: k, checked: chosen.kind === k,
  }));
  const url = h("input", {
    id: "basemap-url", name: "basemap-url", dir: "ltr", autocomplete: "off", "aria-describedby": "basemap-hint basemap-problem",
    value: chosen.kind === "none" ? "" : chosen.url,
  });
  const error = h("p", { id: "basemap-problem", class: "field-error error", "aria-live": "polite" });
  const save = h("button", { type: "submit", id: "basemap-save" }, t("basemap.save"));
  const form = h("form", { id: "basemap-settings", "aria-labelledby": "basemap-title" },
    h("fieldset", {}, h("legend", { id: "basemap-title" }, t("basemap.title")),
      ...radios.map((r) => h("div", { class: "check" }, r, h("label", { for: r.id }, t(`basemap.${r.value}`)))),
      h("div", { class: "field" }, h("label", { for: "basemap-url" }, t("basemap.url")), url),
      h("small", { id: "basemap-hint" }, t("basemap.hint")),
      error, save, status));
  if (chosen.kind !== "none" && elsewhere(chosen)) status.textContent = t("basemap.elsewhere");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const kind = (radios.find((r) => r.checked)?.value ?? "none") as Basemap["kind"];
    const next: Basemap = kind === "none" ? { kind } : { kind, url: url.value.trim() };
    const wrong = problem(next);
    url.toggleAttribute("aria-invalid", !!wrong);
    error.textContent = wrong ? t(wrong) : "";
    if (wrong) return url.focus();
    setBasemap(next);
    void render();
  });
  return h("details", { class: "basemap", open: chosen.kind !== "none" }, h("summary", {}, t("basemap.title")), form);
}
