//! The storage story: what every backend must do, told as one scenario. Each backend's tests
//! call [`run`] (which ends with the evidence chapter, `evidence`), and [`incident_search`] (the indexed incident search, `search`), each on a
//! fresh, empty store of their own (a real file, a real server).
//!
//! It panics with a message naming the step that failed.

mod evidence;
mod search;

pub use search::incident_search;

use crate::{Existing, Store, StoreError, WriteOutcome};
use chrono::{NaiveDate, TimeZone, Utc};
use vigil_domain::*;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn source() -> Source {
    Source {
        id: SourceId::new("src-msf").unwrap(),
        kind: SourceKind::OrganisationReport,
        title: "Aleppo hospitals bombed".into(),
        publisher: Some("MSF".into()),
        url: Some("https://www.msf.org/".into()),
        published_on: Some(day("2016-09-29")),
        protected: false,
    }
}

fn party(id: &str) -> Party {
    Party {
        id: PartyId::new(id).unwrap(),
        name: id.to_uppercase(),
        kind: PartyKind::State,
    }
}

fn site() -> Site {
    Site {
        id: SiteId::new("site-m10").unwrap(),
        kind: SiteKind::Hospital,
        name: "M10 (al-Sakhour)".into(),
        operator: Some("SAMS".into()),
        location: Location::new(
            Point::new(37.1893, 36.2125).unwrap(),
            GeoPrecision::Neighbourhood,
            900.0,
        )
        .unwrap(),
        footprint: None,
        sensitivity: Sensitivity::Restricted,
        area: Some(AreaId::new("N0123").unwrap()),
        status: vec![StatusEntry {
            as_of: day("2016-09-01"),
            status: SiteStatus::Functional,
            source: Some(source().id),
            note: None,
        }],
        capacity: vec![CapacityFact {
            as_of: day("2016-09-01"),
            metric: CapacityMetric::Beds,
            value: 20,
            source: None,
        }],
    }
}

fn notification() -> Notification {
    Notification {
        id: NotificationId::new("ntf-m10").unwrap(),
        version: 1,
        subject: Subject::Site(site().id),
        parties: vec![party("rus").id, party("usa").id],
        sent_at: Utc.with_ymd_and_hms(2016, 9, 5, 9, 0, 0).unwrap(),
        valid: DayWindow::new(day("2016-09-05"), None).unwrap(),
        withdrawn_at: None,
        channel: Some("HNS e-mail".into()),
        payload_sha256: Sha256::of(b"m10"),
        source: None,
    }
}

fn report() -> Report {
    Report {
        id: ReportId::new("rep-1").unwrap(),
        source: source().id,
        received_at: Utc.with_ymd_and_hms(2016, 9, 29, 12, 0, 0).unwrap(),
        summary: "M10 hit by barrel bombs".into(),
        content: ReportContent::from_value(&serde_json::json!({"text": "M10 hit"})),
    }
}

fn incident() -> Incident {
    Incident {
        id: IncidentId::new("inc-m10-0928").unwrap(),
        title: Some("M10 struck".into()),
        kind: IncidentKind::BarrelBomb,
        when: TimeSpan::days(day("2016-09-28"), day("2016-09-28")).unwrap(),
        location: site().location,
        area: None,
        weapon: Some("barrel bomb".into()),
        targets: vec![Target::Site(site().id), Target::Kind(TargetKind::Hospital)],
        damage: Some(Damage::Severe),
        certainty: Certainty::Confirmed,
        casualties: vec![CasualtyFigure {
            group: CasualtyGroup::People,
            outcome: Outcome::Killed,
            count: Range::new(2, 2, 4).unwrap(),
            source: Some(source().id),
        }],
        attributions: vec![Attribution {
            party: party("syr").id,
            grade: AttributionGrade::Probable,
            sources: vec![source().id],
        }],
        description: None,
        reports: vec![report().id],
    }
}

