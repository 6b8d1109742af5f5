// The dossier's middle sections, as the printed dossier has them: the parties' claims,
// denials and admissions; the evidence files (SHA-256, type and size, capture, custody log);
// the findings of the cross-check; and every source cited, named or (for roles that may not
// see identities) numbered by kind only.

import { h } from "../dom";
import { date, num, t, term } from "../i18n";
import { code, empty, grid, partyName, utc } from "./common";
import type { Dossier, EvidencePart } from "./types";

export function statementsSection(d: Dossier): HTMLElement[] {
  return [
    h("h2", {}, t("dossier.statements")),
    d.statements.length
      ? grid(["field.date", "field.kind", "field.by", "field.summary", "field.source"],
          d.statements.map((s) => [date(s.made_on), term("statement_kind", s.kind),
            s.party ? partyName(s.party) : [h("span", { class: "none" }, t("dossier.unnamed"))], s.summary, s.source]))
      : empty("dossier.statements_none"),
  ];
}

/** The evidence table, also shown on the incident page to staff. */
export function evidenceTable(evidence: EvidencePart[]): HTMLElement {
  if (evidence.length === 0) return empty("dossier.evidence_none");
  return grid(["dossier.sha256", "dossier.type_size", "dossier.captured", "dossier.custody"],
    evidence.map((e) => [
      [code(e.sha256, "hash"), ...(e.redacted_from ? [h("br"), t("dossier.redacted_from"), " ", code(e.redacted_from, "hash")] : [])],
      [e.media_type, h("br"), t("dossier.bytes", { size: num(e.size) })],
      [
        e.captured_at ? utc(e.captured_at) : h("span", { class: "none" }, t("dossier.time_not_recorded")),
        ...(e.captured_by ? [h("br"), t("dossier.captured_by", { by: e.captured_by })] : []),
        ...(e.acquired_from ? [h("br"), t("dossier.acquired_from", { from: e.acquired_from })] : []),
      ],
      e.custody.flatMap((c) => [
        t("dossier.custody_event", { time: utc(c.at), kind: term("custody", c.kind), actor: c.actor }),
        c.note ? `: ${c.note}` : "",
        h("br"),
      ]),
    ]),
    { class: "evidence" });
}

export function evidenceSection(d: Dossier): HTMLElement[] {
  return [h("h2", {}, t("dossier.evidence")), evidenceTable(d.evidence)];
}

export function findingsSection(d: Dossier): HTMLElement[] {
  return [
    h("h2", {}, t("dossier.findings")),
    d.findings.length
      ? grid(["dossier.finding", "field.strength", "field.explanation"],
          d.findings.map((f) => [term("finding_kind", f.kind), term("strength", f.strength), f.explanation]))
      : empty("dossier.findings_none"),
  ];
}

export function sourcesSection(d: Dossier): HTMLElement[] {
  const heading = h("h2", {}, t("dossier.sources"));
  if (d.sources.length === 0) return [heading, empty("dossier.sources_none")];
  if (!d.source_identities) {
    // Numbered sources carry nothing but their kind: one line, not a table of blanks.
    const line = d.sources.map((s) => s.kind ? `${s.label}: ${term("source_kind", s.kind)}` : s.label).join(" · ");
    return [heading, h("p", { class: "compact" }, line, " ", t("dossier.identities_withheld"))];
  }
  return [heading, grid(["field.source", "field.kind", "dossier.title_publisher"],
    d.sources.map((s) => [
      s.label,
      s.kind ? term("source_kind", s.kind) : "",
      [
        [s.title, s.publisher, s.published_on ? date(s.published_on) : null].filter(Boolean).join(", "),
        ...(s.url ? [h("br"), h("a", { href: s.url, rel: "noreferrer noopener", dir: "ltr", class: "hash" }, s.url)] : []),
      ],
    ]))];
}
