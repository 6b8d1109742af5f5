// Notifying a site or a movement to the warring parties (coordinators and admins): the parties, when it
// was sent, the days it is in force, the channel, and the SHA-256 of the exact payload sent —
// typed, or computed in the browser from the payload pasted. It is PUT as a new notification
// (`If-None-Match: *`); each problem the server names is shown beside its field, and the
// record's page, which lists its notifications, opens.

import { ApiError, allOrNone, get, getTagged, send } from "../api";
import { h, replace } from "../dom";
import { errorSlots, problems, showProblems, type Problem } from "../form";
import { t } from "../i18n";
import { go, link } from "../router";
import { mayWriteRegister } from "../session";
import { failure, loading } from "../view";

const SLOTS = ["id", "parties", "sent_at", "valid", "withdrawn_at", "channel", "payload_sha256"];

function slot(field: string | null): string {
  if (!field) return "general";
  if (field.startsWith("parties")) return "parties";
  if (field.startsWith("valid")) return "valid";
  if (["id", "sent_at", "withdrawn_at", "channel", "payload_sha256"].includes(field)) return field;
  return "general";
}

/** The parties of the register (GET /api/parties), in id order. */
async function knownParties(): Promise<{ id: string; name: string }[]> {
  return (await allOrNone<{ id: string; name: string }>("/api/parties")) ?? [];
}

/** The SHA-256 of a text as sent (UTF-8), in hex; null where the browser offers no digest
 *  (a page not served from a secure origin). */
async function sha256(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A datetime-local value ("2016-10-05T03:00") read as UTC, as the form's labels say. */
const utcTime = (local: string) => (local.length === 16 ? `${local}:00Z` : `${local}Z`);

/** `/sites/ID/notify` */
export function notifySitePage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  return notifyPage(main, "site", id);
}

/** `/movements/ID/notify` */
export function notifyMovementPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  return notifyPage(main, "movement", id);
}

/** `/notifications/ID/edit`: a new version of a notification, the form filled with its latest
 *  version and sent back with that version's ETag (`If-Match`). */
export async function newVersionPage(main: HTMLElement, { id }: Record<string, string>): Promise<void> {
  const heading = h("h1", { id: "notify-title" }, t("notify.version_heading"));
  if (!mayWriteRegister()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("notify.not_allowed")));
    return;
  }
  replace(main, heading, loading());
  try {
    const { body, etag } = await getTagged<any>(`/api/notifications/${encodeURIComponent(id)}`);
    const kind = body.subject?.kind === "movement" ? "movement" : "site";
    await notifyPage(main, kind, body.subject?.id, { notification: body, etag });
  } catch (e) {
    replace(main, heading, failure(e));
  }
}

interface Existing {
  notification: any;
  etag: string | null;
}