/// Runs the whole story against an empty store.
pub fn run(store: &mut dyn Store) {
    assert_eq!(
        store.counts().unwrap(),
        Default::default(),
        "a new store is empty"
    );

    // Writes become visible only on commit.
    {
        let mut tx = store.transaction().unwrap();
        tx.put_source(&source(), Existing::Replace).unwrap();
        drop(tx);
    }
    assert_eq!(
        store.counts().unwrap().sources,
        0,
        "a dropped transaction rolls back"
    );

    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_source(&source(), Existing::Replace).unwrap(),
        WriteOutcome::Inserted
    );
    for p in ["rus", "usa", "syr"] {
        assert_eq!(
            tx.put_party(&party(p), Existing::Keep).unwrap(),
            WriteOutcome::Inserted
        );
    }
    assert_eq!(tx.put_site(&site()).unwrap(), WriteOutcome::Inserted);
    tx.commit().unwrap();
    assert_eq!(
        store.site(&site().id).unwrap().unwrap(),
        site(),
        "a site reads back as written"
    );
    assert_eq!(store.source(&source().id).unwrap().unwrap(), source());

    // Equal writes change nothing; Keep leaves curated records alone; history only grows.
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_site(&site()).unwrap(), WriteOutcome::Unchanged);
    let mut renamed = source();
    renamed.title = "something else".into();
    assert_eq!(
        tx.put_source(&renamed, Existing::Keep).unwrap(),
        WriteOutcome::Unchanged
    );
    let mut later = site();
    later.status = vec![StatusEntry {
        as_of: day("2016-09-28"),
        status: SiteStatus::Damaged,
        source: None,
        note: Some("struck".into()),
    }];
    later.capacity.clear();
    assert_eq!(tx.put_site(&later).unwrap(), WriteOutcome::Updated);
    tx.commit().unwrap();
    let stored = store.site(&site().id).unwrap().unwrap();
    assert_eq!(
        stored.status.len(),
        2,
        "status history keeps the earlier entry"
    );
    assert_eq!(stored.capacity.len(), 1, "capacity facts are never dropped");
    assert_eq!(
        store.source(&source().id).unwrap().unwrap().title,
        source().title
    );

    // Notifications are versioned; acknowledgements only from addressees.
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_notification(&notification()).unwrap(),
        (WriteOutcome::Inserted, 1)
    );
    assert_eq!(
        tx.put_notification(&notification()).unwrap(),
        (WriteOutcome::Unchanged, 1)
    );
    let mut narrowed = notification();
    narrowed.valid = DayWindow::new(day("2016-09-05"), Some(day("2016-10-31"))).unwrap();
    assert_eq!(
        tx.put_notification(&narrowed).unwrap(),
        (WriteOutcome::Updated, 2)
    );
    let mut stranger = notification();
    stranger.parties = vec![PartyId::new("nobody").unwrap()];
    assert!(matches!(
        tx.put_notification(&stranger),
        Err(StoreError::NotFound { what: "party", .. })
    ));
    let ack = Acknowledgement {
        notification: notification().id,
        version: 2,
        party: party("rus").id,
        received_at: Utc.with_ymd_and_hms(2016, 9, 6, 8, 0, 0).unwrap(),
        by: Some("liaison desk".into()),
        channel: None,
        source: None,
    };
    assert_eq!(
        tx.put_acknowledgement(&ack).unwrap(),
        WriteOutcome::Inserted
    );
    assert_eq!(
        tx.put_acknowledgement(&ack).unwrap(),
        WriteOutcome::Unchanged
    );
    let mut wrong_party = ack.clone();
    wrong_party.party = party("syr").id;
    assert!(matches!(
        tx.put_acknowledgement(&wrong_party),
        Err(StoreError::Invalid { .. })
    ));
    tx.commit().unwrap();
    let versions = store.notifications_of(&notification().subject).unwrap();
    assert_eq!(
        versions.iter().map(|n| n.version).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(versions[0].valid.to, None, "version 1 stays as it was sent");
    assert_eq!(
        store.acknowledgements(&notification().id).unwrap(),
        vec![ack]
    );

    // Reports are immutable; incidents check what they name.
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_report(&report()).unwrap(), WriteOutcome::Inserted);
    assert_eq!(tx.put_report(&report()).unwrap(), WriteOutcome::Unchanged);
    let mut altered = report();
    altered.summary = "rewritten".into();
    assert!(matches!(
        tx.put_report(&altered),
        Err(StoreError::Conflict(_))
    ));
    let mut orphan = incident();
    orphan.targets = vec![Target::Site(SiteId::new("site-nowhere").unwrap())];
    assert!(matches!(
        tx.put_incident(&orphan),
        Err(StoreError::NotFound { what: "site", .. })
    ));
    assert_eq!(
        tx.put_incident(&incident()).unwrap(),
        WriteOutcome::Inserted
    );
    assert_eq!(
        tx.put_incident(&incident()).unwrap(),
        WriteOutcome::Unchanged
    );
    tx.commit().unwrap();
    assert_eq!(store.incident(&incident().id).unwrap().unwrap(), incident());

    let mut tx = store.transaction().unwrap();
    let mut revised = incident();
    revised.casualties[0].count = Range::new(2, 3, 4).unwrap();
    revised.targets.pop();
    assert_eq!(tx.put_incident(&revised).unwrap(), WriteOutcome::Updated);
    tx.commit().unwrap();
    assert_eq!(store.incident(&incident().id).unwrap().unwrap(), revised);

    // A revision built from a newer report adds it; the earlier report stays linked.
    let mut tx = store.transaction().unwrap();
    let mut newer = report();
    newer.id = ReportId::new("rep-2").unwrap();
    newer.summary = "M10 hit again, figures revised".into();
    tx.put_report(&newer).unwrap();
    let mut from_newer = revised.clone();
    from_newer.reports = vec![newer.id.clone()];
    from_newer.certainty = Certainty::Probable;
    assert_eq!(tx.put_incident(&from_newer).unwrap(), WriteOutcome::Updated);
    assert_eq!(
        tx.put_incident(&from_newer).unwrap(),
        WriteOutcome::Unchanged
    );
    // As an import writes it: a report restating stored facts adds nothing, not even itself…
    let mut restated = report();
    restated.id = ReportId::new("rep-3").unwrap();
    restated.summary = "the same facts, from a re-imported file".into();
    let mut same_facts = from_newer.clone();
    same_facts.reports = vec![restated.id.clone()];
    assert_eq!(
        tx.put_incident_from(&same_facts, &restated).unwrap(),
        WriteOutcome::Unchanged
    );
    // …while one with other facts is kept and linked after the others.
    let mut corrected = same_facts.clone();
    corrected.damage = Some(Damage::Destroyed);
    assert_eq!(
        tx.put_incident_from(&corrected, &restated).unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.put_incident_from(&corrected, &restated).unwrap(),
        WriteOutcome::Unchanged
    );
    tx.commit().unwrap();
    let stored = store.incident(&incident().id).unwrap().unwrap();
    assert_eq!(
        stored.reports,
        vec![report().id, newer.id.clone(), restated.id.clone()]
    );
    assert_eq!(stored.certainty, Certainty::Probable);
    assert_eq!(stored.damage, Some(Damage::Destroyed));

    // A savepoint undoes one row's writes and keeps the rest of the transaction.
    let mut tx = store.transaction().unwrap();
    tx.put_party(&party("tur"), Existing::Keep).unwrap();
    tx.savepoint().unwrap();
    tx.put_party(&party("gbr"), Existing::Keep).unwrap();
    tx.rollback_to_savepoint().unwrap();
    tx.commit().unwrap();
    let parties: Vec<String> = store
        .parties()
        .unwrap()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    assert_eq!(parties, ["rus", "syr", "tur", "usa"]);
    // The audit log keeps the entry of the write kept, and none of the write undone.
    let logged = |id: &str| {
        let query = crate::AuditQuery {
            record_kind: Some("party".into()),
            record_id: Some(id.into()),
            ..crate::AuditQuery::all(usize::MAX)
        };
        store.audit_log(&query).unwrap().len()
    };
    assert_eq!((logged("tur"), logged("gbr")), (1, 0));

    // Areas, who controls them when, and how many people live there.
    let mut tx = store.transaction().unwrap();
    let east = Area {
        id: AreaId::new("N0139").unwrap(),
        level: AreaLevel::Neighbourhood,
        pcode: Some("N0139".into()),
        name_en: "Al-Sakhour".into(),
        name_ar: Some("الصاخور".into()),
        parent: Some(AreaId::new("SY02").unwrap()),
        boundary: None,
        source: None,
    };
    assert_eq!(tx.put_area(&east).unwrap(), WriteOutcome::Inserted);
    assert_eq!(tx.put_area(&east).unwrap(), WriteOutcome::Unchanged);
    let mut zone = ZoneOfControl {
        id: ZoneId::new("zone-sakhour-2016").unwrap(),
        area: east.id.clone(),
        party: party("syr").id,
        period: DayWindow::new(day("2012-07-20"), None).unwrap(),
        source: Some(source().id),
    };
    assert_eq!(
        tx.put_zone_of_control(&zone).unwrap(),
        WriteOutcome::Inserted
    );
    zone.period = DayWindow::new(day("2012-07-20"), Some(day("2016-11-28"))).unwrap();
    assert_eq!(
        tx.put_zone_of_control(&zone).unwrap(),
        WriteOutcome::Updated
    );
    let mut elsewhere = zone.clone();
    elsewhere.area = AreaId::new("N9999").unwrap();
    assert!(matches!(
        tx.put_zone_of_control(&elsewhere),
        Err(StoreError::NotFound { what: "area", .. })
    ));
    let figure = PopulationFigure {
        area: east.id.clone(),
        as_of: day("2016-09-30"),
        population: 250_000,
        source: source().id,
    };
    assert_eq!(
        tx.put_population_figure(&figure).unwrap(),
        WriteOutcome::Inserted
    );
    assert_eq!(
        tx.put_population_figure(&figure).unwrap(),
        WriteOutcome::Unchanged
    );
    tx.commit().unwrap();
    assert_eq!(store.areas().unwrap(), vec![east.clone()]);
    assert_eq!(store.zones_of_control().unwrap(), vec![zone]);
    assert_eq!(store.population_figures(&east.id).unwrap(), vec![figure]);

    // Bulk reads for the cross-check.
    assert_eq!(store.all_acknowledgements().unwrap().len(), 1);
    let sources = store.incident_sources().unwrap();
    assert_eq!(sources.get(&incident().id), Some(&vec![source().id]));

    // Reading every incident in one pass gives what reading each one gives, children included.
    let mut all = Vec::new();
    store
        .for_each_incident(&mut |i| {
            all.push(i);
            Ok(())
        })
        .unwrap();
    assert_eq!(all, vec![store.incident(&incident().id).unwrap().unwrap()]);
    assert!(!all[0].casualties.is_empty() && !all[0].attributions.is_empty());
    assert_eq!(all[0].reports.len(), 3);

    // Details gather what belongs together.
    let detail = store.site_detail(&site().id).unwrap().unwrap();
    assert_eq!(detail.notifications.len(), 2);
    assert_eq!(detail.incidents.len(), 1);
    let detail = store.incident_detail(&incident().id).unwrap().unwrap();
    assert_eq!(detail.reports, vec![report(), newer, restated]);
    assert_eq!(detail.sources, vec![source()]);

    let counts = store.counts().unwrap();
    assert_eq!(
        (
            counts.sites,
            counts.notifications,
            counts.acknowledgements,
            counts.reports,
            counts.incidents
        ),
        (1, 1, 1, 3, 1)
    );

    findings_follow_the_data_version(store);
    areas_compare_as_stored_and_records_move_into_them(store);
    accounts_and_tokens(store);
    the_audit_log_names_who_changed_what(store);
    statements_are_read_by_id(store);
    the_transparency_log_state_only_grows(store);
}

