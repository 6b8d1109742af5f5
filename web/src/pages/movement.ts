// A movement's page: what GET /api/movements/{id} gives the caller (the public: kind, name
// and days; staff: operator, route, corridor, window), then its notifications where the role
// may read them.

import { allOrNone, get } from "../api";
import { h, replace } from "../dom";
import { t, term } from "../i18n";
import { link } from "../router";
import { mayWriteRegister } from "../session";
import { failure, facts, loading, metres, section, span, table } from "../view";
import { notificationCard } from "./notifications";

export async function movementPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  replace(main, loading());
  try {
    const movement = await get<any>(`/api/movements/${encodeURIComponent(id)}`);
    const notifications = await allOrNone<any>(`/api/notifications?subject=${encodeURIComponent(`movement:${id}`)}`);
    const route: [number, number][] = Array.isArray(movement.route) ? movement.route : [];
    replace(main,
      h("article", { "data-movement": movement.id },
        h("p", { class: "eyebrow" }, t("movement.title"), " · ", term("movement_kind", movement.kind)),
        h("h1", {}, movement.name ?? movement.id),
        mayWriteRegister()
          ? h("p", {},
              link(`/movements/${encodeURIComponent(movement.id)}/edit`, t("site.edit"), { class: "button", id: "edit-movement" }), " ",
              link(`/movements/${encodeURIComponent(movement.id)}/notify`, t("site.notify"), { class: "button", id: "notify-movement" }))
          : null,
        facts([
          ["field.id", movement.id],
          ["field.kind", term("movement_kind", movement.kind)],
          ["field.operator", movement.operator],
          ["field.sensitivity", movement.sensitivity ? term("sensitivity", movement.sensitivity) : null],
          ["movement.window", movement.window ? span(movement.window.start, movement.window.end)
            : span(movement.date_from, movement.date_to)],
          ["movement.corridor", metres(movement.corridor_width_m)],
        ]),
        route.length
          ? section("movement.route", table(["movement.lon", "movement.lat"], route.map(([lon, lat]) => [String(lon), String(lat)])))
          : null,
        notifications ? section("site.notifications", ...notifications.map((n) => notificationCard(n))) : null,
        h("p", {}, link("/", t("nav.map"))),
      ),
    );
  } catch (e) {
    replace(main, failure(e));
  }
}
