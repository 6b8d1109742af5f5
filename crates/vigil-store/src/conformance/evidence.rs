//! The evidence chapter of the storage story: items written once and named by their SHA-256,
//! incident links that only grow, an append-only custody log, audit entries that never hold a
//! witness's name, and a data version that evidence does not move.

use crate::{AuditQuery, Store, StoreError, WriteOutcome};
use chrono::{TimeZone, Utc};
use vigil_domain::*;

const WITNESS: &str = "Witness Nour (do not publish)";

fn item(content: &[u8], incidents: Vec<IncidentId>, source: Option<SourceId>) -> EvidenceItem {
    EvidenceItem {
        sha256: Sha256::of(content),
        size: content.len() as u64,
        media_type: "video/mp4".into(),
        captured_at: Some(Utc.with_ymd_and_hms(2016, 9, 28, 6, 40, 0).unwrap()),
        captured_by: Some(WITNESS.into()),
        acquired_from: source,
        incidents,
        redacted_from: None,
        added_at: Utc.with_ymd_and_hms(2016, 9, 29, 10, 0, 0).unwrap(),
    }
}

fn custody(item: &EvidenceItem, kind: CustodyKind, hour: u32) -> CustodyEvent {
    CustodyEvent {
        item: item.sha256,
        kind,
        actor: "local:rana".into(),
        at: Utc.with_ymd_and_hms(2016, 9, 29, hour, 0, 0).unwrap(),
        note: Some(format!("{kind} at {hour}h")),
    }
}

/// Runs the chapter on a store that holds `incident` and `source`.
pub fn story(store: &mut dyn Store, incident: &IncidentId, source: &SourceId) {
    let version = store.data_version().unwrap();
    let original = item(
        b"footage of the strike",
        vec![incident.clone()],
        Some(source.clone()),
    );

    {
        let mut tx = store.transaction().unwrap();
        tx.put_evidence(&original).unwrap();
        drop(tx);
    }
    assert_eq!(
        store.evidence(&original.sha256).unwrap(),
        None,
        "rolled back"
    );

    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_evidence(&original).unwrap(), WriteOutcome::Inserted);
    tx.record_custody(&custody(&original, CustodyKind::Acquisition, 10))
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(
        store.evidence(&original.sha256).unwrap().as_ref(),
        Some(&original),
        "an item reads back as written, its witness included"
    );

    // The same content again, described differently: the first acquisition's account stands.
    let mut again = original.clone();
    again.captured_by = Some("someone else".into());
    again.media_type = "application/octet-stream".into();
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_evidence(&again).unwrap(), WriteOutcome::Unchanged);
    tx.commit().unwrap();
    assert_eq!(
        store.evidence(&original.sha256).unwrap().as_ref(),
        Some(&original)
    );

    // A redacted copy is an item of its own, linked to its original, and linked later to the
    // incident.
    let mut redacted = item(b"footage, faces blurred", vec![], None);
    redacted.captured_by = None;
    redacted.redacted_from = Some(original.sha256);
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_evidence(&redacted).unwrap(), WriteOutcome::Inserted);
    assert_eq!(
        tx.link_evidence(&redacted.sha256, incident).unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.link_evidence(&redacted.sha256, incident).unwrap(),
        WriteOutcome::Unchanged,
        "linking twice changes nothing"
    );
    tx.record_custody(&custody(&original, CustodyKind::Access, 11))
        .unwrap();
    tx.record_custody(&custody(&original, CustodyKind::Export, 12))
        .unwrap();
    tx.commit().unwrap();

    let mut expected = vec![original.clone(), {
        let mut r = redacted.clone();
        r.incidents = vec![incident.clone()];
        r
    }];
    expected.sort_by_key(|i| i.sha256);
    assert_eq!(store.evidence_of_incident(incident).unwrap(), expected);
    assert_eq!(store.evidence_items().unwrap(), expected);
    assert!(store
        .evidence_of_incident(&IncidentId::new("inc-none").unwrap())
        .unwrap()
        .is_empty());
    let kinds: Vec<CustodyKind> = store
        .custody_of(&original.sha256)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            CustodyKind::Acquisition,
            CustodyKind::Access,
            CustodyKind::Export
        ],
        "the custody log reads in recorded order"
    );
    assert_eq!(
        store.custody_of(&original.sha256).unwrap()[0],
        custody(&original, CustodyKind::Acquisition, 10)
    );
    assert!(store.custody_of(&redacted.sha256).unwrap().is_empty());

    // What an item refers to must exist.
    let mut tx = store.transaction().unwrap();
    let mut orphan = item(b"another", vec![IncidentId::new("inc-none").unwrap()], None);
    assert!(matches!(
        tx.put_evidence(&orphan),
        Err(StoreError::NotFound { .. })
    ));
    orphan.incidents.clear();
    orphan.redacted_from = Some(Sha256::of(b"never stored"));
    assert!(matches!(
        tx.put_evidence(&orphan),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        tx.record_custody(&custody(&orphan, CustodyKind::Access, 9)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        tx.link_evidence(&orphan.sha256, incident),
        Err(StoreError::NotFound { .. })
    ));
    drop(tx);

    // Every write is audited; no entry names the witness.
    let entries = store
        .audit_log(&AuditQuery {
            record_kind: Some("evidence".into()),
            record_id: None,
            after_seq: None,
            limit: usize::MAX,
        })
        .unwrap();
    assert_eq!(
        entries.len(),
        3,
        "two items inserted, one link: {entries:?}"
    );
    let custody_entries = store
        .audit_log(&AuditQuery {
            record_kind: Some("custody".into()),
            record_id: Some(original.sha256.to_string()),
            after_seq: None,
            limit: usize::MAX,
        })
        .unwrap();
    assert_eq!(custody_entries.len(), 3);
    for entry in store.audit_log(&AuditQuery::all(usize::MAX)).unwrap() {
        let text = entry.after.to_string() + &format!("{:?}", entry.before);
        assert!(
            !text.contains("Nour"),
            "the audit log names a witness: {text}"
        );
    }
    assert_eq!(
        store.data_version().unwrap(),
        version,
        "evidence does not move the data version"
    );
}
