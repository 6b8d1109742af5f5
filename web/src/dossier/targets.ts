// "What was hit, and what its attackers had been told": each site or movement the incident
// names or a finding places within reach, with every notification version (the payload's
// SHA-256 in full, when sent and how long before, to whom, valid, in force) and each party's
// acknowledgement, placed before, during or after the incident's span.

import { h } from "../dom";
import { date, num, t, term } from "../i18n";
import { link } from "../router";
import { code, grid, partyName, point, utc } from "./common";
import type { Acknowledgement, Dossier, NotificationPart, TargetPart } from "./types";

function what(target: TargetPart): string {
  return target.kind === "site" ? term("site_kind", target.what) : term("movement_kind", target.what);
}

function sent(n: NotificationPart): (Node | string)[] {
  const before = !n.sent_before
    ? h("span", { class: "warn" }, t("dossier.sent_after"))
    : n.days_before === 0 ? t("dossier.sent_same_day") : t("dossier.days_before", { days: num(n.days_before) });
  return [utc(n.sent_at), h("br"), before];
}

function acknowledgement(a: Acknowledgement, precision: string): (Node | string)[] {
  const out: (Node | string)[] = [t("dossier.ack_at", { party: partyName(a.party), time: utc(a.received_at) })];
  if (a.by) out.push(t("dossier.ack_by", { by: a.by }));
  if (a.channel) out.push(t("dossier.ack_channel", { channel: a.channel }));
  out.push(a.relative_to_incident === "after"
    ? h("span", { class: "warn" }, t("dossier.ack_after"))
    : a.relative_to_incident === "during"
      ? t("dossier.ack_during", { precision: term("time_precision", precision) })
      : t("dossier.ack_before"));
  return out;
}

function notifications(d: Dossier, target: TargetPart): HTMLElement {
  if (target.notifications.length === 0) return h("p", { class: "warn" }, t("dossier.never_notified"));
  const rows = target.notifications.flatMap((n) => {
    const acks = n.acknowledgements.flatMap((a, k) => [k > 0 ? "; " : "", ...acknowledgement(a, d.incident.time_precision)]);
    return [
      h("tr", { "data-notification": n.id },
        h("td", {}, code(n.id), " ", t("dossier.version", { version: num(n.version) }), n.channel ? [h("br"), n.channel] : null),
        h("td", {}, ...sent(n)),
        h("td", {}, n.parties.map(partyName).join(", ")),
        h("td", {}, t("dossier.valid", { from: date(n.valid_from), to: n.valid_to ? date(n.valid_to) : t("value.open_end") }),
          n.withdrawn_at ? [h("br"), t("dossier.withdrawn", { time: utc(n.withdrawn_at) })] : null),
        h("td", {}, n.in_force ? h("span", { class: "yes" }, t("dossier.yes")) : t("dossier.no")),
        h("td", {}, code(n.payload_sha256, "hash payload")),
      ),
      h("tr", { class: "acks" }, h("td", { colspan: 6 },
        t("dossier.acknowledged"), " ",
        n.acknowledgements.length ? acks : h("span", { class: "warn" }, t("dossier.ack_none")))),
    ];
  });
  const table = grid(["dossier.notification", "field.sent_at", "dossier.to", "field.valid", "dossier.in_force", "dossier.payload"], []);
  table.querySelector("tbody")!.append(...rows);
  return table;
}

function target(d: Dossier, x: TargetPart): HTMLElement[] {
  const page = x.kind === "site" ? link(`/sites/${encodeURIComponent(x.id)}`, x.id, { dir: "ltr" }) : code(x.id);
  const facts: (Node | string)[] = [];
  if (x.operator) facts.push(t("dossier.operator", { operator: x.operator }), " ");
  if (x.lat !== null && x.lon !== null) facts.push(t("dossier.location"), " ", point(x.lat, x.lon), ". ");
  if (x.status_then) facts.push(t("dossier.status_then", { status: term("status", x.status_then) }));
  return [
    h("h3", { "data-target": x.id },
      t("dossier.target", { name: x.name, what: what(x), kind: term("target_type", x.kind) }), " ", page, ") ",
      x.named_by_incident ? t("dossier.named_as_hit") : t("dossier.within_reach")),
    facts.length ? h("p", {}, ...facts) : null,
    notifications(d, x),
  ].filter((e): e is HTMLElement => e !== null);
}

export function targetsSection(d: Dossier): HTMLElement[] {
  return [
    h("h2", {}, t("dossier.targets")),
    ...(d.targets.length ? d.targets.flatMap((x) => target(d, x)) : [h("p", { class: "none" }, t("dossier.targets_none"))]),
  ];
}