fn the_transparency_log_state_only_grows(store: &mut dyn Store) {
    assert_eq!(
        store.log_signer_key().unwrap(),
        None,
        "a new store has no log key"
    );
    let version = store.data_version().unwrap();
    let mut tx = store.transaction().unwrap();
    tx.put_log_signer_key("PRIVATE+KEY+example+00000000+AQ")
        .unwrap();
    tx.append_log_leaves(0, &[(1, [1; 32]), (2, [2; 32])])
        .unwrap();
    tx.put_log_checkpoint(2, "example\n2\nroot\n").unwrap();
    tx.commit().unwrap();
    assert_eq!(
        store.data_version().unwrap(),
        version,
        "the log's state is not a record: the data version stays"
    );
    let mut tx = store.transaction().unwrap();
    assert!(matches!(
        tx.put_log_signer_key("PRIVATE+KEY+other+00000000+AQ"),
        Err(StoreError::Conflict(_))
    ));
    assert!(
        matches!(
            tx.append_log_leaves(1, &[(3, [3; 32])]),
            Err(StoreError::Conflict(_))
        ),
        "leaves are appended after the stored ones, never over them"
    );
    assert!(matches!(
        tx.put_log_checkpoint(2, "again"),
        Err(StoreError::Conflict(_))
    ));
    drop(tx);
    let mut tx = store.transaction().unwrap();
    tx.append_log_leaves(2, &[(3, [3; 32])]).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        store.log_leaves().unwrap(),
        vec![(1, [1; 32]), (2, [2; 32]), (3, [3; 32])]
    );
    assert_eq!(store.log_checkpoints().unwrap().len(), 1);
    assert!(store.log_signer_key().unwrap().unwrap().contains("example"));

    // The head is replaced, not added to, and reads back as written.
    assert_eq!(store.log_head().unwrap(), None, "no head before one is put");
    for head in [
        crate::LogHead {
            tree_size: 2,
            last_seq: Some(2),
            note: "example\n2\nroot\n".into(),
            frontier: vec![0, 0, 0, 0, 0, 0, 0, 2, 9],
        },
        crate::LogHead {
            tree_size: 3,
            last_seq: Some(3),
            note: "example\n3\nroot\n".into(),
            frontier: vec![0, 0, 0, 0, 0, 0, 0, 3, 8, 7],
        },
    ] {
        let mut tx = store.transaction().unwrap();
        tx.put_log_head(&head).unwrap();
        tx.commit().unwrap();
        assert_eq!(store.log_head().unwrap(), Some(head));
    }
    assert_eq!(
        store.data_version().unwrap(),
        version,
        "the head is not a record either"
    );
}

