//! An area's English and Arabic names, put right when a file has them the wrong way round.
//!
//! Real files do: OCHA's Syrian sub-district file (`syr_admin3`) has the country's `ADM0_EN`
//! in Arabic and `ADM0_AR` in English. Swapping on the script the text is written in, rather
//! than on a list of known files, mends any file with the same slip.

/// Whether `text` has a letter of the Arabic script (the Arabic, Arabic Supplement, Arabic
/// Extended-A and presentation-form blocks).
fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}')
    })
}

fn has_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
}

/// The English and Arabic names as given, swapped when the "English" one is written only in
/// Arabic script and the "Arabic" one only in Latin.
pub(crate) fn english_and_arabic(
    en: Option<&str>,
    ar: Option<&str>,
) -> (Option<String>, Option<String>) {
    match (en, ar) {
        (Some(en), Some(ar))
            if has_arabic(en) && !has_latin(en) && has_latin(ar) && !has_arabic(ar) =>
        {
            (Some(ar.to_owned()), Some(en.to_owned()))
        }
        (en, ar) => (en.map(str::to_owned), ar.map(str::to_owned)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_names_are_put_back() {
        assert_eq!(
            english_and_arabic(
                Some("الجمهورية العربية السورية"),
                Some("Syrian Arab Republic")
            ),
            (
                Some("Syrian Arab Republic".into()),
                Some("الجمهورية العربية السورية".into())
            )
        );
    }

    #[test]
    fn names_the_right_way_round_stay() {
        assert_eq!(
            english_and_arabic(Some("Al-Sakhour"), Some("الصاخور")),
            (Some("Al-Sakhour".into()), Some("الصاخور".into()))
        );
        // An Arabic name with a Latin letter or two (a code, a transliteration) is not a slip.
        assert_eq!(
            english_and_arabic(Some("حي 3"), Some("Hay 3 حي")),
            (Some("حي 3".into()), Some("Hay 3 حي".into()))
        );
        assert_eq!(
            english_and_arabic(None, Some("حلب")),
            (None, Some("حلب".into()))
        );
    }
}
