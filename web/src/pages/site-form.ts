// Adding a site to the register, or changing one and adding to its status history
// (coordinators and admins). A new site is PUT with `If-None-Match: *`; a change sends back
// the ETag the site was read with (`If-Match`), so a change someone made since the form
// opened is refused (412) and said so, never overwritten. Each problem the server names is
// shown beside its field, and the site's page opens once it is stored.

import { ApiError, getTagged, send } from "../api";
import { h, replace } from "../dom";
import { errorSlots, problems, showProblems, type Problem } from "../form";
import { t, term } from "../i18n";
import { go, link } from "../router";
import { mayWriteRegister } from "../session";
import { failure, loading } from "../view";

// The API's vocabulary (openapi.json, SiteKind, SiteStatus, Sensitivity), in its order.
const KINDS = ["hospital", "clinic", "field_hospital", "ambulance_point", "civil_defence_centre", "school",
  "aid_warehouse", "water_station", "bakery", "camp", "cultural_property", "other"];
const STATUSES = ["functional", "partially_functional", "non_functional", "damaged", "destroyed"];
const SENSITIVITIES = ["public", "restricted"];

const SLOTS = ["id", "kind", "name", "operator", "point", "radius", "sensitivity", "status"];

/** Where a problem the server names by field is shown. */
function slot(field: string | null): string {
  if (!field) return "general";
  if (["id", "kind", "name", "operator", "sensitivity"].includes(field)) return field;
  if (field === "location.point" || field === "lat" || field === "lon" || field === "location") return "point";
  if (field.startsWith("location")) return "radius";
  if (field.startsWith("status")) return "status";
  return "general";
}

const number = (text: string): number | null => (text.trim() === "" ? null : Number(text));

/** `/sites/new` */
export function newSitePage(main: HTMLElement): Promise<void> {
  return siteForm(main, null);
}

/** `/sites/ID/edit` */
export function editSitePage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  return siteForm(main, id);
}

