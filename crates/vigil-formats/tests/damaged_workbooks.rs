//! A damaged or hostile workbook gives an error naming the file, never a panic, a silently
//! short table, or gigabytes of memory.

use std::io::{Read, Write};
use vigil_formats::{ForeignRows, Options};

/// A small valid HXL workbook: title, header, hashtags, two rows.
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 3]; 4] = [
        ["Date", "Latitude", "Longitude"],
        ["#date", "#geo+lat", "#geo+lon"],
        ["2016-09-19", "36.2", "37.15"],
        ["2016-09-20", "36.3", "37.16"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// `bytes` with the worksheet's XML passed through `edit`.
fn with_sheet_edited(bytes: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            content = edit(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn read_all(bytes: Vec<u8>) -> Vec<Result<String, String>> {
    match ForeignRows::from_bytes("sheet.xlsx", bytes, &Options::default()) {
        Ok(rows) => rows
            .map(|r| {
                r.map(|row| row.incident.id.to_string())
                    .map_err(|e| e.to_string())
            })
            .collect(),
        Err(e) => vec![Err(e.to_string())],
    }
}

#[test]
fn a_valid_workbook_reads_every_row() {
    let rows = read_all(workbook());
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(Result::is_ok), "{rows:?}");
}

#[test]
fn a_cell_beyond_the_worksheet_grid_is_an_error_not_a_huge_row() {
    // Column XFE is 16,385: one past the last an XLSX worksheet can have.
    let damaged = with_sheet_edited(&workbook(), |xml| xml.replace("r=\"B4\"", "r=\"XFE4\""));
    let rows = read_all(damaged);
    let last = rows.last().unwrap().as_ref().unwrap_err();
    assert!(last.starts_with("sheet.xlsx:"), "{last}");
    assert!(
        last.contains("outside the 1048576 rows and 16384 columns"),
        "{last}"
    );
}

#[test]
fn a_reference_too_long_for_any_sheet_is_an_error() {
    // So long that calamine's arithmetic overflows: a panic there in a debug build, wrapped
    // arithmetic in a release build; an error naming the file either way.
    let damaged = with_sheet_edited(&workbook(), |xml| {
        xml.replace("r=\"B4\"", "r=\"B99999999999999\"")
    });
    let rows = read_all(damaged);
    let last = rows.last().unwrap().as_ref().unwrap_err();
    assert!(last.starts_with("sheet.xlsx:"), "{last}");
}

#[test]
fn a_truncated_workbook_is_refused_naming_the_file() {
    let mut bytes = workbook();
    bytes.truncate(bytes.len() / 2);
    let rows = read_all(bytes);
    let error = rows[0].as_ref().unwrap_err();
    assert!(error.starts_with("sheet.xlsx:"), "{error}");
}
