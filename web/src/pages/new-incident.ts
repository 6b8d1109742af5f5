// Filing an incident (monitors and admins): what happened, when, where, how sure, what was
// hit and the source's account it is built from. The server checks everything; each problem
// it names is shown beside its field (`aria-describedby`), and a filed incident's page opens.
// The server then refreshes the findings in the background, so a finding about a notified
// site appears moments later.

import { all } from "../api";
import { h, replace } from "../dom";
import { errorText } from "../errors";
import { t, term } from "../i18n";
import { errorSlots, showProblems } from "../form";
import { file, type FormValues, type Problem } from "../incident-form/submit";
import { go } from "../router";
import { mayFileIncidents } from "../session";
import { failure, loading } from "../view";

// The incident kinds and certainties of the API's vocabulary (openapi.json, IncidentKind and
// Certainty), in its order.
export const KINDS = ["airstrike", "shelling", "missile", "barrel_bomb", "explosion", "ground_attack", "armed_entry",
  "occupation", "looting", "arson", "demolition", "arrest", "abduction", "obstruction", "threat", "unknown", "other"];
export const CERTAINTIES = ["rumour", "possible", "probable", "confirmed"];

/** Where a problem the server names by field is shown. */
function slot(field: string | null): string {
  if (!field) return "general";
  if (field === "id") return "id";
  if (field === "kind" || field === "category") return "kind";
  if (field.startsWith("when")) return "when";
  if (field === "location.point" || field === "lat" || field === "lon") return "point";
  if (field.startsWith("location")) return "radius";
  if (field.startsWith("targets")) return "target";
  if (["certainty", "title", "description"].includes(field)) return field;
  if (field === "report.source") return "source";
  if (field.startsWith("report")) return "account";
  return "general";
}

const SLOTS = ["id", "kind", "when", "point", "radius", "certainty", "title", "target", "description", "source", "account"];

export async function newIncidentPage(main: HTMLElement): Promise<void> {
  const heading = h("h1", { id: "new-incident-title" }, t("form.heading"));
  if (!mayFileIncidents()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("form.not_allowed")));
    return;
  }
  replace(main, heading, loading());
  let sites: any[], sources: any[];
  try {
    [sites, sources] = await Promise.all([all<any>("/api/sites"), all<any>("/api/sources")]);
  } catch (e) {
    replace(main, heading, failure(e));
    return;
  }
  const errors = errorSlots(SLOTS);
  const described = (s: string, hint?: string) => [hint, `err-${s}`].filter(Boolean).join(" ");
  const input = (name: string, s: string, attrs: Record<string, string | boolean> = {}, hint?: string) =>
    h("input", { id: `i-${name}`, name, "aria-describedby": described(s, hint), ...attrs });
  const field = (name: string, s: string, control: HTMLElement, hint?: string) =>
    h("div", { class: "field" }, h("label", { for: `i-${name}` }, t(`form.${name}`)), control,
      hint ? h("small", { id: hint }, t(`form.${name}_hint`)) : null, s === name ? errors[s] : null);

  const controls = {
    // Ids and numbers are written left to right in either language.
    id: input("id", "id", { required: true, autocomplete: "off", pattern: "[A-Za-z0-9._:-]+", dir: "ltr" }, "hint-id"),
    kind: h("select", { id: "i-kind", name: "kind", "aria-describedby": described("kind") },
      ...KINDS.map((k) => h("option", { value: k }, term("incident_kind", k)))),
    start: input("start", "when", { type: "datetime-local", required: true }),
    end: input("end", "when", { type: "datetime-local" }, "hint-end"),
    lon: input("lon", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr" }),
    lat: input("lat", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr" }),
    radius: input("radius", "radius", { type: "number", min: "0", step: "1", value: "0", dir: "ltr" }, "hint-radius"),
    certainty: h("select", { id: "i-certainty", name: "certainty", "aria-describedby": described("certainty") },
      ...CERTAINTIES.map((c) => h("option", { value: c, selected: c === "probable" }, term("certainty", c)))),
    title: input("title", "title"),
    target: h("select", { id: "i-target", name: "target", "aria-describedby": described("target") },
      h("option", { value: "" }, t("form.no_target")),
      ...sites.map((s) => h("option", { value: s.id }, `${s.name ?? s.id} (${term("site_kind", s.kind)})`))),
    description: h("textarea", { id: "i-description", name: "description", rows: 3, "aria-describedby": described("description") }),
    source: h("select", { id: "i-source", name: "source", required: true, "aria-describedby": described("source") },
      h("option", { value: "" }, t("form.choose")),
      ...sources.map((s) => h("option", { value: s.id }, s.title ? `${s.title} (${s.id})` : s.id))),
    account: h("textarea", { id: "i-account", name: "account", rows: 3, required: true, "aria-describedby": described("account", "hint-account") }),
  };
  const submit = h("button", { type: "submit", id: "file-incident" }, t("form.submit"));
  const status = h("p", { role: "status", id: "form-status" });
  const form = h("form", { class: "incident-form", "aria-labelledby": "new-incident-title", novalidate: true },
    field("id", "id", controls.id, "hint-id"),
    field("kind", "kind", controls.kind),
    h("fieldset", {}, h("legend", {}, t("form.when")),
      field("start", "when", controls.start), field("end", "when", controls.end, "hint-end"), errors.when),
    h("fieldset", {}, h("legend", {}, t("form.where")),
      field("lon", "point", controls.lon), field("lat", "point", controls.lat), errors.point,
      field("radius", "radius", controls.radius, "hint-radius")),
    field("certainty", "certainty", controls.certainty),
    field("title", "title", controls.title),
    field("target", "target", controls.target),
    field("description", "description", controls.description),
    h("fieldset", {}, h("legend", {}, t("form.report")),
      field("source", "source", controls.source),
      field("account", "account", controls.account, "hint-account")),
    errors.general, submit, status);

  const show = (problems: Problem[]) =>
    showProblems(Object.values(controls), errors, problems, slot, t("form.required"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(controls).map(([k, el]) => [k, (el as HTMLInputElement).value])) as unknown as FormValues;
    // What the server cannot be asked without: an id for the address, a source and its account
    // for the report, a start time.
    const needed: [keyof FormValues, string][] = [["id", "id"], ["start", "when"], ["source", "report.source"], ["account", "report"]];
    const missing: Problem[] = needed.filter(([k]) => !values[k].trim()).map(([, field]) => ({ field, message: "" }));
    if (missing.length) return show(missing);
    submit.disabled = true;
    status.textContent = t("form.filing");
    try {
      const outcome = await file(values);
      if (outcome.ok) {
        go(`/incidents/${encodeURIComponent(outcome.id)}`);
        return;
      }
      status.textContent = t("form.refused");
      show(outcome.problems);
    } catch (e) {
      status.textContent = "";
      show([{ field: null, message: errorText(e) }]);
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, heading, h("p", {}, t("form.note")), form);
  controls.id.focus();
}
