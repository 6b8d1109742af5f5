//! The views of sources, reports and statements. Sources and reports are shown only to
//! those who may read them ([`vigil_domain::policy::may_read_sources`]); statements to those
//! who may read statements, each with its source only for those who may see source
//! identities.

use serde::Serialize;
use serde_json::{json, Value};
use vigil_domain::{
    policy, PartyId, Principal, Report, Source, SourceKind, Statement, StatementKind,
};

#[derive(Serialize)]
struct SourceView<'a> {
    id: &'a str,
    kind: SourceKind,
    title: &'a str,
    publisher: Option<&'a str>,
    url: Option<&'a str>,
    published_on: Option<chrono::NaiveDate>,
    protected: bool,
}

/// The view of `source`; `None` for those who may not read sources.
pub(crate) fn source(principal: &Principal, source: &Source) -> Option<Value> {
    policy::may_read_sources(principal).then(|| {
        super::to_value(&SourceView {
            id: source.id.as_str(),
            kind: source.kind,
            title: &source.title,
            publisher: source.publisher.as_deref(),
            url: source.url.as_deref(),
            published_on: source.published_on,
            protected: source.protected,
        })
    })
}

/// The view of `report`, its content as the JSON it was received as; `None` for those who
/// may not read reports.
pub(crate) fn report(principal: &Principal, report: &Report) -> Option<Value> {
    policy::may_read_sources(principal).then(|| {
        json!({
            "id": report.id,
            "source": report.source,
            "received_at": report.received_at,
            "summary": report.summary,
            "content": report.content.to_value(),
        })
    })
}

#[derive(Serialize)]
struct StatementView<'a> {
    id: &'a str,
    incident: &'a str,
    party: Option<&'a PartyId>,
    kind: StatementKind,
    made_on: chrono::NaiveDate,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The view of `statement`; `None` for those who may not read statements.
pub(crate) fn statement(principal: &Principal, statement: &Statement) -> Option<Value> {
    if !policy::may_read_statements(principal) {
        return None;
    }
    let with_sources = policy::may_see_source_identities(principal);
    Some(super::to_value(&StatementView {
        id: statement.id.as_str(),
        incident: statement.incident.as_str(),
        party: statement.party.as_ref(),
        kind: statement.kind,
        made_on: statement.made_on,
        summary: &statement.summary,
        source: with_sources.then(|| statement.source.as_str()),
    }))
}
