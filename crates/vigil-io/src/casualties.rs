//! The compact list columns of incidents: `casualties` (`group:outcome:N` or
//! `group:outcome:low/best/high`) and `perpetrators` (`party_id:grade`), each entry optionally
//! followed by the `@SOURCE_ID` suffix of [`crate::sources`].

use crate::sources;
use crate::values;
use vigil_domain::{
    Attribution, AttributionGrade, CasualtyFigure, CasualtyGroup, Outcome, PartyId, Range, SourceId,
};

const CASUALTY_FORM: &str = "expected group:outcome:N or group:outcome:low/best/high, \
                             e.g. people:killed:20 or aid_workers:killed:12/13/14";

const CASUALTY_SOURCE_FORM: &str =
    "expected group:outcome:N@SOURCE_ID, or group:outcome:N@- for a figure without a source";

const PERPETRATOR_SOURCE_FORM: &str = "expected party_id:grade@SOURCE_ID, \
     party_id:grade@SOURCE_A@SOURCE_B for several, or party_id:grade@- for none";

/// Reads a `casualties` value; a figure without a suffix is credited to `source`.
pub(crate) fn read_casualties(
    text: &str,
    source: &SourceId,
) -> Result<Vec<CasualtyFigure>, String> {
    values::list(text)
        .map(|entry| {
            let bad = |problem: String| format!("entry '{entry}': {problem}");
            let (fact, suffix) = sources::split(entry);
            let parts: Vec<&str> = fact.split(':').map(str::trim).collect();
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
                source: sources::one(suffix, source, CASUALTY_SOURCE_FORM).map_err(bad)?,
            })
        })
        .collect()
}

/// Writes figures as `read_casualties` reads them under a row whose `source` column holds
/// `row_source`; an exact count is written as one number.
pub(crate) fn write_casualties(
    figures: &[CasualtyFigure],
    row_source: Option<&SourceId>,
) -> String {
    figures
        .iter()
        .map(|f| {
            let Range { low, best, high } = f.count;
            let suffix = sources::write_one(f.source.as_ref(), row_source);
            if low == best && best == high {
                format!("{}:{}:{best}{suffix}", f.group, f.outcome)
            } else {
                format!("{}:{}:{low}/{best}/{high}{suffix}", f.group, f.outcome)
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads a `perpetrators` value. An entry is `party_id:grade`, or `party_id` alone for an
/// alleged party, then optionally `@SOURCE_ID…`; the text after the last `:` before any `@`
/// must be a grade, so a party id cannot end in `:something` that is not one. Without a suffix
/// the attribution is credited to `source`.
pub(crate) fn read_perpetrators(text: &str, source: &SourceId) -> Result<Vec<Attribution>, String> {
    values::list(text)
        .map(|entry| {
            let bad = |problem: String| format!("entry '{entry}': {problem}");
            let (fact, suffix) = sources::split(entry);
            let (party, grade) = match fact.rsplit_once(':') {
                Some((party, grade)) => (
                    party.trim(),
                    grade
                        .parse::<AttributionGrade>()
                        .map_err(|e| bad(format!("{} (expected party_id:grade)", e.problem)))?,
                ),
                None => (fact, AttributionGrade::Alleged),
            };
            let party = PartyId::new(party).map_err(|e| bad(e.problem))?;
            Ok(Attribution {
                party,
                grade,
                sources: sources::many(suffix, source, PERPETRATOR_SOURCE_FORM).map_err(bad)?,
            })
        })
        .collect()
}

/// Writes attributions as `read_perpetrators` reads them under a row whose `source` column
/// holds `row_source`; the grade is always written.
pub(crate) fn write_perpetrators(
    attributions: &[Attribution],
    row_source: Option<&SourceId>,
) -> String {
    attributions
        .iter()
        .map(|a| {
            let suffix = sources::write_many(&a.sources, row_source);
            format!("{}:{}{suffix}", a.party, a.grade)
        })
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
        assert_eq!(write_casualties(&figures, Some(&source())), text);
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
        assert_eq!(
            write_perpetrators(&a, Some(&source())),
            "sy-gov:alleged;ru:highly_probable"
        );
        let err = read_perpetrators("ru:certain", &source()).unwrap_err();
        assert!(err.contains("unknown attribution grade 'certain'"), "{err}");
    }

    #[test]
    fn entries_carry_their_own_sources() {
        let text = "aid_workers:killed:14@src-coi;aid_workers:killed:18@src-rte;people:killed:2";
        let figures = read_casualties(text, &source()).unwrap();
        let got: Vec<Option<&str>> = figures
            .iter()
            .map(|f| f.source.as_ref().map(SourceId::as_str))
            .collect();
        assert_eq!(got, [Some("src-coi"), Some("src-rte"), Some("s")]);
        assert_eq!(write_casualties(&figures, Some(&source())), text);
        let none = read_casualties("people:injured:3 @ -", &source()).unwrap();
        assert_eq!(none[0].source, None);
        assert_eq!(write_casualties(&none, None), "people:injured:3@-");

        let a =
            read_perpetrators("syria:probable@src-coi;ru@a@b;x:confirmed@-", &source()).unwrap();
        assert_eq!(a[0].sources, [SourceId::new("src-coi").unwrap()]);
        assert_eq!(a[1].grade, AttributionGrade::Alleged);
        assert_eq!(a[1].sources.len(), 2);
        assert!(a[2].sources.is_empty());
        assert_eq!(
            write_perpetrators(&a, Some(&source())),
            "syria:probable@src-coi;ru:alleged@a@b;x:confirmed@-"
        );
    }

    #[test]
    fn bad_suffixes_name_the_entry_and_the_form() {
        let err = read_casualties("people:killed:1@", &source()).unwrap_err();
        assert_eq!(
            err,
            "entry 'people:killed:1@': a source id is missing after '@' (expected \
             group:outcome:N@SOURCE_ID, or group:outcome:N@- for a figure without a source)"
        );
        let err = read_perpetrators("ru:probable@a@", &source()).unwrap_err();
        assert_eq!(
            err,
            "entry 'ru:probable@a@': a source id is missing after '@' (expected \
             party_id:grade@SOURCE_ID, party_id:grade@SOURCE_A@SOURCE_B for several, or \
             party_id:grade@- for none)"
        );
    }
}