async function siteForm(main: HTMLElement, id: string | null): Promise<void> {
  const heading = h("h1", { id: "site-form-title" }, t(id ? "site_form.edit_heading" : "site_form.new_heading"));
  if (!mayWriteRegister()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("site_form.not_allowed")));
    return;
  }
  let site: any = null;
  let etag: string | null = null;
  if (id) {
    replace(main, heading, loading());
    try {
      ({ body: site, etag } = await getTagged<any>(`/api/sites/${encodeURIComponent(id)}`));
    } catch (e) {
      replace(main, heading, failure(e));
      return;
    }
  }
  const errors = errorSlots(SLOTS);
  const described = (s: string) => `err-${s}`;
  const input = (name: string, s: string, attrs: Record<string, string | boolean> = {}) =>
    h("input", { id: `s-${name}`, name, "aria-describedby": described(s), ...attrs });
  const select = (name: string, s: string, values: string[], group: string, chosen: string | null, empty?: string) =>
    h("select", { id: `s-${name}`, name, "aria-describedby": described(s) },
      empty !== undefined ? h("option", { value: "" }, empty) : null,
      ...values.map((v) => h("option", { value: v, selected: v === chosen }, term(group, v))));
  const field = (name: string, control: HTMLElement, error?: HTMLElement) =>
    h("div", { class: "field" }, h("label", { for: `s-${name}` }, t(`site_form.${name}`)), control, error ?? null);

  const point: [number, number] | null = site?.location?.point ?? null;
  const controls = {
    // Ids and numbers are written left to right in either language.
    id: input("id", "id", id
      ? { value: id, readonly: true, dir: "ltr" }
      : { required: true, autocomplete: "off", pattern: "[A-Za-z0-9._:-]+", dir: "ltr" }),
    kind: select("kind", "kind", KINDS, "site_kind", site?.kind ?? "hospital"),
    name: input("name", "name", { required: true, value: site?.name ?? "" }),
    operator: input("operator", "operator", { value: site?.operator ?? "" }),
    lon: input("lon", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr", value: point ? String(point[0]) : "" }),
    lat: input("lat", "point", { type: "number", step: "any", inputmode: "decimal", dir: "ltr", value: point ? String(point[1]) : "" }),
    radius: input("radius", "radius", { type: "number", min: "0", step: "1", dir: "ltr", value: String(site?.location?.radius_m ?? 0) }),
    sensitivity: select("sensitivity", "sensitivity", SENSITIVITIES, "sensitivity", site?.sensitivity ?? "public"),
    as_of: input("as_of", "status", { type: "date" }),
    status: select("status", "status", STATUSES, "status", null, t("site_form.no_status")),
    note: input("note", "status"),
  };
  const submit = h("button", { type: "submit", id: "save-site" }, t("site_form.submit"));
  const status = h("p", { role: "status", id: "form-status" });
  const form = h("form", { class: "site-form", "aria-labelledby": "site-form-title", novalidate: true },
    field("id", controls.id, errors.id),
    field("kind", controls.kind, errors.kind),
    field("name", controls.name, errors.name),
    field("operator", controls.operator, errors.operator),
    h("fieldset", {}, h("legend", {}, t("form.where")),
      field("lon", controls.lon), field("lat", controls.lat), errors.point,
      h("div", { class: "field" }, h("label", { for: "s-radius" }, t("site_form.radius")), controls.radius,
        h("small", { id: "hint-site-radius" }, t("site_form.radius_hint")), errors.radius)),
    field("sensitivity", controls.sensitivity, errors.sensitivity),
    h("fieldset", {}, h("legend", {}, t("site_form.new_status")),
      field("as_of", controls.as_of), field("status", controls.status), field("note", controls.note), errors.status),
    errors.general, submit, status);
  controls.radius.setAttribute("aria-describedby", "hint-site-radius err-radius");

  const show = (found: Problem[]) =>
    showProblems(Object.values(controls), errors, found, slot, t("form.required"));

  const body = () => {
    const radius = number(controls.radius.value) ?? 0;
    const lon = number(controls.lon.value), lat = number(controls.lat.value);
    const entry = controls.as_of.value || controls.status.value
      ? [{ as_of: controls.as_of.value, status: controls.status.value, note: controls.note.value.trim() || null }]
      : undefined;
    return {
      kind: controls.kind.value,
      name: controls.name.value.trim(),
      operator: controls.operator.value.trim() || null,
      location: {
        point: lon === null || lat === null ? null : [lon, lat],
        // The precision that goes with the radius: a point, or a point known to within N m.
        precision: radius === 0 ? "exact" : `${radius}m`,
        radius_m: radius,
      },
      sensitivity: controls.sensitivity.value,
      // Left out, the area follows the location: the finest stored area containing it.
      ...(entry ? { status: entry } : {}),
    };
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const siteId = controls.id.value.trim();
    const missing: Problem[] = [];
    if (!siteId) missing.push({ field: "id", message: "" });
    if (!controls.name.value.trim()) missing.push({ field: "name", message: "" });
    if ((controls.as_of.value === "") !== (controls.status.value === "")) missing.push({ field: "status", message: "" });
    if (missing.length) return show(missing);
    submit.disabled = true;
    status.textContent = t("site_form.saving");
    try {
      const precondition: Record<string, string> = id ? (etag ? { "If-Match": etag } : {}) : { "If-None-Match": "*" };
      await send("PUT", `/api/sites/${encodeURIComponent(siteId)}`, body(), precondition);
      go(`/sites/${encodeURIComponent(siteId)}`);
      return;
    } catch (e) {
      status.textContent = t("site_form.refused");
      // A change made by someone else since the form was read: said beside the form, with a
      // way to read the site again.
      if (id && e instanceof ApiError && e.status === 412) {
        show([{ field: null, message: t("site_form.conflict") }]);
        errors.general.append(" ", link(`/sites/${encodeURIComponent(id)}/edit`, t("site_form.reload"), { id: "reload-site" }));
      } else show(problems(e));
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, heading, form, h("p", {}, link(id ? `/sites/${encodeURIComponent(id)}` : "/", t(id ? "site_form.back" : "nav.map"))));
  (id ? controls.name : controls.id).focus();
}
