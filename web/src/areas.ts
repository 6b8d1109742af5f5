// The areas the caller may see (GET /api/areas), once per session state: their names in both
// languages for labels, and on the map their boundaries (GET /api/areas/{id}).

import { all, get } from "./api";
import { areaName } from "./i18n";

export interface Area {
  id: string;
  level: string;
  pcode: string | null;
  name_en: string;
  name_ar: string | null;
  parent: string | null;
  boundary?: GeoJSON.Geometry | null;
}

let cache: Promise<Map<string, Area>> | null = null;

export function forget(): void {
  cache = null;
}

export function areas(): Promise<Map<string, Area>> {
  cache ??= all<Area>("/api/areas").then((list) => new Map(list.map((a) => [a.id, a])));
  return cache;
}

/** The area's name in the chosen language; `fallback` (the API's own label) when the
 *  caller cannot see the area record. */
export function nameOf(known: Map<string, Area>, id: string | null | undefined, fallback?: string): string {
  if (!id) return fallback ?? "—";
  const area = known.get(id);
  return area ? areaName(area) : (fallback ?? id);
}

/** The boundaries of the areas at `levels`, fetched a few at a time. */
export async function boundaries(known: Map<string, Area>, levels: string[]): Promise<Area[]> {
  const wanted = [...known.values()].filter((a) => levels.includes(a.level));
  const out: Area[] = [];
  const queue = [...wanted];
  const worker = async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      out.push(await get<Area>(`/api/areas/${encodeURIComponent(a.id)}`));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}
