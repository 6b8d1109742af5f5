// The map's records as the OGC API – Features layers give them to the caller (GeoJSON, with
// `geometry: null` where the caller's view has no coordinates), every page followed. A layer
// the role may not read (findings for the public) is simply absent.

import { ApiError, get } from "../api";

export type Feature = GeoJSON.Feature<GeoJSON.Geometry | null, Record<string, any>> & { id: string };

interface Page {
  features: Feature[];
  links?: { rel: string; href: string }[];
}

export interface Layers {
  sites: Feature[];
  incidents: Feature[];
  movements: Feature[];
  findings: Feature[] | null;
}

async function collection(name: string): Promise<Feature[] | null> {
  const out: Feature[] = [];
  let next: string | null = `/ogc/collections/${name}/items?limit=1000`;
  try {
    while (next) {
      const page: Page = await get<Page>(next);
      out.push(...page.features);
      const href = page.links?.find((l) => l.rel === "next")?.href;
      // The server's links are absolute; fetch them on this origin whatever host they name.
      next = href ? new URL(href).pathname + new URL(href).search : null;
    }
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
    throw e;
  }
  return out;
}

export async function load(): Promise<Layers> {
  const [sites, incidents, movements, findings] = await Promise.all(
    ["sites", "incidents", "movements", "findings"].map(collection),
  );
  return { sites: sites ?? [], incidents: incidents ?? [], movements: movements ?? [], findings };
}

/** An incident's first and last day (`YYYY-MM-DD`), from the full view's `when` or the
 *  published view's `date_from`/`date_to`. */
export function incidentDays(f: Feature): [string, string] | null {
  const p = f.properties;
  const start: string | undefined = p.when?.start ?? p.date_from;
  const end: string | undefined = p.when?.end ?? p.date_to ?? start;
  return start ? [start.slice(0, 10), (end ?? start).slice(0, 10)] : null;
}

/** A movement's window as days. */
export function movementDays(f: Feature): [string, string] | null {
  const w = f.properties.window;
  const start: string | undefined = w?.start ?? f.properties.date_from;
  const end: string | undefined = w?.end ?? f.properties.date_to ?? start;
  return start ? [start.slice(0, 10), (end ?? start).slice(0, 10)] : null;
}