/// A statement is found by its id, whichever incident it is about, and with its incident.
fn statements_are_read_by_id(store: &mut dyn Store) {
    let statement = Statement {
        id: StatementId::new("stmt-1").unwrap(),
        incident: incident().id,
        party: None,
        kind: StatementKind::Denial,
        made_on: day("2016-09-29"),
        summary: "Denies the strike".into(),
        source: source().id,
    };
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_statement(&statement).unwrap(),
        WriteOutcome::Inserted
    );
    tx.commit().unwrap();
    assert_eq!(
        store.statement(&statement.id).unwrap(),
        Some(statement.clone())
    );
    assert_eq!(
        store
            .statement(&StatementId::new("stmt-2").unwrap())
            .unwrap(),
        None
    );
    let detail = store.incident_detail(&incident().id).unwrap().unwrap();
    assert_eq!(detail.statements, vec![statement]);
}

fn the_audit_log_names_who_changed_what(store: &mut dyn Store) {
    use crate::AuditQuery;
    let everything = store.audit_log(&AuditQuery::all(usize::MAX)).unwrap();
    assert!(
        !everything.is_empty(),
        "every write of the story so far is in the log"
    );
    assert!(
        everything.windows(2).all(|w| w[0].seq < w[1].seq),
        "entries come oldest first"
    );
    for entry in &everything {
        let text = entry.after.to_string() + &format!("{:?}", entry.before);
        assert!(
            !text.contains("password_hash") && !text.contains("token_sha256"),
            "no secret in the audit log: {text}"
        );
        assert_eq!(
            entry.before.is_none(),
            entry.action == AuditAction::Insert,
            "only an insert has no before"
        );
    }
    assert!(
        everything
            .iter()
            .any(|e| e.record_kind == "report" && e.after.get("content_sha256").is_some()),
        "a report's entry pins its content by digest"
    );

    let monitor = Principal::new(Role::Monitor, None, Some("amal".into())).unwrap();
    let actor = Actor::for_request(&monitor, "tok_1");
    let mut changed = store.incident(&incident().id).unwrap().unwrap();
    let old_certainty = changed.certainty;
    changed.certainty = if old_certainty == Certainty::Possible {
        Certainty::Probable
    } else {
        Certainty::Possible
    };

    // A dropped transaction leaves no entry behind.
    {
        let mut tx = store.transaction_as(&actor).unwrap();
        tx.put_incident(&changed).unwrap();
    }
    let history = AuditQuery {
        record_kind: Some("incident".into()),
        record_id: Some(incident().id.to_string()),
        after_seq: None,
        limit: 1000,
    };
    let before_edit = store.audit_log(&history).unwrap();
    assert_eq!(
        store.audit_log(&AuditQuery::all(usize::MAX)).unwrap().len(),
        everything.len(),
        "a rolled-back write is not in the log"
    );

    let mut tx = store.transaction_as(&actor).unwrap();
    assert_eq!(tx.put_incident(&changed).unwrap(), WriteOutcome::Updated);
    tx.commit().unwrap();
    let mut tx = store.transaction_as(&actor).unwrap();
    assert_eq!(tx.put_incident(&changed).unwrap(), WriteOutcome::Unchanged);
    tx.commit().unwrap();

    let after_edit = store.audit_log(&history).unwrap();
    assert_eq!(
        after_edit.len(),
        before_edit.len() + 1,
        "one entry for the change, none for the unchanged write"
    );
    let entry = after_edit.last().unwrap();
    assert_eq!(entry.actor.name(), "amal");
    assert_eq!(entry.actor.role(), Some(Role::Monitor));
    assert_eq!(entry.action, AuditAction::Update);
    let certainty = |v: &serde_json::Value| v["certainty"].as_str().unwrap().to_owned();
    assert_eq!(
        certainty(entry.before.as_ref().unwrap()),
        old_certainty.to_string()
    );
    assert_eq!(certainty(&entry.after), changed.certainty.to_string());

    // Pages follow `seq`.
    let first = store.audit_log(&AuditQuery::all(2)).unwrap();
    assert_eq!(first.len(), 2);
    let next = store
        .audit_log(&AuditQuery {
            after_seq: Some(first[1].seq),
            ..AuditQuery::all(1)
        })
        .unwrap();
    assert_eq!(next[0].seq, everything[2].seq);
}

