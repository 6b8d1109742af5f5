// Building an incident from reports, or adding reports to a stored one (monitors and admins):
// the reports are picked from those the incidents already name, typed by id, or filed here
// (a source and its account). Before anything is saved the server is asked which stored
// incidents the cross-check would take for the same event (POST /api/incidents/{id}/duplicates),
// and they are shown, each linked to its page; saving with candidates shown takes a second,
// deliberate press. A new incident is PUT with `If-None-Match: *`; a merge sends the stored
// incident back with the extra reports named and its ETag in `If-Match` (an incident's
// reports only grow). Each problem the server names is shown beside its field.

import { ApiError, all, getTagged, send } from "../api";
import { h, replace } from "../dom";
import { errorText } from "../errors";
import { errorSlots, problems, showProblems, type Problem } from "../form";
import { t, term } from "../i18n";
import { go, link } from "../router";
import { mayFileIncidents } from "../session";
import { failure, loading, metres } from "../view";
import { CERTAINTIES, KINDS } from "./new-incident";

const SLOTS = ["mode", "into", "reports", "new_report", "id", "kind", "when", "point", "radius", "certainty", "title", "description"];

/** Where a problem the server names by field is shown. */
function slot(field: string | null): string {
  if (!field) return "general";
  if (field === "id") return "id";
  if (field === "kind" || field === "category") return "kind";
  if (field.startsWith("when")) return "when";
  if (field === "location.point" || field === "lat" || field === "lon") return "point";
  if (field.startsWith("location")) return "radius";
  if (["certainty", "title", "description"].includes(field)) return field;
  if (field === "report" || field.startsWith("reports")) return "reports";
  if (field.startsWith("new_report")) return "new_report";
  if (field === "into") return "into";
  return "general";
}

/** The fields `PUT /api/incidents/{id}` takes (the view's others are left out). */
const INCIDENT_FIELDS = ["title", "kind", "when", "location", "area", "weapon", "targets", "damage", "certainty",
  "casualties", "attributions", "description", "reports"];

const utcTime = (local: string) => (local.length === 16 ? `${local}:00Z` : `${local}Z`);
const number = (text: string): number | null => (text.trim() === "" ? null : Number(text));
const stamp = () => new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);

/** The other incident of a duplicate candidate found for `id`. */
export function otherIncident(f: any, id: string): string {
  return f.incident === id ? f.subject?.id : f.incident;
}

