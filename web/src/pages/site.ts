// A site's page: what GET /api/sites/{id} gives the caller (the public: kind, name, latest
// status and governorate; staff: location, operator, status history with sources,
// capacity), then, where the role may read them, its notifications with their
// acknowledgements and the findings about it (incidents within reach).

import { allOrNone, get } from "../api";
import { areas, nameOf } from "../areas";
import { h, replace } from "../dom";
import { date, t, term } from "../i18n";
import { link } from "../router";
import { mayWriteRegister } from "../session";
import { failure, facts, loading, metres, section, table } from "../view";
import { findingsTable } from "./findings";
import { notificationCard } from "./notifications";

export async function sitePage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  replace(main, loading());
  try {
    const [site, known] = await Promise.all([get<any>(`/api/sites/${encodeURIComponent(id)}`), areas()]);
    const subject = encodeURIComponent(`site:${id}`);
    const [notifications, findings] = await Promise.all([
      allOrNone<any>(`/api/notifications?subject=${subject}`),
      allOrNone<any>(`/api/findings?site=${encodeURIComponent(id)}`),
    ]);
    const history: any[] = Array.isArray(site.status) ? site.status : [];
    replace(main,
      h("article", { "data-site": site.id },
        h("p", { class: "eyebrow" }, t("site.title"), " · ", term("site_kind", site.kind)),
        h("h1", {}, site.name ?? site.id),
        mayWriteRegister()
          ? h("p", {}, link(`/sites/${encodeURIComponent(site.id)}/edit`, t("site.edit"), { class: "button", id: "edit-site" }),
              " ", link(`/sites/${encodeURIComponent(site.id)}/notify`, t("site.notify"), { class: "button", id: "notify-site" }))
          : null,
        facts([
          ["field.id", site.id],
          ["field.kind", term("site_kind", site.kind)],
          ["field.operator", site.operator],
          ["field.sensitivity", site.sensitivity ? term("sensitivity", site.sensitivity) : null],
          ["field.location", site.location?.point ? `${site.location.point[1]}, ${site.location.point[0]}` : null],
          ["field.precision", site.location ? `${site.location.precision} (${metres(site.location.radius_m)})` : null],
          ["field.area", site.area ? nameOf(known, site.area) : null],
          ["field.governorate", site.governorate ? nameOf(known, site.governorate.id, site.governorate.name) : null],
          ["field.status", typeof site.status === "string" ? `${term("status", site.status)} (${date(site.status_as_of)})` : null],
        ]),
        history.length
          ? section("site.status_history", table(["field.as_of", "field.status", "field.note", "field.source"],
              history.map((s) => [date(s.as_of), term("status", s.status), s.note, s.source])))
          : null,
        Array.isArray(site.capacity) && site.capacity.length
          ? section("field.capacity", table(["field.as_of", "field.metric", "field.value", "field.source"],
              site.capacity.map((c: any) => [date(c.as_of), c.metric, c.value, c.source])))
          : null,
        notifications ? section("site.notifications", ...notifications.map((n) => notificationCard(n))) : null,
        findings ? section("site.findings", findingsTable(findings)) : null,
        h("p", {}, link("/", t("nav.map"))),
      ),
    );
  } catch (e) {
    replace(main, failure(e));
  }
}
