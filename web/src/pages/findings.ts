// The findings list (staff roles; the API refuses everyone else): every stored finding of
// the cross-check, with a filter by kind.

import { all } from "../api";
import { h, replace } from "../dom";
import { t, term } from "../i18n";
import { link } from "../router";
import { failure, loading, metres, table } from "../view";

/** What a finding is about, linked when it has a page (sites, incidents, ceasefires). */
function subject(s: { type: string; id: string } | null | undefined): Node | string {
  if (!s) return "—";
  if (s.type === "site") return link(`/sites/${encodeURIComponent(s.id)}`, s.id);
  if (s.type === "incident") return link(`/incidents/${encodeURIComponent(s.id)}`, s.id);
  if (s.type === "ceasefire") return link(`/ceasefires/${encodeURIComponent(s.id)}`, s.id);
  return `${s.type}: ${s.id}`;
}

export function findingsTable(findings: any[]): HTMLElement {
  return table(
    ["field.kind", "field.strength", "field.subject", "field.incident", "field.distance", "field.days_before", "field.explanation"],
    findings.map((f) => [
      term("finding_kind", f.kind),
      term("strength", f.strength),
      subject(f.subject),
      f.incident ? link(`/incidents/${encodeURIComponent(f.incident)}`, f.incident) : "—",
      metres(f.distance_m),
      f.notification ? t("value.days", { value: f.notification.days_before }) : null,
      f.explanation,
    ]),
    { class: "findings" },
  );
}

export async function findingsPage(main: HTMLElement): Promise<void> {
  replace(main, h("h1", {}, t("findings.title")), loading());
  let findings: any[];
  try {
    findings = await all<any>("/api/findings");
  } catch (e) {
    replace(main, h("h1", {}, t("findings.title")), failure(e));
    return;
  }
  const kinds = [...new Set(findings.map((f) => f.kind))].sort();
  const select = h("select", { id: "finding-kind", name: "kind" },
    h("option", { value: "" }, t("map.any")),
    ...kinds.map((k) => h("option", { value: k }, term("finding_kind", k))));
  const count = h("p", { id: "findings-count", "aria-live": "polite" });
  const holder = h("div");
  const show = () => {
    const shown = findings.filter((f) => !select.value || f.kind === select.value);
    count.textContent = t("findings.count", { count: shown.length });
    replace(holder, findingsTable(shown));
  };
  select.addEventListener("change", show);
  replace(main, h("h1", {}, t("findings.title")),
    h("div", { class: "field" }, h("label", { for: "finding-kind" }, t("map.finding_kind")), select),
    count, holder);
  show();
}
