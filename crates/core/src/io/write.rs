//! Writing outputs. Every writer writes to a temporary file in the destination folder and renames it
//! into place, so that a reader never sees a half-written file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use polars::prelude::{Column, CsvWriter, DataFrame, DataType, SerWriter};
use rust_xlsxwriter::{Format, Workbook};

use super::io_error;
use crate::error::{Error, Result};
use crate::model::{Dataset, NodeRole};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temporary path beside `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Runs `write` on a temporary file beside `path`, syncs it, and renames it to `path`. The temporary
/// file is removed if anything fails.
fn atomic(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let file = File::create(&tmp).map_err(|e| io_error(path, e))?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| io_error(path, e.into_error()))?;
        file.sync_all().map_err(|e| io_error(path, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_error(path, e))
    })();
    if result.is_err() {
        // Best effort: the temporary file may not exist.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes bytes to `path` atomically (temporary file in the same folder, then rename).
///
/// # Errors
/// [`Error::Io`] if the folder does not exist or is not writable.
pub fn write_bytes_atomic(path: impl AsRef<Path>, bytes: &[u8]) -> Result<()> {
    let path = path.as_ref();
    atomic(path, |w| w.write_all(bytes).map_err(|e| io_error(path, e)))
}

/// Writes text (UTF-8) to `path` atomically.
///
/// # Errors
/// [`Error::Io`] if the folder does not exist or is not writable.
pub fn write_text_atomic(path: impl AsRef<Path>, text: &str) -> Result<()> {
    write_bytes_atomic(path, text.as_bytes())
}

/// Writes a table as CSV (UTF-8, comma-separated, header row, empty field = missing) atomically.
///
/// # Errors
/// [`Error::Io`] if the file cannot be written; [`Error::Table`] if polars cannot serialise a column.
///
/// # Example
/// ```no_run
/// use polars::prelude::{Column, DataFrame};
/// let mut df = DataFrame::new(2, vec![Column::new("unit".into(), ["a", "b"]), Column::new("score".into(), [1.0, 2.0])])?;
/// govgap::io::write_csv(&mut df, "scores.csv")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_csv(df: &mut DataFrame, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    atomic(path, |w| {
        CsvWriter::new(w)
            .include_header(true)
            .finish(df)
            .map_err(|source| Error::Table {
                context: format!("writing {}", path.display()),
                source,
            })
    })
}

fn xlsx_error(path: &Path, e: &rust_xlsxwriter::XlsxError) -> Error {
    io_error(path, std::io::Error::other(e.to_string()))
}

/// Writes a table as an XLSX workbook with one worksheet (bold header row; numbers as numbers, text
/// as text, missing as empty cells) atomically.
///
/// # Errors
/// [`Error::Io`] if the file cannot be written or the table exceeds Excel's limits
/// (1,048,576 rows, 16,384 columns); [`Error::Table`] if a column cannot be converted.
pub fn write_xlsx(df: &DataFrame, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let table_err = |source| Error::Table {
        context: format!("writing {}", path.display()),
        source,
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    for (c, column) in df.columns().iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| xlsx_error(path, &rust_xlsxwriter::XlsxError::RowColumnLimitError))?;
        ws.write_string_with_format(0, c, column.name().as_str(), &bold)
            .map_err(|e| xlsx_error(path, &e))?;
        let dtype = column.dtype();
        if dtype.is_primitive_numeric() {
            let cast = column.cast(&DataType::Float64).map_err(table_err)?;
            for (r, v) in cast.f64().map_err(table_err)?.iter().enumerate() {
                let row = u32::try_from(r + 1)
                    .map_err(|_| xlsx_error(path, &rust_xlsxwriter::XlsxError::RowColumnLimitError))?;
                match v {
                    Some(x) if x.is_finite() => ws.write_number(row, c, x).map(|_| ()),
                    // Never hide a NaN: show it as text.
                    Some(x) => ws.write_string(row, c, x.to_string()).map(|_| ()),
                    None => Ok(()),
                }
                .map_err(|e| xlsx_error(path, &e))?;
            }
        } else if *dtype == DataType::Boolean {
            for (r, v) in column.bool().map_err(table_err)?.iter().enumerate() {
                if let Some(b) = v {
                    let row = u32::try_from(r + 1)
                        .map_err(|_| xlsx_error(path, &rust_xlsxwriter::XlsxError::RowColumnLimitError))?;
                    ws.write_boolean(row, c, b).map_err(|e| xlsx_error(path, &e))?;
                }
            }
        } else {
            let cast: Column = column.cast(&DataType::String).map_err(table_err)?;
            for (r, v) in cast.str().map_err(table_err)?.iter().enumerate() {
                if let Some(s) = v {
                    let row = u32::try_from(r + 1)
                        .map_err(|_| xlsx_error(path, &rust_xlsxwriter::XlsxError::RowColumnLimitError))?;
                    ws.write_string(row, c, s).map_err(|e| xlsx_error(path, &e))?;
                }
            }
        }
    }
    let bytes = wb.save_to_buffer().map_err(|e| xlsx_error(path, &e))?;
    write_bytes_atomic(path, &bytes)
}

