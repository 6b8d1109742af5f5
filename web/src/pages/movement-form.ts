// Registering a humanitarian movement (coordinators and admins): name, kind, operator, the
// planned route as one "lon, lat" point per line, the corridor's width, the window it is to
// be on the road and its sensitivity. It is PUT with `If-None-Match: *`; each problem the
// server names is shown beside its field, and the movement's page opens.

import { ApiError, getTagged, send } from "../api";
import { h, replace } from "../dom";
import { errorSlots, problems, showProblems, type Problem } from "../form";
import { t, term } from "../i18n";
import { go, link } from "../router";
import { mayWriteRegister } from "../session";
import { failure, loading } from "../view";

// The API's vocabulary (openapi.json, MovementKind, TimePrecision, Sensitivity).
const KINDS = ["convoy", "medical_evacuation", "other"];
const PRECISIONS = ["exact", "day"];
const SENSITIVITIES = ["public", "restricted"];
const SLOTS = ["id", "kind", "name", "operator", "route", "corridor", "window", "sensitivity"];

function slot(field: string | null): string {
  if (!field) return "general";
  if (field.startsWith("route")) return "route";
  if (field.startsWith("corridor")) return "corridor";
  if (field.startsWith("window")) return "window";
  if (["id", "kind", "name", "operator", "sensitivity"].includes(field)) return field;
  return "general";
}

/** The route's lines as [lon, lat] pairs; the first line that is not one, by number. */
export function parseRoute(text: string): { points: [number, number][]; bad: number | null } {
  const points: [number, number][] = [];
  const lines = text.split("\n").map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    const parts = lines[i].split(/[,\s]+/).filter(Boolean).map(Number);
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return { points, bad: i + 1 };
    points.push([parts[0], parts[1]]);
  }
  return { points, bad: null };
}

const utcTime = (local: string) => (local.length === 16 ? `${local}:00Z` : `${local}Z`);

/** `/movements/new` */
export function newMovementPage(main: HTMLElement): Promise<void> {
  return movementForm(main, null);
}

/** `/movements/ID/edit`: the form filled with the movement as `GET /api/movements/ID` gives it,
 *  sent back with its ETag (`If-Match`), so a change made since is refused, not overwritten. */
export function editMovementPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  return movementForm(main, id);
}

