// Notifications: for staff roles every one, for a liaison those addressed to its party (the
// API decides; the page shows what it gets). A liaison can acknowledge receipt of the latest
// version its party was sent (POST /api/notifications/{id}/acknowledgements): receipt,
// never approval.

import { all, send } from "../api";
import { h, replace } from "../dom";
import { date, t } from "../i18n";
import { link } from "../router";
import { current, mayWriteRegister } from "../session";
import { failure, loading, section, span, table } from "../view";

function subjectLink(n: any): Node | string {
  const s = n.subject;
  if (s?.kind === "site") return link(`/sites/${encodeURIComponent(s.id)}`, s.id);
  if (s?.kind === "movement") return link(`/movements/${encodeURIComponent(s.id)}`, s.id);
  return `${s?.kind}: ${s?.id}`;
}

export function notificationCard(n: any, onAcknowledged?: () => void): HTMLElement {
  const who = current();
  const acks: any[] = n.acknowledgements ?? [];
  const mine = who.role === "liaison" && acks.some((a) => a.party === who.party && a.version === n.latest_version);
  const button = who.role === "liaison" && onAcknowledged && !mine
    ? h("button", { type: "button", class: "acknowledge", "data-notification": n.id }, t("notifications.acknowledge"))
    : null;
  const status = h("p", { role: "status", class: "ack-status" }, mine ? t("notifications.acknowledged") : "");
  button?.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await send("POST", `/api/notifications/${encodeURIComponent(n.id)}/acknowledgements`, {});
      onAcknowledged!();
    } catch (e) {
      button.disabled = false;
      replace(status, failure(e));
    }
  });
  return h("article", { class: "notification", "data-notification": n.id, "data-acknowledged": mine ? "true" : null },
    h("h3", {}, n.id, " · ", subjectLink(n)),
    mayWriteRegister()
      ? h("p", {}, link(`/notifications/${encodeURIComponent(n.id)}/edit`, t("notify.new_version"), { class: "new-version", "data-notification": n.id }))
      : null,
    table(["field.version", "field.parties", "field.sent_at", "field.valid", "field.channel"],
      (n.versions ?? []).map((v: any) => [v.version, (v.parties ?? []).join(", "), date(v.sent_at),
        span(v.valid?.from, v.valid?.to ?? null) + (v.valid?.to ? "" : ` – ${t("value.open_end")}`), v.channel])),
    h("h4", {}, t("notifications.acknowledgements")),
    table(["field.party", "field.version", "field.received_at", "field.by", "field.channel"],
      acks.map((a) => [a.party, a.version, date(a.received_at), a.by, a.channel])),
    button ? h("p", {}, button, " ", h("small", {}, t("notifications.ack_note"))) : null,
    status,
  );
}

export async function notificationsPage(main: HTMLElement): Promise<void> {
  const who = current();
  const title = who.role === "liaison" && who.party
    ? t("notifications.for_party", { party: who.party }) : t("notifications.title");
  replace(main, h("h1", {}, title), loading());
  try {
    const list = await all<any>("/api/notifications");
    const again = () => void notificationsPage(main);
    replace(main, h("h1", {}, title),
      section("notifications.title", ...(list.length ? list.map((n) => notificationCard(n, again)) : [h("p", {}, t("none"))])));
  } catch (e) {
    replace(main, h("h1", {}, title), failure(e));
  }
}