fn at(day: u32, hour: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2016, 10, day, hour, 0, 0).unwrap()
}

fn api_token(id: &str, secret: &str, role: Role, party: Option<&str>) -> ApiToken {
    ApiToken {
        id: id.into(),
        label: Some(format!("{role} token")),
        role,
        party: party.map(|p| PartyId::new(p).unwrap()),
        account: None,
        token_sha256: Sha256::of(secret.as_bytes()),
        created_at: at(1, 9),
        revoked_at: None,
        expires_at: None,
    }
}

/// Accounts and tokens: written once, found by name and by the digest of the secret, revoked
/// (and then reported as revoked, not as unknown); none of it moves the data version.
fn accounts_and_tokens(store: &mut dyn Store) {
    const PASSWORD: &str = "correct horse battery";
    let version = store.data_version().unwrap();
    let admin = Account {
        name: "amal".into(),
        role: Role::Admin,
        party: None,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"
            .into(),
        created_at: at(1, 8),
        disabled_at: None,
    };
    let liaison_account = Account {
        name: "liaison-rus".into(),
        role: Role::Liaison,
        party: Some(party("rus").id),
        ..admin.clone()
    };
    let admin_token = ApiToken {
        account: Some(admin.name.clone()),
        // Read back as written, like every other field.
        expires_at: Some(at(3, 12)),
        ..api_token("0000000000a1", "vigil_admin", Role::Admin, None)
    };
    let liaison_token = api_token("0000000000b2", "vigil_liaison", Role::Liaison, Some("rus"));

    let mut tx = store.transaction().unwrap();
    tx.put_account(&admin).unwrap();
    tx.put_account(&liaison_account).unwrap();
    tx.put_token(&admin_token).unwrap();
    tx.put_token(&liaison_token).unwrap();
    tx.commit().unwrap();

    assert_eq!(store.account("amal").unwrap(), Some(admin.clone()));
    assert_eq!(store.account("nobody").unwrap(), None);
    assert_eq!(
        store.accounts().unwrap(),
        vec![admin.clone(), liaison_account.clone()],
        "accounts by name"
    );
    assert_ne!(
        store.account("amal").unwrap().unwrap().password_hash,
        PASSWORD,
        "an account holds a hash"
    );
    assert_eq!(
        store.data_version().unwrap(),
        version,
        "accounts and tokens are not records the findings depend on"
    );

    // Found by the digest of the secret, with what it grants.
    let found = store
        .token_by_sha256(&Sha256::of(b"vigil_liaison"))
        .unwrap()
        .expect("a token is found by its digest");
    assert_eq!(found, liaison_token);
    assert_eq!(
        found.principal().unwrap().party(),
        Some(&party("rus").id),
        "a liaison token carries its party"
    );
    assert_eq!(
        store
            .token_by_sha256(&Sha256::of(b"vigil_admin"))
            .unwrap()
            .unwrap()
            .account
            .as_deref(),
        Some("amal")
    );
    assert_eq!(
        store.token_by_sha256(&Sha256::of(b"vigil_guess")).unwrap(),
        None
    );
    assert_eq!(
        store.tokens().unwrap(),
        vec![admin_token.clone(), liaison_token.clone()]
    );

    // Written once: a second account of that name, a second token with that id or that
    // secret, are conflicts and leave the stored ones as they were.
    let mut tx = store.transaction().unwrap();
    let replaced = Account {
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$b3RoZXJoYXNo".into(),
        ..admin.clone()
    };
    assert!(matches!(
        tx.put_account(&replaced),
        Err(StoreError::Conflict(_))
    ));
    let same_id = api_token("0000000000a1", "vigil_other", Role::Analyst, None);
    assert!(matches!(
        tx.put_token(&same_id),
        Err(StoreError::Conflict(_))
    ));
    let same_secret = api_token("0000000000c3", "vigil_admin", Role::Analyst, None);
    assert!(matches!(
        tx.put_token(&same_secret),
        Err(StoreError::Conflict(_))
    ));
    drop(tx);
    assert_eq!(store.account("amal").unwrap(), Some(admin.clone()));

    // What the rules refuse never reaches the database.
    let mut tx = store.transaction().unwrap();
    let plain = Account {
        name: "plain".into(),
        password_hash: PASSWORD.into(),
        ..admin.clone()
    };
    let err = tx.put_account(&plain).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    assert!(
        !err.to_string().contains(PASSWORD),
        "the refusal does not repeat the password: {err}"
    );
    let unbound = api_token("0000000000d4", "vigil_unbound", Role::Liaison, None);
    assert!(matches!(
        tx.put_token(&unbound),
        Err(StoreError::Invalid { .. })
    ));
    let public = api_token("0000000000e5", "vigil_public", Role::Public, None);
    assert!(matches!(
        tx.put_token(&public),
        Err(StoreError::Invalid { .. })
    ));
    let elsewhere = api_token("0000000000f6", "vigil_nowhere", Role::Liaison, Some("xxx"));
    let err = tx.put_token(&elsewhere).unwrap_err();
    assert!(
        matches!(&err, StoreError::NotFound { id, .. } if id == "xxx"),
        "an unknown party is named: {err}"
    );
    let orphan = ApiToken {
        account: Some("ghost".into()),
        ..api_token("0000000000f7", "vigil_orphan", Role::Analyst, None)
    };
    assert!(matches!(
        tx.put_token(&orphan),
        Err(StoreError::NotFound { .. })
    ));
    drop(tx);

    // Revoked: still found by its digest, and reported as revoked; the first time stays.
    let mut tx = store.transaction().unwrap();
    assert!(tx.revoke_token("0000000000b2", at(2, 10)).unwrap());
    assert!(tx.revoke_token("0000000000b2", at(3, 10)).unwrap());
    assert!(!tx.revoke_token("ffffffffffff", at(2, 10)).unwrap());
    tx.commit().unwrap();
    let revoked = store
        .token_by_sha256(&Sha256::of(b"vigil_liaison"))
        .unwrap()
        .expect("a revoked token is still known");
    assert_eq!(revoked.revoked_at, Some(at(2, 10)));
    assert_eq!(revoked.principal(), None, "a revoked token grants nothing");
    assert!(store
        .token_by_sha256(&Sha256::of(b"vigil_admin"))
        .unwrap()
        .unwrap()
        .is_active());
    assert_eq!(store.data_version().unwrap(), version);
}