/** `/incidents/build` (`?into=ID` starts with that incident chosen to add reports to). */
export async function buildIncidentPage(main: HTMLElement): Promise<void> {
  const heading = h("h1", { id: "build-title" }, t("build.heading"));
  if (!mayFileIncidents()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("form.not_allowed")));
    return;
  }
  replace(main, heading, loading());
  let incidents: any[], sources: any[];
  try {
    [incidents, sources] = await Promise.all([all<any>("/api/incidents"), all<any>("/api/sources")]);
  } catch (e) {
    replace(main, heading, failure(e));
    return;
  }
  const asked = new URLSearchParams(location.search).get("into") ?? "";
  const errors = errorSlots(SLOTS);
  const input = (name: string, s: string, attrs: Record<string, string | boolean> = {}) =>
    h("input", { id: `b-${name}`, name, "aria-describedby": `err-${s}`, ...attrs });
  const field = (name: string, control: HTMLElement, label = t(`form.${name}`)) =>
    h("div", { class: "field" }, h("label", { for: `b-${name}` }, label), control);

  // Every report the incidents name, with the incident it is in.
  const reports: { id: string; incident: string }[] = [];
  for (const i of incidents) for (const r of i.reports ?? []) reports.push({ id: r, incident: i.id });
  reports.sort((a, b) => a.id.localeCompare(b.id));

  const modeNew = h("input", { type: "radio", id: "b-mode-new", name: "mode", value: "new", checked: !asked });
  const modeMerge = h("input", { type: "radio", id: "b-mode-merge", name: "mode", value: "merge", checked: !!asked });
  const into = h("select", { id: "b-into", name: "into", "aria-describedby": "err-into" },
    h("option", { value: "" }, t("form.choose")),
    ...incidents.map((i) => h("option", { value: i.id, selected: i.id === asked },
      `${i.id} — ${i.title ?? term("incident_kind", i.kind)}`)));
  const boxes = reports.map((r) => h("input", {
    type: "checkbox", id: `b-report-${r.id}`, name: "report", value: r.id, "data-incident": r.incident,
    "aria-describedby": "err-reports",
  }));
  const controls = {
    others: input("others", "reports", { autocomplete: "off", dir: "ltr" }),
    new_source: h("select", { id: "b-new_source", name: "new_source", "aria-describedby": "err-new_report" },
      h("option", { value: "" }, t("build.no_new_report")),
      ...sources.map((s) => h("option", { value: s.id }, s.title ? `${s.title} (${s.id})` : s.id))),
    new_account: h("textarea", { id: "b-new_account", name: "new_account", rows: 3, "aria-describedby": "err-new_report" }),
    id: input("id", "id", { autocomplete: "off", pattern: "[A-Za-z0-9._:-]+", dir: "ltr" }),
    kind: h("select", { id: "b-kind", name: "kind", "aria-describedby": "err-kind" },
      ...KINDS.map((k) => h("option", { value: k }, term("incident_kind", k)))),
    start: input("start", "when", { type: "datetime-local" }),
    end: input("end", "when", { type: "datetime-local" }),
    lon: input("lon", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr" }),
    lat: input("lat", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr" }),
    radius: input("radius", "radius", { type: "number", min: "0", step: "1", value: "0", dir: "ltr" }),
    certainty: h("select", { id: "b-certainty", name: "certainty", "aria-describedby": "err-certainty" },
      ...CERTAINTIES.map((c) => h("option", { value: c, selected: c === "probable" }, term("certainty", c)))),
    title: input("title", "title"),
    description: h("textarea", { id: "b-description", name: "description", rows: 3, "aria-describedby": "err-description" }),
  };
  const newFields = h("fieldset", { id: "b-new-fields" }, h("legend", {}, t("build.new_incident")),
    field("id", controls.id), errors.id,
    field("kind", controls.kind), errors.kind,
    field("start", controls.start), field("end", controls.end, t("form.end")), errors.when,
    field("lon", controls.lon), field("lat", controls.lat), errors.point,
    field("radius", controls.radius), errors.radius,
    field("certainty", controls.certainty), errors.certainty,
    field("title", controls.title), errors.title,
    field("description", controls.description), errors.description);
  const candidates = h("section", { id: "duplicates", "aria-live": "polite" });
  const check = h("button", { type: "button", id: "check-duplicates" }, t("build.check"));
  const submit = h("button", { type: "submit", id: "save-built" }, t("build.save"));
  const status = h("p", { role: "status", id: "form-status" });
  const form = h("form", { class: "incident-form", "aria-labelledby": "build-title", novalidate: true },
    h("fieldset", {}, h("legend", {}, t("build.mode")),
      h("div", { class: "check mode" }, modeNew, h("label", { for: "b-mode-new" }, t("build.mode_new"))),
      h("div", { class: "check mode" }, modeMerge, h("label", { for: "b-mode-merge" }, t("build.mode_merge"))),
      field("into", into, t("build.into")), errors.into),
    h("fieldset", { class: "reports" }, h("legend", {}, t("build.reports")),
      reports.length
        ? h("div", { class: "report-list" }, ...boxes.map((box) => h("div", { class: "check" }, box,
            h("label", { for: box.id }, h("bdi", { dir: "ltr" }, box.value), " — ",
              t("build.in_incident"), " ", h("bdi", { dir: "ltr" }, box.dataset.incident ?? "")))))
        : h("p", { class: "empty" }, t("none")),
      field("others", controls.others, t("build.others")), errors.reports),
    h("fieldset", {}, h("legend", {}, t("build.new_report")),
      field("new_source", controls.new_source, t("form.source")),
      field("new_account", controls.new_account, t("form.account")), errors.new_report),
    newFields,
    candidates,
    errors.general, h("div", { class: "buttons" }, check, submit), status);

  const allControls = [modeNew, modeMerge, into, ...boxes, ...Object.values(controls)];
  const show = (found: Problem[]) => showProblems(allControls, errors, found, slot, t("form.required"));
  const merging = () => modeMerge.checked;
  const syncMode = () => {
    newFields.hidden = merging();
    into.disabled = !merging();
  };
  modeNew.addEventListener("change", syncMode);
  modeMerge.addEventListener("change", syncMode);
  syncMode();

  let newReportId: string | null = null;
  /** The reports chosen, the one filed here last. */
  const chosenReports = (target: string): string[] => {
    const ids = [...boxes.filter((b) => b.checked).map((b) => b.value),
      ...controls.others.value.split(",").map((r) => r.trim()).filter(Boolean)];
    if (controls.new_source.value) {
      newReportId ??= `${target}-report-${stamp()}`;
      ids.push(newReportId);
    }
    return [...new Set(ids)];
  };

  /** The incident to write: its id, body and precondition; or the problems found first. */
  const draft = async (): Promise<{ id: string; body: any; precondition: Record<string, string> } | Problem[]> => {
    const missing: Problem[] = [];
    if (controls.new_source.value && !controls.new_account.value.trim()) missing.push({ field: "new_report", message: "" });
    if (merging()) {
      if (!into.value) return [{ field: "into", message: "" }, ...missing];
      const { body: stored, etag } = await getTagged<any>(`/api/incidents/${encodeURIComponent(into.value)}`);
      const reports = chosenReports(into.value);
      const extra = reports.filter((r) => !(stored.reports ?? []).includes(r));
      if (!extra.length) missing.push({ field: "reports", message: t("build.no_new_reports") });
      if (missing.length) return missing;
      const body: any = Object.fromEntries(INCIDENT_FIELDS.filter((k) => k in stored).map((k) => [k, stored[k]]));
      body.reports = [...(stored.reports ?? []), ...extra];
      return { id: into.value, body, precondition: etag ? { "If-Match": etag } : {} };
    }
    const id = controls.id.value.trim();
    if (!id) missing.push({ field: "id", message: "" });
    if (!controls.start.value) missing.push({ field: "when", message: "" });
    const reports = chosenReports(id);
    if (!reports.length) missing.push({ field: "reports", message: "" });
    if (missing.length) return missing;
    const radius = number(controls.radius.value) ?? 0;
    const lon = number(controls.lon.value), lat = number(controls.lat.value);
    return {
      id,
      body: {
        kind: controls.kind.value,
        title: controls.title.value.trim() || null,
        when: { start: utcTime(controls.start.value), end: utcTime(controls.end.value || controls.start.value), precision: "exact" },
        location: {
          point: lon === null || lat === null ? null : [lon, lat],
          precision: radius === 0 ? "exact" : `${radius}m`,
          radius_m: radius,
        },
        certainty: controls.certainty.value,
        targets: [],
        description: controls.description.value.trim() || null,
        reports,
      },
      precondition: { "If-None-Match": "*" },
    };
  };

  /** The candidates of `d`, shown; the body they were found for is remembered. */
  let checkedFor: string | null = null;
  let found: any[] = [];
  const showCandidates = async (d: { id: string; body: any }): Promise<boolean> => {
    status.textContent = t("build.checking");
    try {
      const answer = await send<{ items: any[] }>("POST", `/api/incidents/${encodeURIComponent(d.id)}/duplicates`, d.body);
      found = answer.items;
    } catch (e) {
      status.textContent = t("site_form.refused");
      show(problems(e));
      return false;
    }
    checkedFor = JSON.stringify(d);
    show([]);
    replace(candidates, h("h2", {}, t("build.candidates")),
      found.length
        ? h("ul", { class: "candidates" }, ...found.map((f) => {
            const other = otherIncident(f, d.id);
            return h("li", { "data-candidate": other },
              link(`/incidents/${encodeURIComponent(other)}`, other, { target: "_blank" }), " — ",
              t("build.score", { score: Math.round((f.score ?? 0) * 100) }), ", ", metres(f.distance_m) ?? "—", ". ",
              h("span", { class: "explanation" }, f.explanation));
          }))
        : h("p", { id: "no-duplicates" }, t("build.no_candidates")));
    status.textContent = found.length ? t("build.review", { count: found.length }) : t("build.none_found");
    return true;
  };

  check.addEventListener("click", async () => {
    const d = await draft().catch((e) => [{ field: null, message: errorText(e) }] as Problem[]);
    if (Array.isArray(d)) return show(d);
    check.disabled = true;
    await showCandidates(d);
    check.disabled = false;
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const d = await draft();
      if (Array.isArray(d)) return show(d);
      // The candidates are shown before anything is saved; with some shown for exactly this
      // incident, a second press saves.
      if (checkedFor !== JSON.stringify(d)) {
        if (!(await showCandidates(d))) return;
        if (found.length) {
          submit.textContent = t("build.save_anyway");
          return;
        }
      }
      status.textContent = t("form.filing");
      const outcome = await save(d);
      if (outcome === true) {
        go(`/incidents/${encodeURIComponent(d.id)}`);
        return;
      }
      status.textContent = t("site_form.refused");
      show(outcome);
    } catch (e) {
      status.textContent = t("site_form.refused");
      show(problems(e));
    } finally {
      submit.disabled = false;
    }
  });

  /** Writes the incident; a report filed here is stored only once the incident's one remaining
   *  problem is that it does not exist yet, so a refused form leaves nothing behind. */
  const save = async (d: { id: string; body: any; precondition: Record<string, string> }): Promise<true | Problem[]> => {
    const put = () => send("PUT", `/api/incidents/${encodeURIComponent(d.id)}`, d.body, d.precondition);
    try {
      await put();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) return [{ field: merging() ? "into" : "id", message: merging() ? t("build.conflict") : errorText(e) }];
      const onlyReport = e instanceof ApiError && e.status === 422 && e.fields.length > 0
        && e.fields.every((f) => f.field === "report" || f.field === "reports");
      if (!onlyReport || !newReportId || !controls.new_source.value) return problems(e);
    }
    try {
      await send("PUT", `/api/reports/${encodeURIComponent(newReportId)}`, {
        source: controls.new_source.value,
        received_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        summary: controls.new_account.value.trim(),
        content: { summary: controls.new_account.value.trim(), filed_with: "the web interface's build form" },
      });
    } catch (e) {
      return problems(e).map((p) => ({ ...p, field: "new_report" }));
    }
    try {
      await put();
      return true;
    } catch (e) {
      return problems(e);
    }
  };

  // Any change after a check asks for a new one before saving.
  form.addEventListener("input", () => {
    if (checkedFor !== null) submit.textContent = t("build.save");
  });
  replace(main, heading, h("p", {}, t("build.note")), form);
  (asked ? boxes[0] ?? controls.others : modeNew).focus();
}
