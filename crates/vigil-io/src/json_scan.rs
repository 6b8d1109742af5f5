//! A minimal pull scanner over a JSON stream: just enough structure to walk a
//! FeatureCollection's top-level members and cut its `features` array into one raw value per
//! feature, which `serde_json` then parses and checks.
//!
//! `geojson`'s own `FeatureReader` streams too, but it finds the features by skipping to the
//! first `[` in the file, so a `bbox` before `features` derails it, and it never looks at
//! `type`. Holding only one feature's bytes at a time keeps a large collection in constant
//! memory.

use std::fmt;
use std::io::{self, BufRead};

/// Why the stream could not be scanned.
#[derive(Debug)]
pub(crate) enum ScanError {
    Io(io::Error),
    /// Malformed JSON, with the byte offset where it was noticed.
    Syntax {
        offset: u64,
        problem: String,
    },
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Io(e) => write!(f, "could not read: {e}"),
            ScanError::Syntax { offset, problem } => {
                write!(f, "not valid JSON at byte {offset}: {problem}")
            }
        }
    }
}

impl From<io::Error> for ScanError {
    fn from(e: io::Error) -> Self {
        ScanError::Io(e)
    }
}

pub(crate) struct Scanner<R> {
    reader: R,
    offset: u64,
}

impl<R: BufRead> Scanner<R> {
    pub fn new(reader: R) -> Self {
        Self { reader, offset: 0 }
    }

    /// Bytes consumed so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    pub fn syntax(&self, problem: impl Into<String>) -> ScanError {
        ScanError::Syntax {
            offset: self.offset,
            problem: problem.into(),
        }
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.reader.fill_buf() {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn bump(&mut self) {
        self.reader.consume(1);
        self.offset += 1;
    }

    /// Skips a UTF-8 byte order mark, if the stream starts with one.
    pub fn skip_bom(&mut self) -> io::Result<()> {
        let has_bom = self.reader.fill_buf()?.starts_with(crate::format::BOM);
        if has_bom {
            self.reader.consume(3);
            self.offset += 3;
        }
        Ok(())
    }

    /// Skips white space and returns the next byte without consuming it.
    pub fn peek_token(&mut self) -> io::Result<Option<u8>> {
        while let Some(b) = self.peek()? {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.bump();
            } else {
                return Ok(Some(b));
            }
        }
        Ok(None)
    }

    /// Consumes `expected` (after white space) or fails naming it.
    pub fn expect(&mut self, expected: u8) -> Result<(), ScanError> {
        match self.peek_token()? {
            Some(b) if b == expected => {
                self.bump();
                Ok(())
            }
            Some(b) => Err(self.syntax(format!(
                "expected '{}', found '{}'",
                expected as char,
                b.escape_ascii()
            ))),
            None => Err(self.syntax(format!(
                "expected '{}', found the end of the file",
                expected as char
            ))),
        }
    }

    /// Consumes the next byte, which the caller has peeked.
    pub fn skip(&mut self) {
        self.bump();
    }

    /// Appends the raw bytes of the next JSON value to `out`. Only the nesting is followed
    /// here; whether the bytes are valid JSON is for `serde_json` to say.
    pub fn raw_value(&mut self, out: &mut Vec<u8>) -> Result<(), ScanError> {
        match self.peek_token()? {
            None => Err(self.syntax("expected a value, found the end of the file")),
            Some(b'"' | b'{' | b'[') => self.balanced(out),
            Some(_) => self.scalar(out),
        }
    }

    /// A string, object or array: up to where its quotes and brackets balance. Works on whole
    /// buffers rather than byte by byte, because features are most of a file's bytes.
    fn balanced(&mut self, out: &mut Vec<u8>) -> Result<(), ScanError> {
        let (mut depth, mut in_string, mut escaped) = (0u32, false, false);
        loop {
            let buf = loop {
                match self.reader.fill_buf() {
                    Ok(buf) => break buf,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e.into()),
                }
            };
            if buf.is_empty() {
                return Err(self.syntax("the file ends in the middle of a value"));
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                if !in_string && depth == 0 {
                    end = Some(i + 1);
                    break;
                }
            }
            let n = end.unwrap_or(buf.len());
            out.extend_from_slice(&buf[..n]);
            self.reader.consume(n);
            self.offset += n as u64;
            if end.is_some() {
                return Ok(());
            }
        }
    }

    /// A number, `true`, `false` or `null`: everything up to the next delimiter.
    fn scalar(&mut self, out: &mut Vec<u8>) -> Result<(), ScanError> {
        let start = out.len();
        while let Some(b) = self.peek()? {
            if matches!(b, b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            out.push(b);
            self.bump();
        }
        if out.len() == start {
            Err(self.syntax("expected a value"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_values_are_cut_at_their_end() {
        let text = br#" {"a": [1, "x]\"}", {"b": null}]} , 12.5e3 ,"s\\"]"#;
        let mut s = Scanner::new(&text[..]);
        let mut out = Vec::new();
        s.raw_value(&mut out).unwrap();
        assert_eq!(out, br#"{"a": [1, "x]\"}", {"b": null}]}"#);
        s.expect(b',').unwrap();
        out.clear();
        s.raw_value(&mut out).unwrap();
        assert_eq!(out, b"12.5e3");
        s.expect(b',').unwrap();
        out.clear();
        s.raw_value(&mut out).unwrap();
        assert_eq!(out, br#""s\\""#);
        assert_eq!(s.peek_token().unwrap(), Some(b']'));
    }

    #[test]
    fn truncated_input_is_a_syntax_error() {
        let mut s = Scanner::new(&br#"{"a": [1, 2"#[..]);
        let err = s.raw_value(&mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("ends in the middle"), "{err}");
    }
}
