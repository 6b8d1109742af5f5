//! The third-party readers the export tests read Vigil's files back with: GDAL's `ogrinfo`
//! and the libhxl Python library, both installed by the project's `scripts/test-tools.sh`.
//!
//! The script runs once per test binary. If it cannot install or find a tool, every test that
//! needs one fails with the script's own words: a missing reader is never a skipped test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub struct Tools {
    pub ogrinfo: PathBuf,
    /// A Python that imports `hxl`.
    pub python: PathBuf,
}

/// Runs `scripts/test-tools.sh` (once) and returns where the tools are; panics if it failed.
pub fn tools() -> &'static Tools {
    static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
    match TOOLS.get_or_init(install) {
        Ok(tools) => tools,
        Err(why) => panic!("{why}"),
    }
}

fn install() -> Result<Tools, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/test-tools.sh");
    let output = Command::new("bash")
        .arg(&script)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value = |key: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(|v| PathBuf::from(v.trim()))
    };
    match (output.status.success(), value("ogrinfo"), value("python")) {
        (true, Some(ogrinfo), Some(python)) => Ok(Tools { ogrinfo, python }),
        _ => Err(format!(
            "the export tests need GDAL's ogrinfo and libhxl, which {} installs; it exited with \
             {} and said:\n{}{}",
            script.display(),
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

fn run(program: &Path, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed ({}):\n{}{}",
        program.display(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the reader writes UTF-8")
}

/// What `ogrinfo -ro -al -so` says about the one layer of a file.
#[derive(Debug)]
pub struct LayerSummary {
    pub geometry: String,
    pub feature_count: usize,
    /// `(min lon, min lat, max lon, max lat)`; none for an empty layer.
    pub extent: Option<(f64, f64, f64, f64)>,
    /// Field name → OGR type (`String`, `Real`, …).
    pub fields: BTreeMap<String, String>,
}

pub fn ogr_summary(path: &Path) -> LayerSummary {
    let text = run(
        &tools().ogrinfo,
        &["-ro", "-al", "-so", path.to_str().unwrap()],
    );
    let mut summary = LayerSummary {
        geometry: String::new(),
        feature_count: usize::MAX,
        extent: None,
        fields: BTreeMap::new(),
    };
    let mut in_fields = false;
    for line in text.lines() {
        if let Some(geometry) = line.strip_prefix("Geometry: ") {
            summary.geometry = geometry.to_owned();
        } else if let Some(count) = line.strip_prefix("Feature Count: ") {
            summary.feature_count = count.parse().unwrap();
        } else if let Some(extent) = line.strip_prefix("Extent: ") {
            // `(36.947900, 36.149100) - (37.189775, 36.219539)`: the ` - ` stands alone, a
            // minus sign is part of its number.
            let n: Vec<f64> = extent
                .split(|c: char| c == '(' || c == ')' || c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty() && *s != "-")
                .map(|s| s.parse().unwrap())
                .collect();
            assert_eq!(n.len(), 4, "{line}");
            summary.extent = Some((n[0], n[1], n[2], n[3]));
        } else if line.starts_with("Data axis to CRS axis mapping") {
            // The field list follows the SRS and its axis mapping.
            in_fields = true;
        } else if in_fields {
            if let Some((name, kind)) = line.split_once(": ") {
                let kind = kind.split(' ').next().unwrap_or_default();
                summary.fields.insert(name.to_owned(), kind.to_owned());
            }
        }
    }
    assert_ne!(
        summary.feature_count,
        usize::MAX,
        "no feature count in:\n{text}"
    );
    summary
}

/// Every feature as `ogrinfo -ro -al` lists it: field name → value as text, plus `geometry`
/// (e.g. `POINT (36.9479 36.1491)`). Null fields are left out.
pub fn ogr_features(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = run(&tools().ogrinfo, &["-ro", "-al", path.to_str().unwrap()]);
    let mut features: Vec<BTreeMap<String, String>> = Vec::new();
    for line in text.lines() {
        if line.starts_with("OGRFeature(") {
            features.push(BTreeMap::new());
            continue;
        }
        let Some(feature) = features.last_mut() else {
            continue;
        };
        let Some(item) = line.strip_prefix("  ") else {
            continue;
        };
        if item.starts_with("POINT") {
            feature.insert("geometry".into(), item.to_owned());
        } else if let Some((field, value)) = item.split_once(" = ") {
            // `name (String) = value`; a multi-line value keeps only its first line.
            let name = field.split(" (").next().unwrap_or_default();
            if value != "(null)" {
                feature.insert(name.to_owned(), value.to_owned());
            }
        }
    }
    features
}

/// Reads an HXL file with libhxl: `hxl.data(path)` finds the hashtag row and parses every tag
/// (it raises when there is none), then the default schema shipped with libhxl validates the
/// values (dates are dates, `#affected` numbers are numbers).
const READ_HXL: &str = r#"
import json, sys
import hxl
from hxl.input import InputOptions

path, patterns = sys.argv[1], sys.argv[2:]
options = InputOptions(allow_local=True)
source = hxl.data(path, options)
columns = source.columns
rows = []
for row in source:
    rows.append({
        "values": {c.display_tag: v for c, v in zip(columns, row.values)},
        "get": {p: row.get(p) for p in patterns},
    })
issues = []
hxl.schema(None, callback=issues.append).validate(hxl.data(path, options))
json.dump({
    "headers": [c.header for c in columns],
    "tags": [c.display_tag for c in columns],
    "rows": rows,
    "errors": [
        "%s: %s (%r)" % (i.column.display_tag if i.column else "", i.message, i.value)
        for i in issues if i.rule.severity == "error"
    ],
}, sys.stdout)
"#;

/// An HXL file as libhxl reads it.
#[derive(Debug)]
pub struct HxlFile {
    pub headers: Vec<String>,
    /// Each column's hashtag with attributes, as libhxl normalises it (`#affected+killed`).
    pub tags: Vec<String>,
    pub rows: Vec<HxlRow>,
    /// What libhxl's default schema reports as errors.
    pub errors: Vec<String>,
}

#[derive(Debug)]
pub struct HxlRow {
    /// Value by the column's exact tag.
    pub values: BTreeMap<String, String>,
    /// `row.get(pattern)` for the patterns asked for: libhxl's own tag matching, which takes
    /// the first column whose tag has the pattern's attributes.
    pub get: BTreeMap<String, Option<String>>,
}

impl HxlFile {
    /// The row whose column `tag` holds `value`.
    pub fn row(&self, tag: &str, value: &str) -> &HxlRow {
        self.rows
            .iter()
            .find(|row| row.values.get(tag).map(String::as_str) == Some(value))
            .unwrap_or_else(|| panic!("no row with {tag} = {value} in {:?}", self.rows))
    }

    /// The values of column `tag`, in file order.
    pub fn column(&self, tag: &str) -> Vec<String> {
        self.rows
            .iter()
            .map(|row| row.values.get(tag).cloned().unwrap_or_default())
            .collect()
    }
}

pub fn read_hxl(path: &Path, patterns: &[&str]) -> HxlFile {
    let mut args = vec!["-c", READ_HXL, path.to_str().unwrap()];
    args.extend_from_slice(patterns);
    let text = run(&tools().python, &args);
    let json: serde_json::Value = serde_json::from_str(&text).expect("the reader prints JSON");
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let rows = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| HxlRow {
            values: row["values"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect(),
            get: row["get"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned)))
                .collect(),
        })
        .collect();
    HxlFile {
        headers: strings(&json["headers"]),
        tags: strings(&json["tags"]),
        rows,
        errors: strings(&json["errors"]),
    }
}
