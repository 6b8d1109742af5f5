// An incident's page: what GET /api/incidents/{id} gives the caller (the public: the
// published view, governorate and days, casualties as ranges, certainty; staff: place,
// description, attributions with their grades, reports and sources for those who may see
// them), then statements and findings where the role may read them. Staff roles also get the
// incident's evidence files with their hashes (from the dossier, which holds them) and a link
// to the printable dossier.

import { ApiError, allOrNone, get } from "../api";
import { areas, nameOf } from "../areas";
import { h, replace } from "../dom";
import { t, term } from "../i18n";
import { evidenceTable } from "../dossier/records";
import { dossierPath, type Dossier } from "../dossier/types";
import { link } from "../router";
import { isStaff, mayFileIncidents } from "../session";
import { failure, facts, loading, metres, range, section, span, table } from "../view";
import { findingsTable } from "./findings";

export async function incidentPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  replace(main, loading());
  try {
    const [incident, known] = await Promise.all([get<any>(`/api/incidents/${encodeURIComponent(id)}`), areas()]);
    const [statements, findings, dossier] = await Promise.all([
      allOrNone<any>(`/api/incidents/${encodeURIComponent(incident.id)}/statements`),
      allOrNone<any>(`/api/findings?incident=${encodeURIComponent(incident.id)}`),
      isStaff() ? dossierOrNone(incident.id) : null,
    ]);
    const when = incident.when ? span(incident.when.start, incident.when.end) : span(incident.date_from, incident.date_to);
    const targets: any[] = incident.targets ?? [];
    const sources: any[] = incident.sources ?? [];
    replace(main,
      h("article", { "data-incident": incident.id },
        h("p", { class: "eyebrow" }, t("incident.title"), " · ", term("category", incident.category)),
        dossier ? h("p", { class: "dossier-link" },
          link(`/incidents/${encodeURIComponent(incident.id)}/dossier`, t("dossier.link"), { id: "dossier-link" }),
          " — ", t("incident.dossier")) : null,
        h("h1", {}, incident.title ?? `${term("incident_kind", incident.kind)} · ${when}`),
        mayFileIncidents()
          ? h("p", {}, link(`/incidents/build?into=${encodeURIComponent(incident.id)}`, t("build.add_reports"), { class: "button", id: "add-reports" }))
          : null,
        facts([
          ["field.id", incident.id],
          ["field.when", when],
          ["field.kind", term("incident_kind", incident.kind)],
          ["field.category", term("category", incident.category)],
          ["field.certainty", term("certainty", incident.certainty)],
          ["field.damage", incident.damage ? term("damage", incident.damage) : null],
          ["field.weapon", incident.weapon],
          ["field.location", incident.location?.point ? `${incident.location.point[1]}, ${incident.location.point[0]}` : null],
          ["field.precision", incident.location ? `${incident.location.precision} (${metres(incident.location.radius_m)})` : null],
          ["field.area", incident.area ? nameOf(known, incident.area) : null],
          ["field.governorate", incident.governorate ? nameOf(known, incident.governorate.id, incident.governorate.name) : null],
          ["field.targets", targets.length
            ? h("ul", {}, ...targets.map((x) => h("li", {},
                x.site ? link(`/sites/${encodeURIComponent(x.site)}`, x.site) : x.movement ?? term("site_kind", x.kind))))
            : null],
        ]),
        incident.description ? h("p", { class: "description" }, incident.description) : null,
        section("incident.casualties", table(["field.group", "field.outcome", "field.range", "field.source"],
          (incident.casualties ?? []).map((c: any) => [term("group", c.group), term("outcome", c.outcome), range(c), c.source]),
          { id: "casualties" })),
        incident.attributions
          ? section("incident.attributions", table(["field.party", "field.grade", "field.sources"],
              incident.attributions.map((a: any) => [a.party, term("grade", a.grade), (a.sources ?? []).join(", ")])))
          : null,
        statements
          ? section("incident.statements", table(["field.made_on", "field.party", "field.kind", "field.summary"],
              statements.map((s) => [span(s.made_on, null), s.party, term("statement_kind", s.kind), s.summary])))
          : null,
        sources.length
          ? section("incident.sources", h("ul", {}, ...sources.map((s) => h("li", {},
              s.url ? h("a", { href: s.url, rel: "noreferrer noopener" }, s.title) : s.title,
              s.publisher ? ` — ${s.publisher}` : "",
              s.published_on ? ` (${span(s.published_on, null)})` : ""))))
          : null,
        dossier ? section("incident.evidence", evidenceTable(dossier.evidence)) : null,
        findings ? section("incident.findings", findingsTable(findings)) : null,
        h("p", {}, link("/", t("nav.map"))),
      ),
    );
  } catch (e) {
    replace(main, failure(e));
  }
}

/** The dossier, for its evidence; a role the API refuses it to (403) gets no evidence section
 *  and no link, whatever the page thought the role was. */
async function dossierOrNone(id: string): Promise<Dossier | null> {
  try {
    return await get<Dossier>(dossierPath(id));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
}