async function notifyPage(main: HTMLElement, kind: "site" | "movement", id: string, existing?: Existing): Promise<void> {
  const path = `/${kind}s/${encodeURIComponent(id)}`;
  const heading = h("h1", { id: "notify-title" }, t(existing ? "notify.version_heading" : "notify.heading"));
  if (!mayWriteRegister()) {
    replace(main, heading, h("p", { class: "error", role: "alert" }, t("notify.not_allowed")));
    return;
  }
  replace(main, heading, loading());
  let record: any, known: { id: string; name: string }[];
  try {
    [record, known] = await Promise.all([get<any>(`/api${path}`), knownParties()]);
  } catch (e) {
    replace(main, heading, failure(e));
    return;
  }
  const versions: any[] = existing?.notification.versions ?? [];
  const latest: any = versions[versions.length - 1] ?? null;
  const wasSent: string[] = latest?.parties ?? [];
  // Parties of the latest version the list does not have still show, checked.
  const parties = [...known, ...wasSent.filter((p) => !known.some((k) => k.id === p)).map((p) => ({ id: p, name: p }))];
  const errors = errorSlots(SLOTS);
  const input = (name: string, s: string, attrs: Record<string, string | boolean> = {}) =>
    h("input", { id: `n-${name}`, name, "aria-describedby": `err-${s}`, ...attrs });
  const field = (name: string, control: HTMLElement, error?: HTMLElement) =>
    h("div", { class: "field" }, h("label", { for: `n-${name}` }, t(`notify.${name}`)), control, error ?? null);

  const today = new Date().toISOString().slice(0, 10);
  const boxes = parties.map((p) => h("input", {
    type: "checkbox", id: `n-party-${p.id}`, name: "party", value: p.id, "aria-describedby": "err-parties",
    checked: wasSent.includes(p.id), "data-name": p.name,
  }));
  const local = (time: string | null | undefined) => (time ? time.slice(0, 16) : "");
  const controls = {
    id: input("id", "id", existing
      ? { readonly: true, dir: "ltr", value: existing.notification.id }
      : { required: true, autocomplete: "off", dir: "ltr", value: `${id}-notified-${today.replaceAll("-", "")}` }),
    others: input("others", "parties", { autocomplete: "off", dir: "ltr" }),
    sent_at: input("sent_at", "sent_at", { type: "datetime-local", required: true, value: local(latest?.sent_at) }),
    from: input("from", "valid", { type: "date", required: true, value: latest?.valid?.from ?? today }),
    to: input("to", "valid", { type: "date", value: latest?.valid?.to ?? "" }),
    withdrawn_at: input("withdrawn_at", "withdrawn_at", { type: "datetime-local", value: local(latest?.withdrawn_at) }),
    channel: input("channel", "channel", { value: latest?.channel ?? "" }),
    payload: h("textarea", { id: "n-payload", name: "payload", rows: 4, "aria-describedby": "hint-payload" }),
    payload_sha256: input("payload_sha256", "payload_sha256", { required: true, autocomplete: "off", dir: "ltr", pattern: "[0-9a-fA-F]{64}", value: latest?.payload_sha256 ?? "" }),
  };
  controls.payload.addEventListener("input", async () => {
    const text = controls.payload.value;
    const digest = text ? await sha256(text) : null;
    if (digest && controls.payload.value === text) controls.payload_sha256.value = digest;
  });
  const submit = h("button", { type: "submit", id: "send-notification" }, t("notify.submit"));
  const status = h("p", { role: "status", id: "form-status" });
  const form = h("form", { class: "notify-form", "aria-labelledby": "notify-title", novalidate: true },
    h("p", {}, t(`notify.of_${kind}`), " ", link(path, record.name ?? id)),
    field("id", controls.id, errors.id),
    h("fieldset", {}, h("legend", {}, t("notify.parties")),
      ...boxes.map((box) => h("div", { class: "check" }, box, h("label", { for: box.id },
        box.dataset.name && box.dataset.name !== box.value ? `${box.dataset.name} (${box.value})` : box.value))),
      field("others", controls.others), errors.parties),
    field("sent_at", controls.sent_at, errors.sent_at),
    h("fieldset", {}, h("legend", {}, t("notify.valid")),
      field("from", controls.from), field("to", controls.to), errors.valid),
    existing
      ? h("p", {}, t("notify.version_note", { version: existing.notification.latest_version ?? versions.length }))
      : null,
    existing ? field("withdrawn_at", controls.withdrawn_at, errors.withdrawn_at) : null,
    field("channel", controls.channel, errors.channel),
    h("div", { class: "field" }, h("label", { for: "n-payload" }, t("notify.payload")), controls.payload,
      h("small", { id: "hint-payload" }, t("notify.payload_hint"))),
    field("payload_sha256", controls.payload_sha256, errors.payload_sha256),
    errors.general, submit, status);

  const all = [controls.id, ...boxes, controls.others, controls.sent_at, controls.from, controls.to,
    controls.withdrawn_at, controls.channel, controls.payload_sha256];
  const show = (found: Problem[]) => showProblems(all, errors, found, slot, t("form.required"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = [
      ...boxes.filter((b) => b.checked).map((b) => b.value),
      ...controls.others.value.split(",").map((p) => p.trim()).filter(Boolean),
    ];
    const missing: Problem[] = [];
    if (!controls.id.value.trim()) missing.push({ field: "id", message: "" });
    if (!chosen.length) missing.push({ field: "parties", message: "" });
    if (!controls.sent_at.value) missing.push({ field: "sent_at", message: "" });
    if (!controls.from.value) missing.push({ field: "valid", message: "" });
    if (!controls.payload_sha256.value.trim()) missing.push({ field: "payload_sha256", message: "" });
    if (missing.length) return show(missing);
    submit.disabled = true;
    status.textContent = t("notify.sending");
    try {
      await send("PUT", `/api/notifications/${encodeURIComponent(controls.id.value.trim())}`, {
        subject: { [kind]: id },
        parties: [...new Set(chosen)],
        sent_at: utcTime(controls.sent_at.value),
        valid: { from: controls.from.value, to: controls.to.value || null },
        channel: controls.channel.value.trim() || null,
        payload_sha256: controls.payload_sha256.value.trim().toLowerCase(),
        ...(existing ? {
          withdrawn_at: controls.withdrawn_at.value ? utcTime(controls.withdrawn_at.value) : null,
          // Kept as it was for the roles that see it (the others are not shown it).
          ...(latest?.source ? { source: latest.source } : {}),
        } : {}),
      }, existing ? (existing.etag ? { "If-Match": existing.etag } : {}) : { "If-None-Match": "*" });
      go(path);
      return;
    } catch (e) {
      status.textContent = t("site_form.refused");
      if (existing && e instanceof ApiError && e.status === 412) {
        show([{ field: null, message: t("notify.conflict") }]);
        errors.general.append(" ", link(`/notifications/${encodeURIComponent(existing.notification.id)}/edit`, t("site_form.reload"), { id: "reload-notification" }));
      } else show(problems(e));
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, heading, form);
  (boxes[0] ?? controls.others).focus();
}
