// A base map under the boundaries, where a user has one: a tile URL template
// (`https://tiles.example.org/{z}/{x}/{y}.png`) or a PMTiles archive (`/tiles/syria.pmtiles`,
// which `vigil serve` serves from `web.tiles_dir`). The choice is kept in this browser
// (localStorage) and is off by default: the map then needs nothing but Vigil's own server.
//
// The page's Content-Security-Policy decides what it may load, and only the operator widens
// it (`web.tile_origins`): a template or archive on another origin works only once the
// server names that origin. A PMTiles archive on this server always may.

import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol, TileType } from "pmtiles";

export type Basemap = { kind: "none" } | { kind: "tiles"; url: string } | { kind: "pmtiles"; url: string };

const KEY = "vigil.basemap";
const NONE: Basemap = { kind: "none" };

/** The base map chosen in this browser; none when nothing (or nothing usable) is kept. */
export function basemap(): Basemap {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? "null");
    if ((kept?.kind === "tiles" || kept?.kind === "pmtiles") && typeof kept.url === "string" && kept.url) return kept;
  } catch {
    // A value this version cannot read: as if none were kept.
  }
  return NONE;
}

export function setBasemap(chosen: Basemap): void {
  if (chosen.kind === "none") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(chosen));
}

/** Why `chosen` cannot be used, as an i18n key; null when it can. */
export function problem(chosen: Basemap): string | null {
  if (chosen.kind === "none") return null;
  let url: URL;
  try {
    url = new URL(chosen.url.replace(/\{[xyz]\}/g, "0"), location.href);
  } catch {
    return "basemap.bad_url";
  }
  if (!["http:", "https:"].includes(url.protocol)) return "basemap.bad_url";
  if (chosen.kind === "tiles" && !["{z}", "{x}", "{y}"].every((p) => chosen.url.includes(p))) return "basemap.needs_zxy";
  if (chosen.kind === "pmtiles" && !url.pathname.endsWith(".pmtiles")) return "basemap.needs_pmtiles";
  return null;
}

/** Whether `chosen` is loaded from another origin than this server's. */
export function elsewhere(chosen: Basemap): boolean {
  if (chosen.kind === "none") return false;
  try {
    return new URL(chosen.url.replace(/\{[xyz]\}/g, "0"), location.href).origin !== location.origin;
  } catch {
    return false;
  }
}

let protocol: Protocol | null = null;

/** The layer the base map goes under: the first of Vigil's own above the background. */
const BELOW = "areas-fill";

/** Adds the chosen base map to `map` (whose style is loaded), under the boundaries, and lets
 *  it show through them. */
export async function addBasemap(map: maplibregl.Map, chosen: Basemap): Promise<void> {
  if (chosen.kind === "none" || problem(chosen)) return;
  if (chosen.kind === "tiles") {
    map.addSource("basemap", { type: "raster", tiles: [chosen.url], tileSize: 256 });
    map.addLayer({ id: "basemap", type: "raster", source: "basemap" }, BELOW);
  } else {
    if (!protocol) {
      protocol = new Protocol();
      maplibregl.addProtocol("pmtiles", protocol.tile);
    }
    const absolute = new URL(chosen.url, location.href).href;
    const archive = new PMTiles(absolute);
    protocol.add(archive);
    const header = await archive.getHeader();
    const url = `pmtiles://${absolute}`;
    if (header.tileType === TileType.Mvt) {
      // Vector tiles come with no style of their own: their polygons and lines are drawn
      // plainly, without labels (labels need glyphs, which would come from elsewhere).
      map.addSource("basemap", { type: "vector", url });
      const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] } | null;
      for (const layer of metadata?.vector_layers ?? []) {
        map.addLayer({
          id: `basemap-${layer.id}-fill`, type: "fill", source: "basemap", "source-layer": layer.id,
          filter: ["match", ["geometry-type"], ["Polygon", "MultiPolygon"], true, false],
          paint: { "fill-color": "#dde3ea", "fill-opacity": 0.7 },
        }, BELOW);
        map.addLayer({
          id: `basemap-${layer.id}-line`, type: "line", source: "basemap", "source-layer": layer.id,
          filter: ["match", ["geometry-type"], ["LineString", "MultiLineString"], true, false],
          paint: { "line-color": "#aab3bf", "line-width": 0.8 },
        }, BELOW);
      }
    } else {
      map.addSource("basemap", { type: "raster", url, tileSize: 256 });
      map.addLayer({ id: "basemap", type: "raster", source: "basemap" }, BELOW);
    }
  }
  // Boundaries without incidents stop hiding what lies under them.
  map.setPaintProperty(BELOW, "fill-opacity",
    ["case", [">", ["get", "count"], 0], ["min", 0.7, ["+", 0.15, ["*", 0.05, ["get", "count"]]]], 0]);
}
