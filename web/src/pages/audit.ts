// The audit trail (GET /api/audit, admins; everyone else is shown the API's refusal): every
// write of a record, oldest first, a page at a time, filtered by a record (`site/site-m10`)
// or a kind (`notification`), each entry with the record before and after the write. The
// filter and the page are kept in the address (`/audit?record=…&after=…`).

import { get, type Page } from "../api";
import { h, replace } from "../dom";
import { date, t, term } from "../i18n";
import { link } from "../router";
import { failure, loading } from "../view";

interface Entry {
  seq: number;
  at: string;
  actor: { name: string; role: string | null };
  action: string;
  record_kind: string;
  record_id: string;
  before: unknown;
  after: unknown;
}

const LIMIT = 50;
/** Kinds of record with a page of their own. */
const PAGES: Record<string, string> = { site: "/sites/", incident: "/incidents/", ceasefire: "/ceasefires/" };

/** Goes to the audit trail with these parameters (keeping `?lang=`), without a reload. */
function navigate(params: Record<string, string>, main: HTMLElement): void {
  const query = new URLSearchParams();
  const kept = new URLSearchParams(location.search).get("lang");
  if (kept) query.set("lang", kept);
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  history.pushState(null, "", search ? `/audit?${search}` : "/audit");
  void auditPage(main);
}

function json(value: unknown): HTMLElement {
  return h("pre", { dir: "ltr" }, JSON.stringify(value, null, 2));
}

function row(e: Entry, main: HTMLElement): HTMLElement {
  const record = `${e.record_kind}/${e.record_id}`;
  const filter = h("a", {
    href: `/audit?record=${encodeURIComponent(record)}`,
    class: "record",
    dir: "ltr",
    onclick: (event: Event) => {
      event.preventDefault();
      navigate({ record }, main);
    },
  }, record);
  const page = PAGES[e.record_kind];
  return h("tr", { "data-seq": e.seq },
    h("td", {}, String(e.seq)),
    h("td", {}, date(e.at)),
    h("td", { dir: "ltr" }, e.actor.name),
    h("td", {}, e.actor.role ? term("role", e.actor.role) : t("audit.local")),
    h("td", {}, t(`audit.action.${e.action}`)),
    h("td", {}, filter, page ? [" ", link(`${page}${encodeURIComponent(e.record_id)}`, t("nav.open_record"), { "aria-label": t("nav.open_named", { record }) })] : null),
    h("td", {},
      h("details", { class: "change" },
        h("summary", {}, t("audit.show_change")),
        h("h3", {}, t("audit.before")),
        e.before === null || e.before === undefined ? h("p", {}, t("audit.none_before")) : json(e.before),
        h("h3", {}, t("audit.after")),
        json(e.after))),
  );
}

export async function auditPage(main: HTMLElement): Promise<void> {
  const asked = new URLSearchParams(location.search);
  const record = asked.get("record") ?? "";
  const after = asked.get("after") ?? "";
  replace(main, h("h1", {}, t("audit.title")), loading());
  const query = new URLSearchParams({ limit: String(LIMIT) });
  if (record) query.set("record", record);
  if (after) query.set("after", after);
  let page: Page<Entry>;
  try {
    page = await get<Page<Entry>>(`/api/audit?${query}`);
  } catch (e) {
    replace(main, h("h1", {}, t("audit.title")), failure(e));
    return;
  }
  const input = h("input", { id: "audit-record", name: "record", type: "text", value: record, dir: "ltr", spellcheck: "false" });
  const form = h("form", { class: "audit-form", id: "audit-form" },
    h("div", { class: "field" }, h("label", { for: "audit-record" }, t("audit.record")), input),
    h("button", { type: "submit", id: "audit-filter" }, t("audit.filter")),
    record ? h("button", { type: "button", id: "audit-clear", onclick: () => navigate({}, main) }, t("audit.clear")) : null,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate({ record: input.value.trim() }, main);
  });
  const items = page.items;
  const pager = h("div", { class: "pager actions" },
    after ? h("button", { type: "button", id: "audit-oldest", onclick: () => navigate({ record }, main) }, t("audit.older")) : null,
    page.next ? h("button", { type: "button", id: "audit-newer", onclick: () => navigate({ record, after: page.next!.after }, main) }, t("audit.newer")) : null,
  );
  replace(main,
    h("h1", {}, t("audit.title")),
    h("p", { class: "meta" }, t("audit.hint")),
    form,
    items.length === 0
      ? h("p", { class: "empty", id: "audit-count" }, t("none"))
      : h("p", { id: "audit-count", "data-count": items.length }, t("audit.shown", { first: items[0].seq, last: items[items.length - 1].seq })),
    items.length === 0 ? null : h("table", { class: "audit", id: "audit-list" },
      h("thead", {}, h("tr", {}, ...["audit.seq", "audit.time", "audit.actor", "audit.role", "audit.action", "audit.record_col", "audit.change"]
        .map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, ...items.map((e) => row(e, main)))),
    pager,
  );
}
