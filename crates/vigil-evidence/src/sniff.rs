//! The media type of a file, told from its first bytes.

/// What a file is called when its content says nothing recognisable.
pub const UNKNOWN: &str = "application/octet-stream";

/// How many leading bytes are looked at: enough for every signature `infer` knows (the
/// furthest, ISO 9660 images, sit past 32 KiB).
pub const SNIFF_BYTES: usize = 64 * 1024;

pub fn media_type(head: &[u8]) -> &'static str {
    infer::get(head).map_or(UNKNOWN, |kind| kind.mime_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_signatures_and_the_fallback() {
        assert_eq!(
            media_type(b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"),
            "image/jpeg"
        );
        assert_eq!(media_type(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(media_type(b"just some words"), UNKNOWN);
        assert_eq!(media_type(b""), UNKNOWN);
    }
}