/// An area written again with the same boundary changes nothing, whatever the precision of its
/// coordinates; incidents and sites move to another area without any other change, and only
/// from the area expected.
fn areas_compare_as_stored_and_records_move_into_them(store: &mut dyn Store) {
    use geo_types::{polygon, MultiPolygon};

    // Full-precision coordinates, some of which do not survive every text round trip.
    let boundary: MultiPolygon<f64> = polygon![
        (x: 37.182_984_125_439_64, y: 36.212_543_097_312_4),
        (x: 37.196_450_718_235_08, y: 36.212_543_097_312_4),
        (x: 37.196_450_718_235_08, y: 36.742_329_972_091_596),
        (x: 37.182_984_125_439_64, y: 36.494_591_367_118_076),
        (x: 37.182_984_125_439_64, y: 36.212_543_097_312_4),
    ]
    .into();
    let shaar = Area {
        id: AreaId::new("N0156").unwrap(),
        level: AreaLevel::Neighbourhood,
        pcode: Some("N0156".into()),
        name_en: "Sha'aar".into(),
        name_ar: Some("الشعار".into()),
        parent: Some(AreaId::new("SY020000").unwrap()),
        boundary: Some(boundary),
        source: Some(source().id),
    };
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_area(&shaar).unwrap(), WriteOutcome::Inserted);
    tx.commit().unwrap();
    let before = store.data_version().unwrap();
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_area(&shaar).unwrap(),
        WriteOutcome::Unchanged,
        "an area with a full-precision boundary, written again"
    );
    let mut renamed = shaar.clone();
    renamed.name_en = "Al-Sha'aar".into();
    assert_eq!(tx.put_area(&renamed).unwrap(), WriteOutcome::Updated);
    assert_eq!(tx.put_area(&shaar).unwrap(), WriteOutcome::Updated);
    tx.commit().unwrap();

    // An incident without an area gets one, stored as writing it with that area would.
    let without = store.incident(&incident().id).unwrap().unwrap();
    assert_eq!(
        without.area, None,
        "setup: the story's incident has no area"
    );
    let aleppo = AreaId::new("SY02").unwrap();
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.set_incident_area(&without.id, Some(&aleppo), &shaar.id)
            .unwrap(),
        WriteOutcome::Unchanged,
        "an incident not in the area expected is left alone"
    );
    assert_eq!(
        tx.set_incident_area(&without.id, None, &aleppo).unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.set_incident_area(&without.id, None, &shaar.id).unwrap(),
        WriteOutcome::Unchanged,
        "an incident that has an area keeps it unless that area is expected"
    );
    assert_eq!(
        tx.set_incident_area(&without.id, Some(&aleppo), &shaar.id)
            .unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.set_incident_area(&without.id, Some(&shaar.id), &shaar.id)
            .unwrap(),
        WriteOutcome::Unchanged
    );
    assert!(matches!(
        tx.set_incident_area(&IncidentId::new("inc-nowhere").unwrap(), None, &shaar.id),
        Err(StoreError::NotFound {
            what: "incident",
            ..
        })
    ));
    tx.commit().unwrap();
    assert!(
        store.data_version().unwrap() > before,
        "moving a record to an area is a change"
    );
    let mut with_area = without.clone();
    with_area.area = Some(shaar.id.clone());
    assert_eq!(store.incident(&without.id).unwrap().unwrap(), with_area);
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_incident(&with_area).unwrap(),
        WriteOutcome::Unchanged,
        "the incident written with the area it was given"
    );
    tx.commit().unwrap();

    // Sites likewise.
    let mut m2 = site();
    m2.id = SiteId::new("site-m2").unwrap();
    m2.area = None;
    m2.status.clear();
    m2.capacity.clear();
    let mut tx = store.transaction().unwrap();
    assert_eq!(tx.put_site(&m2).unwrap(), WriteOutcome::Inserted);
    assert_eq!(
        tx.set_site_area(&m2.id, None, &aleppo).unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.set_site_area(&m2.id, None, &shaar.id).unwrap(),
        WriteOutcome::Unchanged
    );
    assert_eq!(
        tx.set_site_area(&m2.id, Some(&aleppo), &shaar.id).unwrap(),
        WriteOutcome::Updated
    );
    assert_eq!(
        tx.set_site_area(&m2.id, Some(&shaar.id), &shaar.id)
            .unwrap(),
        WriteOutcome::Unchanged
    );
    assert_eq!(
        tx.set_site_area(&site().id, None, &shaar.id).unwrap(),
        WriteOutcome::Unchanged,
        "a site naming its own area keeps it"
    );
    assert!(matches!(
        tx.set_site_area(&SiteId::new("site-nowhere").unwrap(), None, &shaar.id),
        Err(StoreError::NotFound { what: "site", .. })
    ));
    m2.area = Some(shaar.id.clone());
    assert_eq!(tx.put_site(&m2).unwrap(), WriteOutcome::Unchanged);
    tx.commit().unwrap();
    assert_eq!(store.site(&site().id).unwrap().unwrap().area, site().area);
}