async function movementForm(main: HTMLElement, editing: string | null): Promise<void> {
  const heading = h("h1", { id: "movement-form-title" }, t(editing ? "movement_form.edit_heading" : "movement_form.heading"));
  if (!mayWriteRegister()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("movement_form.not_allowed")));
    return;
  }
  let stored: any = null;
  let etag: string | null = null;
  if (editing) {
    replace(main, heading, loading());
    try {
      ({ body: stored, etag } = await getTagged<any>(`/api/movements/${encodeURIComponent(editing)}`));
    } catch (e) {
      replace(main, heading, failure(e));
      return;
    }
  }
  const local = (time: string | null | undefined) => (time ? time.slice(0, 16) : "");
  const route0: [number, number][] = Array.isArray(stored?.route) ? stored.route : [];
  const errors = errorSlots(SLOTS);
  const input = (name: string, s: string, attrs: Record<string, string | boolean> = {}) =>
    h("input", { id: `m-${name}`, name, "aria-describedby": `err-${s}`, ...attrs });
  const select = (name: string, values: string[], group: string, chosen: string | undefined) =>
    h("select", { id: `m-${name}`, name, "aria-describedby": `err-${name === "precision" ? "window" : name}` },
      ...values.map((v) => h("option", { value: v, selected: v === chosen }, term(group, v))));
  const field = (name: string, control: HTMLElement, error?: HTMLElement | null, hint?: HTMLElement) =>
    h("div", { class: "field" }, h("label", { for: `m-${name}` }, t(`movement_form.${name}`)), control, hint ?? null, error ?? null);

  const controls = {
    id: input("id", "id", editing
      ? { value: editing, readonly: true, dir: "ltr" }
      : { required: true, autocomplete: "off", pattern: "[A-Za-z0-9._:-]+", dir: "ltr" }),
    kind: select("kind", KINDS, "movement_kind", stored?.kind ?? "convoy"),
    name: input("name", "name", { required: true, value: stored?.name ?? "" }),
    operator: input("operator", "operator", { value: stored?.operator ?? "" }),
    route: h("textarea", { id: "m-route", name: "route", rows: 4, dir: "ltr", "aria-describedby": "hint-route err-route" },
      route0.map(([lon, lat]) => `${lon}, ${lat}`).join("\n")),
    corridor: input("corridor", "corridor", { type: "number", min: "1", step: "1", value: String(stored?.corridor_width_m ?? 500), dir: "ltr" }),
    start: input("start", "window", { type: "datetime-local", required: true, value: local(stored?.window?.start) }),
    end: input("end", "window", { type: "datetime-local", required: true, value: local(stored?.window?.end) }),
    precision: select("precision", PRECISIONS, "time_precision", stored?.window?.precision ?? "exact"),
    sensitivity: select("sensitivity", SENSITIVITIES, "sensitivity", stored?.sensitivity ?? "restricted"),
  };
  const submit = h("button", { type: "submit", id: "save-movement" }, t("movement_form.submit"));
  const status = h("p", { role: "status", id: "form-status" });
  const form = h("form", { class: "movement-form", "aria-labelledby": "movement-form-title", novalidate: true },
    field("id", controls.id, errors.id),
    field("kind", controls.kind, errors.kind),
    field("name", controls.name, errors.name),
    field("operator", controls.operator, errors.operator),
    field("route", controls.route, errors.route, h("small", { id: "hint-route" }, t("movement_form.route_hint"))),
    field("corridor", controls.corridor, errors.corridor),
    h("fieldset", {}, h("legend", {}, t("movement_form.window")),
      field("start", controls.start), field("end", controls.end), field("precision", controls.precision), errors.window),
    field("sensitivity", controls.sensitivity, errors.sensitivity),
    errors.general, submit, status);

  const show = (found: Problem[]) => showProblems(Object.values(controls), errors, found, slot, t("form.required"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = controls.id.value.trim();
    const route = parseRoute(controls.route.value);
    const missing: Problem[] = [];
    if (!id) missing.push({ field: "id", message: "" });
    if (!controls.name.value.trim()) missing.push({ field: "name", message: "" });
    if (route.bad !== null) missing.push({ field: "route", message: t("movement_form.bad_line", { line: route.bad }) });
    if (!controls.start.value || !controls.end.value) missing.push({ field: "window", message: "" });
    if (missing.length) return show(missing);
    submit.disabled = true;
    status.textContent = t("site_form.saving");
    try {
      await send("PUT", `/api/movements/${encodeURIComponent(id)}`, {
        kind: controls.kind.value,
        name: controls.name.value.trim(),
        operator: controls.operator.value.trim() || null,
        route: route.points,
        corridor_width_m: Number(controls.corridor.value || 0),
        window: { start: utcTime(controls.start.value), end: utcTime(controls.end.value), precision: controls.precision.value },
        sensitivity: controls.sensitivity.value,
        // Kept as stored for the roles that see it.
        ...(stored?.source ? { source: stored.source } : {}),
      }, editing ? (etag ? { "If-Match": etag } : {}) : { "If-None-Match": "*" });
      go(`/movements/${encodeURIComponent(id)}`);
      return;
    } catch (e) {
      status.textContent = t("site_form.refused");
      if (editing && e instanceof ApiError && e.status === 412) {
        show([{ field: null, message: t("movement_form.conflict") }]);
        errors.general.append(" ", link(`/movements/${encodeURIComponent(editing)}/edit`, t("site_form.reload"), { id: "reload-movement" }));
      } else show(problems(e));
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, heading, form,
    editing ? h("p", {}, link(`/movements/${encodeURIComponent(editing)}`, t("movement_form.back"))) : null);
  (editing ? controls.name : controls.id).focus();
}
