//! The compact list columns of incidents: `casualties` (`group:outcome:N` or
//! `group:outcome:low/best/high`) and `perpetrators` (`party_id:grade`).

use crate::values;
use vigil_domain::{
    Attribution, AttributionGrade, CasualtyFigure, CasualtyGroup, Outcome, PartyId, Range, SourceId,
};

const CASUALTY_FORM: &str = "expected group:outcome:N or group:outcome:low/best/high, \
                             e.g. people:killed:20 or aid_workers:killed:12/13/14";

/// Reads a `casualties` value; every figure is credited to `source`.
pub(crate) fn read_casualties(
    text: &str,
    source: &SourceId,
) -> Result<Vec<CasualtyFigure>, String> {
    values::list(text)
        .map(|entry| {
            let bad = |problem: String| format!("entry '{entry}': {problem}");
            let parts: Vec<&str> = entry.split(':').map(str::trim).collect();
            let [group, outcome, count] = parts[..] else {
                return Err(bad(CASUALTY_FORM.into()));
            };
            let group: CasualtyGroup = group
                .parse()
                .map_err(|e: vigil_domain::ValidationError| bad(e.problem))?;
            let outcome: Outcome = outcome
                .parse()
                .map_err(|e: vigil_domain::ValidationError| bad(e.problem))?;
            let whole = |n: &str| {
                n.trim()
                    .parse::<u32>()
                    .map_err(|_| bad(format!("'{n}' is not a whole number ({CASUALTY_FORM})")))
            };
            let count = match count.split('/').collect::<Vec<_>>()[..] {
                [n] => Range::exact(whole(n)?),
                [low, best, high] => Range::new(whole(low)?, whole(best)?, whole(high)?)
                    .map_err(|errors| bad(errors[0].to_string()))?,
                _ => return Err(bad(CASUALTY_FORM.into())),
            };
            Ok(CasualtyFigure {
                group,
                outcome,
                count,
                source: Some(source.clone()),
            })
        })
        .collect()
}

/// Writes figures as `read_casualties` reads them; an exact count is written as one number.
pub(crate) fn write_casualties(figures: &[CasualtyFigure]) -> String {
    figures
        .iter()
        .map(|f| {
            let Range { low, best, high } = f.count;
            if low == best && best == high {
                format!("{}:{}:{best}", f.group, f.outcome)
            } else {
                format!("{}:{}:{low}/{best}/{high}", f.group, f.outcome)
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads a `perpetrators` value. An entry is `party_id:grade`, or `party_id` alone for an
/// alleged party; the text after the last `:` must be a grade, so a party id cannot end in
/// `:something` that is not one.
pub(crate) fn read_perpetrators(text: &str, source: &SourceId) -> Result<Vec<Attribution>, String> {
    values::list(text)
        .map(|entry| {
            let bad = |problem: String| format!("entry '{entry}': {problem}");
            let (party, grade) = match entry.rsplit_once(':') {
                Some((party, grade)) => (
                    party.trim(),
                    grade
                        .parse::<AttributionGrade>()
                        .map_err(|e| bad(format!("{} (expected party_id:grade)", e.problem)))?,
                ),
                None => (entry, AttributionGrade::Alleged),
            };
            let party = PartyId::new(party).map_err(|e| bad(e.problem))?;
            Ok(Attribution {
                party,
                grade,
                sources: vec![source.clone()],
            })
        })
        .collect()
}

pub(crate) fn write_perpetrators(attributions: &[Attribution]) -> String {
    attributions
        .iter()
        .map(|a| format!("{}:{}", a.party, a.grade))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> SourceId {
        SourceId::new("s").unwrap()
    }

    #[test]
    fn casualties_read_and_write_back() {
        let text = "people:killed:20;aid_workers:killed:12/13/14";
        let figures = read_casualties(text, &source()).unwrap();
        assert_eq!(figures[1].count, Range::new(12, 13, 14).unwrap());
        assert_eq!(write_casualties(&figures), text);
    }

    #[test]
    fn casualty_errors_name_the_entry_and_the_form() {
        let err = read_casualties("people:killed", &source()).unwrap_err();
        assert!(
            err.starts_with("entry 'people:killed': expected group:outcome:N"),
            "{err}"
        );
        let err = read_casualties("people:killed:14/13/15", &source()).unwrap_err();
        assert_eq!(
            err,
            "entry 'people:killed:14/13/15': low: 14 is above best 13"
        );
        let err = read_casualties("dogs:killed:1", &source()).unwrap_err();
        assert!(err.contains("unknown casualty group 'dogs'"), "{err}");
    }

    #[test]
    fn perpetrators_default_to_alleged() {
        let a = read_perpetrators("sy-gov; ru:highly_probable", &source()).unwrap();
        assert_eq!(a[0].grade, AttributionGrade::Alleged);
        assert_eq!(write_perpetrators(&a), "sy-gov:alleged;ru:highly_probable");
        let err = read_perpetrators("ru:certain", &source()).unwrap_err();
        assert!(err.contains("unknown attribution grade 'certain'"), "{err}");
    }
}
