//! Turns a CSV file into an XLSX workbook with one worksheet, for the formats benchmark
//! (`bench/formats/run.sh`): the same table a publisher would put on HDX as a spreadsheet.
//!
//! ```sh
//! cargo run --release -p vigil-cli --example csv_to_xlsx -- IN.csv OUT.xlsx
//! cargo run --release -p vigil-cli --example csv_to_xlsx -- --shared-strings IN.csv OUT.xlsx
//! ```
//!
//! The first `--text-rows` rows (default 2: a header and an HXL hashtag row) are written as
//! text. Below them each cell is written as what it holds: `2016-09-28` as a real Excel date
//! (a day number with the `yyyy-mm-dd` format), `TRUE`/`FALSE` as a boolean, a plain decimal
//! number (`42822`, `-3.25`, `31.5294490666`; no leading zero, no exponent, at most 15
//! significant digits so it reads back unchanged) as a number, anything else as text; empty
//! cells stay empty.
//!
//! The worksheet is written in rust_xlsxwriter's constant-memory mode: each row goes to a
//! temporary file (in `TMPDIR`) as soon as the next one starts, with its strings inline, so a
//! million rows need a few MiB, not gigabytes. `--shared-strings` uses the low-memory mode
//! instead: the same, but strings go to a shared string table, as Excel writes them; that table
//! is held in memory until the end. An XLSX worksheet holds at most 1,048,576 rows.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Excel's limit: rows per worksheet.
const MAX_ROWS: u64 = 1_048_576;
/// Excel's limit: columns per worksheet.
const MAX_COLUMNS: usize = 16_384;

struct Args {
    input: PathBuf,
    output: PathBuf,
    text_rows: u64,
    shared_strings: bool,
}

fn usage() -> String {
    "usage: csv_to_xlsx [--text-rows N] [--shared-strings] IN.csv OUT.xlsx".to_owned()
}

fn parse_args() -> Result<Args, String> {
    let mut paths = Vec::new();
    let mut text_rows = 2;
    let mut shared_strings = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--text-rows") => {
                let n = args.next().ok_or_else(usage)?;
                text_rows = n
                    .to_str()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| format!("--text-rows: not a number: {}", n.to_string_lossy()))?;
            }
            Some("--shared-strings") => shared_strings = true,
            Some("-h" | "--help") => return Err(usage()),
            Some(flag) if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{}", usage()))
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let [input, output]: [PathBuf; 2] = paths.try_into().map_err(|_| usage())?;
    Ok(Args {
        input,
        output,
        text_rows,
        shared_strings,
    })
}

/// What a cell below the text rows is written as.
enum Cell<'a> {
    Empty,
    Date(ExcelDateTime),
    Bool(bool),
    Number(f64),
    Text(&'a str),
}

fn classify(text: &str) -> Cell<'_> {
    if text.is_empty() {
        return Cell::Empty;
    }
    if let Some(date) = iso_day(text) {
        return Cell::Date(date);
    }
    match text {
        "TRUE" => return Cell::Bool(true),
        "FALSE" => return Cell::Bool(false),
        _ => {}
    }
    if plain_number(text) {
        if let Ok(x) = text.parse::<f64>() {
            return Cell::Number(x);
        }
    }
    Cell::Text(text)
}

/// `YYYY-MM-DD`, a real day from 1900 on (Excel's dates start there).
fn iso_day(text: &str) -> Option<ExcelDateTime> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: u16 = text[0..4].parse().ok()?;
    let month: u8 = text[5..7].parse().ok()?;
    let day: u8 = text[8..10].parse().ok()?;
    if year < 1900 {
        return None;
    }
    // from_ymd checks the ranges, not that the day exists in that month.
    chrono::NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// `-12`, `0.5`, `31.5294490666`: a sign, digits without a leading zero, an optional fraction,
/// at most 15 significant digits (what an f64 holds exactly as text).
fn plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return false;
    }
    if fraction.is_some_and(|f| !digits(f)) {
        return false;
    }
    let significant = whole.trim_start_matches('0').len() + fraction.map_or(0, str::len);
    significant <= 15
}

fn convert(args: &Args) -> Result<u64, String> {
    let started = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&args.input)
        .map_err(|e| format!("{}: {e}", args.input.display()))?;
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = if args.shared_strings {
        workbook.add_worksheet_with_low_memory()
    } else {
        workbook.add_worksheet_with_constant_memory()
    };
    let xlsx = |e: XlsxError| format!("{}: {e}", args.output.display());

    let mut record = csv::StringRecord::new();
    let mut row: u64 = 0;
    while reader
        .read_record(&mut record)
        .map_err(|e| format!("{}: {e}", args.input.display()))?
    {
        if row >= MAX_ROWS {
            return Err(format!(
                "{}: more than {MAX_ROWS} rows, the most an XLSX worksheet holds",
                args.input.display()
            ));
        }
        if record.len() > MAX_COLUMNS {
            return Err(format!(
                "{}: row {}: more than {MAX_COLUMNS} columns, the most an XLSX worksheet holds",
                args.input.display(),
                row + 1
            ));
        }
        // Both fit: checked above.
        let r = row as u32;
        for (c, text) in record.iter().enumerate() {
            let c = c as u16;
            let cell = if row < args.text_rows {
                if text.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(text)
                }
            } else {
                classify(text)
            };
            match cell {
                Cell::Empty => {}
                Cell::Date(date) => {
                    sheet
                        .write_datetime_with_format(r, c, &date, &date_format)
                        .map_err(xlsx)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(r, c, b).map_err(xlsx)?;
                }
                Cell::Number(x) => {
                    sheet.write_number(r, c, x).map_err(xlsx)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, c, s).map_err(xlsx)?;
                }
            }
        }
        row += 1;
    }
    workbook.save(&args.output).map_err(xlsx)?;
    eprintln!(
        "csv_to_xlsx: {} rows written to {} in {:.1} s ({} strings)",
        row,
        args.output.display(),
        started.elapsed().as_secs_f64(),
        if args.shared_strings {
            "shared"
        } else {
            "inline"
        }
    );
    Ok(row)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match convert(&args) {
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("csv_to_xlsx: error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_what_they_hold() {
        assert!(matches!(classify(""), Cell::Empty));
        assert!(matches!(classify("2023-12-20"), Cell::Date(_)));
        assert!(matches!(classify("2023-02-30"), Cell::Text(_)));
        assert!(matches!(classify("TRUE"), Cell::Bool(true)));
        assert!(matches!(classify("42822"), Cell::Number(x) if x == 42822.0));
        assert!(matches!(classify("-3.25"), Cell::Number(x) if x == -3.25));
        assert!(matches!(classify("31.5294490666"), Cell::Number(_)));
        assert!(matches!(classify("007"), Cell::Text(_)));
        assert!(matches!(classify("1e5"), Cell::Text(_)));
        assert!(matches!(classify("1234567890123456"), Cell::Text(_)));
        assert!(matches!(classify("(2) 25 km Precision "), Cell::Text(_)));
    }
}