/// A text column for polars from owned strings (`None` = empty field).
fn text_column(name: &str, values: Vec<Option<String>>) -> Column {
    Column::new(name.into(), values)
}

fn frame(path: &Path, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(height, columns).map_err(|source| Error::Table {
        context: format!("building {}", path.display()),
        source,
    })
}

fn some(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Writes a dataset as a native folder (`framework.toml`, `units.csv`, `values.csv`,
/// `sources.csv`) that [`super::read_native_dir`] reads back to the same dataset. The folder is
/// created if needed; each file is written atomically. Values are written with the shortest decimal
/// that reads back to the same number, sorted by unit, year and framework order.
///
/// # Errors
/// [`Error::Io`] if the folder cannot be created or a file cannot be written.
pub fn write_native_dir(ds: &Dataset, dir: impl AsRef<Path>) -> Result<()> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    // framework.toml
    let fw = ds.framework();
    let mut doc = toml::Table::new();
    doc.insert("code".into(), fw.code.clone().into());
    doc.insert("name_en".into(), fw.name_en.clone().into());
    doc.insert("name_zh".into(), fw.name_zh.clone().into());
    doc.insert("description".into(), fw.description.clone().into());
    let mut nodes = Vec::with_capacity(fw.nodes().len());
    for n in fw.nodes() {
        let mut t = toml::Table::new();
        t.insert("code".into(), n.code.clone().into());
        let role = match n.role {
            NodeRole::Indicator => "indicator",
            NodeRole::Aggregate => "aggregate",
            NodeRole::Context => "context",
        };
        t.insert("role".into(), role.into());
        for (key, value) in [("name_en", &n.name_en), ("name_zh", &n.name_zh), ("unit", &n.unit)] {
            if !value.is_empty() {
                t.insert(key.into(), value.clone().into());
            }
        }
        if let Some(p) = &n.parent {
            t.insert("parent".into(), p.clone().into());
        }
        t.insert("direction".into(), i64::from(i8::from(n.direction)).into());
        t.insert("weight".into(), n.weight.into());
        if let Some(d) = &n.denominator {
            t.insert("denominator".into(), d.clone().into());
        }
        if let Some(p) = n.per {
            t.insert("per".into(), p.into());
        }
        if let Some(g) = n.goalposts {
            let mut gt = toml::Table::new();
            gt.insert("low".into(), g.low.into());
            gt.insert("high".into(), g.high.into());
            t.insert("goalposts".into(), gt.into());
        }
        if let Some(x) = n.target {
            t.insert("target".into(), x.into());
        }
        if !n.description.is_empty() {
            t.insert("description".into(), n.description.clone().into());
        }
        nodes.push(toml::Value::Table(t));
    }
    doc.insert("node".into(), toml::Value::Array(nodes));
    let text = toml::to_string(&doc).map_err(|e| io_error(&dir.join("framework.toml"), std::io::Error::other(e)))?;
    write_text_atomic(dir.join("framework.toml"), &text)?;
    // units.csv
    let units = ds.units();
    let path = dir.join("units.csv");
    let mut cols = vec![
        text_column("code", units.iter().map(|u| Some(u.code.clone())).collect()),
        text_column("name_en", units.iter().map(|u| some(&u.name_en)).collect()),
        text_column("name_zh", units.iter().map(|u| some(&u.name_zh)).collect()),
        text_column(
            "kind",
            units.iter().map(|u| Some(u.kind.as_str().to_string())).collect(),
        ),
        text_column(
            "benchmark",
            units.iter().map(|u| Some(u.benchmark.to_string())).collect(),
        ),
    ];
    for g in ds.grouping_names() {
        cols.push(text_column(
            &g,
            units.iter().map(|u| u.group(&g).map(str::to_string)).collect(),
        ));
    }
    write_csv(&mut frame(&path, units.len(), cols)?, &path)?;
    // values.csv
    let path = dir.join("values.csv");
    let (mut unit, mut year, mut ind, mut val, mut src, mut qual) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let measured: Vec<usize> = fw.measured().collect();
    for (r, o) in ds.obs().iter().enumerate() {
        for &k in &measured {
            if let Some(c) = ds.column(k).get(r) {
                unit.push(Some(units[o.unit].code.clone()));
                year.push(o.year.map(|y| y.to_string()));
                ind.push(Some(fw.nodes()[k].code.clone()));
                val.push(Some(c.value.to_string()));
                src.push(ds.sources().get(c.source as usize).map(|s| s.id.clone()));
                qual.push(Some(c.quality.as_str().to_string()));
            }
        }
    }
    let n = unit.len();
    let cols = vec![
        text_column("unit", unit),
        text_column("year", year),
        text_column("indicator", ind),
        text_column("value", val),
        text_column("source", src),
        text_column("quality", qual),
    ];
    write_csv(&mut frame(&path, n, cols)?, &path)?;
    // sources.csv
    let path = dir.join("sources.csv");
    let s = ds.sources();
    let field = |f: fn(&crate::model::Source) -> &str| s.iter().map(|x| some(f(x))).collect::<Vec<_>>();
    let cols = vec![
        text_column("id", s.iter().map(|x| Some(x.id.clone())).collect()),
        text_column("citation", field(|x| &x.citation)),
        text_column("publisher", field(|x| &x.publisher)),
        text_column("year", s.iter().map(|x| x.year.map(|y| y.to_string())).collect()),
        text_column("url", field(|x| &x.url)),
        text_column("repository", field(|x| &x.repository)),
        text_column("path", field(|x| &x.path)),
        text_column("commit", field(|x| &x.commit)),
        text_column("licence", field(|x| &x.licence)),
        text_column("notes", field(|x| &x.notes)),
    ];
    write_csv(&mut frame(&path, s.len(), cols)?, &path)
}

#[cfg(test)]
mod tests {
    use polars::prelude::{Column, DataFrame};

    use super::*;
    use crate::io::read_native_dir;
    use crate::io::table::testutil::{Scratch, fixtures};

    fn leftovers(s: &Scratch) -> Vec<String> {
        std::fs::read_dir(&s.0)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
            .map(|p| p.display().to_string())
            .collect()
    }

    #[test]
    fn csv_is_written_atomically_and_reads_back() {
        let s = Scratch::new("write-csv");
        let mut df = DataFrame::new(
            2,
            vec![
                Column::new("unit".into(), ["a", "b, with comma"]),
                Column::new("score".into(), [Some(1.25), None]),
            ],
        )
        .unwrap();
        let p = s.path("out.csv");
        write_csv(&mut df, &p).unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "unit,score\na,1.25\n\"b, with comma\",\n"
        );
        assert!(leftovers(&s).is_empty());
        // writing into a folder that does not exist fails with the path named, and leaves nothing
        let err = write_csv(&mut df, s.path("no/such/dir/out.csv")).unwrap_err();
        assert!(err.to_string().contains("out.csv"), "{err}");
    }

    #[test]
    fn text_and_bytes_replace_the_file() {
        let s = Scratch::new("write-text");
        let p = s.path("note.txt");
        write_text_atomic(&p, "first").unwrap();
        write_text_atomic(&p, "second").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "second");
        write_bytes_atomic(&p, b"\x00\x01").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), vec![0, 1]);
        assert!(leftovers(&s).is_empty());
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let s = Scratch::new("write-xlsx");
        let df = DataFrame::new(
            2,
            vec![
                Column::new("unit".into(), ["a", "b"]),
                Column::new("n".into(), [1i32, 2]),
                Column::new("ok".into(), [true, false]),
                Column::new("x".into(), [f64::NAN, 2.5]),
            ],
        )
        .unwrap();
        let p = s.path("out.xlsx");
        write_xlsx(&df, &p).unwrap();
        let bytes = std::fs::read(&p).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(leftovers(&s).is_empty());
    }

    #[test]
    fn native_dir_round_trips() {
        let ds = read_native_dir(fixtures().join("native_small")).unwrap();
        let s = Scratch::new("write-native");
        write_native_dir(&ds, &s.0).unwrap();
        let back = read_native_dir(&s.0).unwrap();
        assert_eq!(back.framework().nodes(), ds.framework().nodes());
        assert_eq!(back.framework().code, ds.framework().code);
        assert_eq!(back.framework().name_zh, ds.framework().name_zh);
        assert_eq!(back.units(), ds.units());
        assert_eq!(back.sources(), ds.sources());
        assert_eq!(back.obs(), ds.obs());
        for k in 0..ds.framework().nodes().len() {
            assert_eq!(back.column(k), ds.column(k));
        }
        // imported data (quality "unflagged", no years) round-trips too
        let dir = fixtures().join("coinr_small");
        let ds = crate::io::read_coinr(dir.join("idata.csv"), dir.join("imeta.csv")).unwrap();
        let s2 = Scratch::new("write-native-coinr");
        write_native_dir(&ds, &s2.0).unwrap();
        let back = read_native_dir(&s2.0).unwrap();
        assert_eq!(back.units(), ds.units());
        assert_eq!(back.obs(), ds.obs());
        for k in 0..ds.framework().nodes().len() {
            assert_eq!(back.column(k), ds.column(k));
        }
    }
}
