// Filing an incident: the form's values as the body of PUT /api/incidents/{id} (created only:
// `If-None-Match: *`), and the report it is built from. The API wants every incident built
// from stored reports, and reports are immutable; so the incident is sent first, naming its
// report, and the report is stored only when the incident's one remaining problem is that
// report not existing yet. A form the domain refuses thus leaves nothing stored behind.

import { ApiError, send } from "../api";
import { problems, type Problem } from "../form";

export type { Problem };

export interface FormValues {
  id: string;
  kind: string;
  start: string;
  end: string;
  lon: string;
  lat: string;
  radius: string;
  certainty: string;
  title: string;
  target: string;
  description: string;
  source: string;
  account: string;
}

export type Outcome = { ok: true; id: string } | { ok: false; problems: Problem[] };

/** The report's id: the incident's, so a second try after a refusal reuses it. */
export const reportId = (incident: string) => `${incident}-report`;

/** A datetime-local value ("2016-10-05T03:00") read as UTC, as the form's labels say. */
function utcTime(local: string): string {
  return local.length === 16 ? `${local}:00Z` : `${local}Z`;
}

const number = (text: string): number | null => (text.trim() === "" ? null : Number(text));

export function incidentBody(v: FormValues): Record<string, unknown> {
  const radius = number(v.radius) ?? 0;
  const lon = number(v.lon), lat = number(v.lat);
  return {
    kind: v.kind,
    title: v.title.trim() || null,
    when: { start: utcTime(v.start), end: utcTime(v.end || v.start), precision: "exact" },
    location: {
      point: lon === null || lat === null ? null : [lon, lat],
      // The precision that goes with the radius: a point, or a point known to within N m.
      precision: radius === 0 ? "exact" : `${radius}m`,
      radius_m: radius,
    },
    certainty: v.certainty,
    targets: v.target ? [{ site: v.target }] : [],
    description: v.description.trim() || null,
    reports: [reportId(v.id)],
  };
}

/** Whether the refusal is only that the incident's report is not stored yet. */
function onlyMissingReport(e: unknown): boolean {
  return e instanceof ApiError && e.status === 422 && e.fields.length > 0
    && e.fields.every((f) => f.field === "report" || f.field === "reports");
}

async function putIncident(v: FormValues): Promise<void> {
  await send("PUT", `/api/incidents/${encodeURIComponent(v.id)}`, incidentBody(v), { "If-None-Match": "*" });
}

export async function file(v: FormValues): Promise<Outcome> {
  if (!v.id.trim()) return { ok: false, problems: [{ field: "id", message: "" }] };
  try {
    await putIncident(v);
    return { ok: true, id: v.id };
  } catch (e) {
    if (!onlyMissingReport(e)) return { ok: false, problems: problems(e) };
  }
  try {
    await send("PUT", `/api/reports/${encodeURIComponent(reportId(v.id))}`, {
      source: v.source,
      received_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      summary: v.account,
      content: { summary: v.account, filed_with: "the web interface's incident form" },
    });
  } catch (e) {
    // The report's problems belong beside the report's fields.
    return { ok: false, problems: problems(e).map((p) => ({ ...p, field: `report.${p.field ?? ""}` })) };
  }
  try {
    await putIncident(v);
    return { ok: true, id: v.id };
  } catch (e) {
    return { ok: false, problems: problems(e) };
  }
}
