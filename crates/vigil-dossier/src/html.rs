//! The dossier as one printable HTML page (A4, `dossier.css`): the facts first, then the
//! integrity proofs' paths after a page break. Self-contained: no script, no external style or
//! font, so it opens and prints the same anywhere. Every value is escaped by `maud`.

use crate::model::*;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use vigil_domain::Timestamp;

const CSS: &str = include_str!("dossier.css");

/// The page.
pub fn render(d: &Dossier) -> String {
    let i = &d.incident;
    let title = i
        .title
        .clone()
        .unwrap_or_else(|| format!("{} ({})", i.kind, i.category));
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Dossier: " (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "Attack dossier: " (title) }
                    p.meta {
                        "Incident " code { (i.id) } " · generated " (time(&d.generated_at))
                        " · prepared for the " (d.prepared_for) " role · "
                        @if d.source_identities { "sources named" } @else { "sources numbered, identities withheld" }
                    }
                }
                (incident(d))
                (targets(d))
                (statements(d))
                (evidence(d))
                (findings(d))
                (sources(d))
                (integrity(d))
                (proofs(d))
            }
        }
    }
    .into_string()
}

fn time(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn opt(value: Option<&str>) -> Markup {
    match value {
        Some(v) => html! { (v) },
        None => html! { span.none { "not recorded" } },
    }
}

fn incident(d: &Dossier) -> Markup {
    let i = &d.incident;
    html! {
        h2 { "The incident" }
        table.facts {
            tr { th { "What" } td { (i.kind) " (" (i.category) ")" @if let Some(w) = &i.weapon { ", weapon: " (w) } } }
            tr { th { "When" } td { (time(&i.start)) " to " (time(&i.end)) " (" (i.time_precision) " precision)" } }
            tr { th { "Where" } td {
                @match (i.lat, i.lon) {
                    (Some(lat), Some(lon)) => { (format!("{lat:.5}, {lon:.5}")) " (lat, lon), " }
                    _ => { "no coordinates, " }
                }
                (i.place_precision) ", radius " (i.radius_m) " m"
                @if let Some(a) = &i.area {
                    "; " (a.name)
                    @if let Some(ar) = &a.name_ar { " (" span lang="ar" dir="rtl" { (ar) } ")" }
                    " [" (a.id) "]"
                }
            } }
            tr { th { "Certainty" } td { (i.certainty) " (that it happened)" } }
            @if let Some(damage) = &i.damage { tr { th { "Damage" } td { (damage) } } }
            @if let Some(text) = &i.description { tr { th { "Account" } td { (text) } } }
            tr { th { "Reports" } td {
                @if i.reports.is_empty() { span.none { "none" } }
                @else { (i.reports.len()) " report(s), from " (i.reports.join(", ")) }
            } }
        }
        h3 { "Casualties (each figure as its source gives it; never summed across sources)" }
        @if i.casualties.is_empty() { p.none { "No casualty figures recorded." } }
        @else {
            table {
                tr { th { "Group" } th { "Outcome" } th { "Low" } th { "Best" } th { "High" } th { "Source" } }
                @for c in &i.casualties {
                    tr { td { (c.group) } td { (c.outcome) } td { (c.low) } td { (c.best) } td { (c.high) } td { (opt(c.source.as_deref())) } }
                }
            }
        }
        h3 { "Attribution" }
        @if i.attributions.is_empty() { p.none { "No party is alleged to be responsible." } }
        @else {
            table {
                tr { th { "Party" } th { "Grade" } th { "Sources" } }
                @for a in &i.attributions {
                    tr { td { (a.party_name.as_deref().unwrap_or(&a.party)) } td { (a.grade) } td { (a.sources.join(", ")) } }
                }
            }
        }
    }
}

fn targets(d: &Dossier) -> Markup {
    html! {
        h2 { "What was hit, and what its attackers had been told" }
        @if d.targets.is_empty() { p.none { "The incident names no protected site or movement, and no finding places one within its reach." } }
        @for t in &d.targets {
            h3 {
                (t.name) " (" (t.what) ", " (t.kind) " " code { (t.id) } ")"
                @if t.named_by_incident { " named as hit" } @else { " within reach (see findings)" }
            }
            p {
                @if let Some(op) = &t.operator { "Operator: " (op) ". " }
                @if let (Some(lat), Some(lon)) = (t.lat, t.lon) { "Location: " (format!("{lat:.5}, {lon:.5}")) ". " }
                @if let Some(s) = &t.status_then { "Status on the incident's first day: " (s) "." }
            }
            @if t.notifications.is_empty() { p.warn { "Never notified." } }
            @else {
                table {
                    tr { th { "Notification" } th { "Sent" } th { "To" } th { "Valid" } th { "In force" } th { "Payload SHA-256" } }
                    @for n in &t.notifications {
                        tr {
                            td { code { (n.id) } " v" (n.version) @if let Some(c) = &n.channel { br; (c) } }
                            td { (time(&n.sent_at)) br;
                                @if !n.sent_before { span.warn { "after the incident began" } }
                                @else if n.days_before == 0 { "less than a day before" }
                                @else { (n.days_before) " day(s) before" } }
                            td { (parties(&n.parties)) }
                            td { (n.valid_from) " to " @match n.valid_to { Some(to) => { (to) }, None => { "open" } }
                                @if let Some(w) = &n.withdrawn_at { br; "withdrawn " (time(w)) } }
                            td { @if n.in_force { span.yes { "yes" } } @else { "no" } }
                            td.hash { (n.payload_sha256) }
                        }
                        tr { td colspan="6" {
                            "Acknowledged: "
                            @if n.acknowledgements.is_empty() { span.warn { "by no party" } }
                            @for (k, a) in n.acknowledgements.iter().enumerate() {
                                @if k > 0 { "; " }
                                (a.party.name.as_deref().unwrap_or(&a.party.id)) " at " (time(&a.received_at))
                                @if let Some(by) = &a.by { " by " (by) }
                                @if let Some(c) = &a.channel { " (" (c) ")" }
                                @match a.relative_to_incident {
                                    Relation::Before => {},
                                    Relation::During => { " (within the incident's " (d.incident.time_precision) "-precise span)" },
                                    Relation::After => { " " span.warn { "after the incident" } },
                                }
                            }
                        } }
                    }
                }
            }
        }
    }
}

fn parties(list: &[PartyRef]) -> String {
    list.iter()
        .map(|p| p.name.clone().unwrap_or_else(|| p.id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn statements(d: &Dossier) -> Markup {
    html! {
        h2 { "Claims, denials and admissions" }
        @if d.statements.is_empty() { p.none { "No statement recorded." } }
        @else {
            table {
                tr { th { "Date" } th { "Kind" } th { "By" } th { "Summary" } th { "Source" } }
                @for s in &d.statements {
                    tr {
                        td { (s.made_on) } td { (s.kind) }
                        td { @match &s.party { Some(p) => { (p.name.as_deref().unwrap_or(&p.id)) }, None => { span.none { "unnamed" } } } }
                        td { (s.summary) } td { (s.source) }
                    }
                }
            }
        }
    }
}

fn evidence(d: &Dossier) -> Markup {
    html! {
        h2 { "Evidence (stored byte for byte, named by SHA-256)" }
        @if d.evidence.is_empty() { p.none { "No evidence file is linked to this incident." } }
        @else {
            table {
                tr { th { "SHA-256" } th { "Type, size" } th { "Captured" } th { "Custody" } }
                @for e in &d.evidence {
                    tr {
                        td.hash { (e.sha256) @if let Some(o) = &e.redacted_from { br; "redacted copy of " (o) } }
                        td { (e.media_type) br; (e.size) " bytes" }
                        td {
                            @match &e.captured_at { Some(t) => { (time(t)) }, None => { span.none { "time not recorded" } } }
                            @if let Some(by) = &e.captured_by { br; "by " (by) " (protected identity)" }
                            @if let Some(from) = &e.acquired_from { br; "from " (from) }
                        }
                        td {
                            @for c in &e.custody {
                                (time(&c.at)) " " (c.kind) " by " (c.actor)
                                @if let Some(note) = &c.note { ": " (note) }
                                br;
                            }
                        }
                    }
                }
            }
        }
    }
}

fn findings(d: &Dossier) -> Markup {
    html! {
        h2 { "Findings of the cross-check" }
        @if d.findings.is_empty() { p.none { "No finding." } }
        @else {
            table {
                tr { th { "Finding" } th { "Strength" } th { "Explanation" } }
                @for f in &d.findings {
                    tr { td { (f.kind.as_str()) } td { (f.strength.as_str()) } td { (f.explanation) } }
                }
            }
        }
    }
}

fn sources(d: &Dossier) -> Markup {
    html! {
        h2 { "Sources" }
        @if d.sources.is_empty() { p.none { "No source is cited." } }
        @else if !d.source_identities {
            // Numbered sources carry nothing but their kind: one line, not a table of blanks.
            p.compact {
                @for (k, s) in d.sources.iter().enumerate() {
                    @if k > 0 { " · " }
                    (s.label) @if let Some(kind) = s.kind { ": " (kind) }
                }
                " (identities withheld from this role)"
            }
        }
        @else {
            table {
                tr { th { "Source" } th { "Kind" } th { "Title, publisher" } }
                @for s in &d.sources {
                    tr {
                        td { (s.label) }
                        td { @if let Some(k) = s.kind { (k) } }
                        td {
                            @if let Some(t) = &s.title { (t) }
                            @if let Some(p) = &s.publisher { ", " (p) }
                            @if let Some(day) = s.published_on { ", " (day) }
                            @if let Some(u) = &s.url { br; span.hash { (u) } }
                        }
                    }
                }
            }
        }
    }
}

/// On the first page: one paragraph saying what is proven against which checkpoint.
fn integrity(d: &Dossier) -> Markup {
    let g = &d.integrity;
    let proven = g
        .records
        .iter()
        .filter(|r| r.status == ProofStatus::Proven)
        .count();
    let differs: Vec<&RecordProof> = g
        .records
        .iter()
        .filter(|r| r.status == ProofStatus::Differs)
        .collect();
    html! {
        h2 { "Integrity" }
        @match (&g.checkpoint, g.tree_size) {
            (Some(checkpoint), Some(size)) => {
                p {
                    (proven) " of the " (g.records.len()) " records above are proven, as they stand, "
                    "to be in Vigil's transparency log (RFC 9162), against its signed checkpoint of "
                    (size) " entries, origin " code { (checkpoint.lines().next().unwrap_or("")) }
                    ". The checkpoint, the log's public key and each inclusion proof follow, to be "
                    "checked without the database."
                }
            }
            _ => { p.warn { "No checkpoint of the transparency log has been signed: nothing here is proven." } }
        }
        @for r in &differs {
            p.warn { code { (r.record) } " " (r.status.describe()) ": run vigil verify." }
        }
    }
}

/// After a page break: the checkpoint, the key, each record's status and proof.
fn proofs(d: &Dossier) -> Markup {
    let g = &d.integrity;
    html! {
        section.proofs {
            h2 { "The transparency log: checkpoint and inclusion proofs" }
            p {
                "Every record write is a leaf of an RFC 9162 Merkle tree. Each proof below can be "
                "checked without the database: save it, the checkpoint and the key, and run "
                code { "vigil verify-proof --proof PROOF.json --checkpoint CHECKPOINT --public-key KEY" } "."
            }
            @if let Some(checkpoint) = &g.checkpoint { h3 { "Signed checkpoint" } pre { (checkpoint) } }
            @if let Some(key) = &g.public_key { h3 { "Public key" } pre { (key) } }
            h3 { "Records" }
            ul.records {
                @for r in &g.records {
                    li {
                        code { (r.record) } ": "
                        @match (&r.proof, r.status) {
                            (Some(p), _) => { "proven, leaf " (p.leaf_index) },
                            (None, ProofStatus::Differs) => { span.warn { (r.status.describe()) } },
                            (None, status) => { (status.describe()) },
                        }
                    }
                }
            }
            @for r in &g.records {
                @if let Some(p) = &r.proof {
                    div.proof {
                        h3 { code { (r.record) } }
                        pre { (serde_json::to_string_pretty(p).expect("proofs always serialise")) }
                    }
                }
            }
        }
    }
}
