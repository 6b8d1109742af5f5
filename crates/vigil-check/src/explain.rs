//! The one-line explanations findings carry: names, dates, distances in whole metres,
//! parties — enough for a reader to check the finding against the records.

use crate::finding::NotificationFact;
use chrono::{Datelike, Timelike};
use vigil_domain::{Incident, IncidentKind, PartyId, TimeSpan, Timestamp};

/// "an airstrike on 2016-09-28".
pub(crate) fn incident(incident: &Incident) -> String {
    format!(
        "{} {}",
        kind_with_article(incident.kind),
        when(&incident.when)
    )
}

/// "an airstrike", "a barrel bomb", "an incident of unknown kind".
pub(crate) fn kind_with_article(kind: IncidentKind) -> String {
    match kind {
        IncidentKind::Unknown => "an incident of unknown kind".into(),
        IncidentKind::Other => "an incident".into(),
        IncidentKind::Missile => "a missile strike".into(),
        other => {
            let words = other.as_str().replace('_', " ");
            let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {words}")
        }
    }
}

/// "on 2016-09-28", "from 2016-09-28 to 2016-09-30", "at 2016-09-28 04:10 UTC",
/// "between 2016-09-28 04:10 and 06:30 UTC".
pub(crate) fn when(span: &TimeSpan) -> String {
    let (start, end) = (span.start(), span.end());
    if span.is_whole_days() {
        if start.date_naive() == end.date_naive() {
            format!("on {}", start.date_naive())
        } else {
            format!("from {} to {}", start.date_naive(), end.date_naive())
        }
    } else if start == end {
        format!("at {} UTC", minute(start))
    } else if start.date_naive() == end.date_naive() {
        format!(
            "between {} and {:02}:{:02} UTC",
            minute(start),
            end.hour(),
            end.minute()
        )
    } else {
        format!("between {} and {} UTC", minute(start), minute(end))
    }
}

/// "2016-09-28 04:10".
pub(crate) fn minute(t: Timestamp) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// "180 m": distances are told to the metre, whatever the precision behind them.
pub(crate) fn metres(d: f64) -> String {
    format!("{} m", d.round() as i64)
}

/// "russia, turkey, usa".
pub(crate) fn parties<'p>(parties: impl IntoIterator<Item = &'p PartyId>) -> String {
    let names: Vec<&str> = parties.into_iter().map(PartyId::as_str).collect();
    if names.is_empty() {
        "no party".into()
    } else {
        names.join(", ")
    }
}

/// "3 h 20 min", "2 days 4 h", "0 min".
pub(crate) fn duration(seconds: i64) -> String {
    let minutes = seconds.abs() / 60;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) if mins == 0 => format!("{h} h"),
        (0, h) => format!("{h} h {mins} min"),
        (1, 0) => "1 day".into(),
        (1, h) => format!("1 day {h} h"),
        (d, 0) => format!("{d} days"),
        (d, h) => format!("{d} days {h} h"),
    }
}

/// "notified to russia, turkey, usa 22 days before (acknowledged by russia; not by turkey,
/// usa)" — the notification as the parties held it when the incident began.
pub(crate) fn notification(fact: &NotificationFact, addressed_to: &[PartyId]) -> String {
    let timing = if !fact.sent_before {
        "only after it began".to_string()
    } else {
        match fact.days_before {
            0 => "less than a day before".to_string(),
            1 => "1 day before".to_string(),
            n => format!("{n} days before"),
        }
    };
    let acknowledged = if fact.acknowledged_by.is_empty() {
        "acknowledged by none".to_string()
    } else {
        let by = parties(fact.acknowledged_by.iter().map(|(p, _)| p));
        if fact.not_acknowledged_by.is_empty() {
            format!("acknowledged by {by}")
        } else {
            format!(
                "acknowledged by {by}; not by {}",
                parties(&fact.not_acknowledged_by)
            )
        }
    };
    format!(
        "notified to {} {timing} (notification {} v{}, {acknowledged})",
        parties(addressed_to),
        fact.id,
        fact.version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration(3 * 3600 + 20 * 60), "3 h 20 min");
        assert_eq!(duration(12 * 3600), "12 h");
        assert_eq!(duration(86_400 + 4 * 3600), "1 day 4 h");
        assert_eq!(duration(3 * 86_400), "3 days");
    }

    #[test]
    fn kinds_take_the_right_article() {
        assert_eq!(kind_with_article(IncidentKind::Airstrike), "an airstrike");
        assert_eq!(kind_with_article(IncidentKind::BarrelBomb), "a barrel bomb");
        assert_eq!(
            kind_with_article(IncidentKind::Unknown),
            "an incident of unknown kind"
        );
    }
}