/// The data version moves with every committed change to the records, and only then; stored
/// findings are replaced per incident, read back in order, and found by their subject.
fn findings_follow_the_data_version(store: &mut dyn Store) {
    use crate::FindingsState;
    use vigil_domain::finding::{Finding, FindingKind, Strength, Subject};

    let before = store.data_version().unwrap();
    let mut tx = store.transaction().unwrap();
    assert_eq!(
        tx.put_site(&site()).unwrap(),
        WriteOutcome::Unchanged,
        "setup: the site is stored as it is"
    );
    tx.commit().unwrap();
    assert_eq!(
        store.data_version().unwrap(),
        before,
        "a transaction that changed nothing leaves the data version"
    );

    let finding = |kind: FindingKind, subject: Subject, site: Option<SiteId>| Finding {
        kind,
        strength: Strength::Consistent,
        incident: incident().id,
        subject,
        distance_m: Some(180.0),
        reach_m: Some(250.0),
        notification: None,
        interval_s: None,
        returned_within_hours: false,
        site,
        parties: Vec::new(),
        area: None,
        score: None,
        reasons: Vec::new(),
        explanation: "M10 hospital, 180 m from an airstrike".into(),
    };
    let on_site = finding(FindingKind::UnnotifiedSite, Subject::Site(site().id), None);
    let repeat = finding(
        FindingKind::RepeatAttack,
        Subject::Incident(IncidentId::new("inc-earlier").unwrap()),
        Some(site().id),
    );
    let digest = Sha256::of(b"the findings");
    assert_eq!(
        store.findings_state().unwrap(),
        None,
        "no findings stored yet"
    );
    let mut tx = store.transaction().unwrap();
    tx.put_findings(
        &incident().id,
        std::slice::from_ref(&on_site),
        &Sha256::of(b"old"),
    )
    .unwrap();
    tx.put_findings(&incident().id, &[on_site.clone(), repeat.clone()], &digest)
        .unwrap();
    let state = FindingsState {
        data_version: before,
        options: "defaults".into(),
        computed_at: Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap(),
        incidents: 1,
        findings: 2,
    };
    tx.set_findings_state(&state).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        store.data_version().unwrap(),
        before,
        "writing findings leaves the data version"
    );
    assert_eq!(store.findings_state().unwrap(), Some(state));
    let mut stored = Vec::new();
    store
        .for_each_finding(&mut |f| {
            stored.push(f);
            Ok(())
        })
        .unwrap();
    assert_eq!(
        stored,
        vec![on_site.clone(), repeat.clone()],
        "a second write replaces an incident's findings"
    );
    assert_eq!(
        store.finding_digests().unwrap().get(&incident().id),
        Some(&digest)
    );
    assert_eq!(
        store.findings_about(&Subject::Site(site().id)).unwrap(),
        vec![on_site, repeat],
        "a site's findings include the repeat attacks on it"
    );

    let mut changed = site();
    changed.name = format!("{} (renamed)", changed.name);
    let mut tx = store.transaction().unwrap();
    tx.put_site(&changed).unwrap();
    tx.commit().unwrap();
    assert!(
        store.data_version().unwrap() > before,
        "a committed change moves the data version on"
    );

    let mut tx = store.transaction().unwrap();
    tx.remove_findings(&incident().id).unwrap();
    tx.commit().unwrap();
    assert!(store.finding_digests().unwrap().is_empty());
    assert!(store
        .findings_about(&Subject::Site(site().id))
        .unwrap()
        .is_empty());

    evidence::story(store, &incident().id, &source().id);
}
