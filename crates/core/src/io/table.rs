//! Shared helpers of the readers: reading files, the UTF-8 BOM, the polars CSV layer, and parsing
//! cells with a location for every failure.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use polars::prelude::{CsvReadOptions, DataFrame, DataType, Schema, SerReader, StringChunked};

use crate::error::{Error, Location, Problem, ProblemKind, Problems};

/// The name a file is shown under in messages.
pub(crate) fn label(path: &Path) -> String {
    path.display().to_string()
}

/// `Error::Invalid` from a list of problems.
pub(crate) fn invalid(problems: Vec<Problem>) -> Error {
    Error::Invalid(Problems(problems))
}

/// Reads a whole file; a missing or unreadable file becomes a `MissingFile` problem.
pub(crate) fn read_file(path: &Path, what: &str, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!("the {what} file does not exist")
            } else {
                format!("the {what} file cannot be read: {e}")
            };
            problems.push(Problem::error(
                ProblemKind::MissingFile,
                Location::file(label(path)),
                message,
                format!("create the {what} file, or point to the folder or file that has it"),
            ));
            None
        }
    }
}

/// The bytes without a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The fields of the first record (the header), unquoted and trimmed.
pub(crate) fn header_fields(bytes: &[u8]) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = Vec::new();
    let mut in_quotes = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    cur.push(b'"');
                    i += 1;
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(b);
            }
        } else if b == b'"' {
            in_quotes = true;
        } else if b == b',' {
            fields.push(String::from_utf8_lossy(&cur).trim().to_string());
            cur.clear();
        } else if b == b'\n' {
            break;
        } else {
            cur.push(b);
        }
        i += 1;
    }
    fields.push(String::from_utf8_lossy(&cur).trim().to_string());
    fields
}

/// A table read from a file: column names (trimmed) and a polars frame whose columns are in the same
/// order, each either `String` or the type asked for.
#[derive(Debug)]
pub(crate) struct Table {
    /// The file, as shown in messages.
    pub file: String,
    /// Trimmed column names.
    pub names: Vec<String>,
    /// The cells.
    pub df: DataFrame,
    /// Line (or spreadsheet row) number of the first data row.
    pub first_line: usize,
    /// Columns already parsed as numbers by the plain-CSV fast path ([`super::plain_csv`]), per column
    /// position (`None`: read the frame's column), dense (NaN marks a missing cell; the fast path
    /// never reads a NaN); their frame columns are placeholders. Empty for tables read otherwise.
    pub floats: Vec<Option<Vec<f64>>>,
    /// Text columns read by the plain-CSV fast path, per column position (`None`: read the frame's
    /// column); their frame columns are placeholders. Empty for tables read otherwise. Read them
    /// through [`Table::text`] and [`Table::cell`], which look here first.
    pub texts: Vec<Option<PlainText>>,
}

/// A text column of the plain-CSV fast path: every cell in one buffer, cell `r` ending at `ends[r]`
/// (and starting where cell `r - 1` ends). An empty cell is missing, as polars reads it.
///
/// Building these is several times cheaper than building polars string columns, and the iData
/// reader only looks the cells up.
#[derive(Debug, Default)]
pub(crate) struct PlainText {
    buf: String,
    ends: Vec<usize>,
}

impl PlainText {
    /// An empty column with room for `rows` cells of `bytes` bytes in all.
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        Self {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
        }
    }
    /// Appends a cell (`""` is missing).
    pub fn push(&mut self, cell: &str) {
        self.buf.push_str(cell);
        self.ends.push(self.buf.len());
    }
    /// How many cells the column has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    /// The column of `parts`' cells, one part after the other.
    pub fn concat(parts: &[Self]) -> Self {
        let mut all = Self::with_capacity(
            parts.iter().map(Self::len).sum(),
            parts.iter().map(|p| p.buf.len()).sum(),
        );
        for p in parts {
            let offset = all.buf.len();
            all.buf.push_str(&p.buf);
            all.ends.extend(p.ends.iter().map(|e| e + offset));
        }
        all
    }
    /// Cell `r`, `None` if it is missing (or beyond the last row).
    pub fn get(&self, r: usize) -> Option<&str> {
        let end = *self.ends.get(r)?;
        let start = r.checked_sub(1).map_or(0, |p| self.ends[p]);
        self.buf.get(start..end).filter(|s| !s.is_empty())
    }
}

/// A text column as it was read: polars strings, or cells of the plain-CSV path.
#[derive(Clone, Copy)]
pub(crate) enum TextCells<'a> {
    Frame(&'a StringChunked),
    Plain(&'a PlainText),
}

impl<'a> TextCells<'a> {
    /// Cell `r`, `None` if it is missing.
    pub fn get(self, r: usize) -> Option<&'a str> {
        match self {
            Self::Frame(ca) => ca.get(r),
            Self::Plain(p) => p.get(r),
        }
    }
    /// Every cell in row order.
    pub fn iter(self) -> Box<dyn Iterator<Item = Option<&'a str>> + 'a> {
        match self {
            Self::Frame(ca) => Box::new(ca.iter()),
            Self::Plain(p) => Box::new((0..p.ends.len()).map(move |r| p.get(r))),
        }
    }
}

impl Table {
    /// The 1-based line number of data row `i`.
    pub fn line(&self, i: usize) -> usize {
        self.first_line + i
    }
    /// Number of data rows.
    pub fn height(&self) -> usize {
        self.df.height()
    }
    /// Position of a column by name, ignoring ASCII case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n.eq_ignore_ascii_case(name))
    }
    /// The column at `i` as text, if it was read as text.
    pub fn text(&self, i: usize) -> Option<TextCells<'_>> {
        if let Some(Some(p)) = self.texts.get(i) {
            return Some(TextCells::Plain(p));
        }
        self.df
            .columns()
            .get(i)
            .and_then(|c| c.str().ok())
            .map(TextCells::Frame)
    }
    /// The trimmed, non-empty cell of text column `col` in row `row`.
    pub fn cell(&self, col: Option<usize>, row: usize) -> Option<&str> {
        col.and_then(|c| self.text(c))
            .and_then(|ca| ca.get(row))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
    /// A location in this file.
    pub fn at(&self, row: usize, col: usize) -> Location {
        Location::file(self.file.clone())
            .row(self.line(row))
            .column(self.names.get(col).cloned().unwrap_or_default())
    }
    /// Adds a `MissingColumn` problem for every required column that is absent; returns whether all
    /// are present.
    pub fn require(&self, required: &[&str], problems: &mut Vec<Problem>) -> bool {
        let mut ok = true;
        for name in required {
            if self.find(name).is_none() {
                ok = false;
                problems.push(Problem::error(
                    ProblemKind::MissingColumn,
                    Location::file(self.file.clone()).column(*name),
                    format!("the header has no column '{name}' (it has: {})", self.names.join(", ")),
                    format!("add a column named '{name}' to the header row"),
                ));
            }
        }
        ok
    }
}

/// Unique names for polars (a repeated header name gets a suffix) and a `Syntax` problem for each
/// repetition.
pub(crate) fn unique_names(names: &[String], file: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for (i, n) in names.iter().enumerate() {
        if names[..i].iter().any(|m| m == n) {
            problems.push(Problem::error(
                ProblemKind::Syntax,
                Location::file(file).row(1).column(n.clone()),
                format!("column '{n}' appears more than once in the header"),
                "give every column a distinct name",
            ));
            out.push(format!("{n}\u{1}{i}"));
        } else {
            out.push(n.clone());
        }
    }
    out
}

/// Reads CSV bytes (a BOM is stripped) into a [`Table`] whose columns all have the given types
/// (`None`: all text). Problems: an empty file, a header without data rows, a repeated column name,
/// a syntax error of the CSV layer.
pub(crate) fn read_csv(bytes: &[u8], file: &str, dtypes: Option<&[DataType]>) -> Result<Table, Vec<Problem>> {
    let bytes = strip_bom(bytes);
    let loc = || Location::file(file);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the file is empty",
            "write the header row and at least one data row",
        )]);
    }
    let names = header_fields(bytes);
    // a plain file of text (the usual iMeta, units or sources table) is read without polars' CSV
    // reader, which would first start its thread pool (the same table: see `plain_csv`)
    if dtypes.is_none()
        && let Some(t) = super::plain_csv::read_plain_bytes(bytes, file, &names, &vec![false; names.len()])
    {
        return Ok(t);
    }
    read_csv_from(Cursor::new(bytes), names, file, dtypes)
}

/// Reads a CSV file through polars' memory-mapped reader (no copy of the file), with the header
/// names already known (see [`header_fields`]) and the given column types. Polars skips a BOM.
pub(crate) fn read_csv_file(path: &Path, names: Vec<String>, dtypes: &[DataType]) -> Result<Table, Vec<Problem>> {
    let file = label(path);
    match std::fs::File::open(path) {
        Ok(f) => read_csv_from(f, names, &file, Some(dtypes)),
        Err(e) => Err(vec![Problem::error(
            ProblemKind::MissingFile,
            Location::file(file),
            format!("the file cannot be read: {e}"),
            "check the path and the file's permissions",
        )]),
    }
}

/// The first line of a file with its line end, or its first `limit` bytes if the line is longer (all
/// of a shorter file without a line end), without a BOM.
pub(crate) fn read_head(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::{BufRead, Read};
    // up to the first line end only, in small reads (a large file's header is all the caller needs,
    // and a megabyte buffer read and dropped would cost more than the header itself)
    let file = std::fs::File::open(path).ok()?.take(limit);
    let mut buf = Vec::new();
    std::io::BufReader::with_capacity(16 << 10, file)
        .read_until(b'\n', &mut buf)
        .ok()?;
    Some(match strip_bom(&buf).len() {
        n if n == buf.len() => buf,
        n => buf[buf.len() - n..].to_vec(),
    })
}

fn read_csv_from<R: polars::io::mmap::MmapBytesReader>(
    reader: R,
    names: Vec<String>,
    file: &str,
    dtypes: Option<&[DataType]>,
) -> Result<Table, Vec<Problem>> {
    let loc = || Location::file(file);
    let mut problems = Vec::new();
    let unique = unique_names(&names, file, &mut problems);
    let mut schema = Schema::with_capacity(names.len());
    for (i, n) in unique.iter().enumerate() {
        let dtype = dtypes.and_then(|d| d.get(i)).cloned().unwrap_or(DataType::String);
        schema.with_column(n.as_str().into(), dtype);
    }
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_raise_if_empty(false)
        .into_reader_with_file_handle(reader)
        .finish();
    let df = match df {
        Ok(df) => df,
        Err(e) => {
            problems.push(Problem::error(
                ProblemKind::Syntax,
                loc(),
                format!("the file is not a readable CSV table: {e}"),
                "check that every row has as many fields as the header and that quotes are closed",
            ));
            return Err(problems);
        }
    };
    if df.height() == 0 {
        problems.push(Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the file has a header but no data rows",
            "add at least one data row below the header",
        ));
    }
    if problems.is_empty() {
        Ok(Table {
            file: file.to_string(),
            names,
            df,
            first_line: 2,
            floats: Vec::new(),
            texts: Vec::new(),
        })
    } else {
        Err(problems)
    }
}

/// Why a cell is not a usable number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumError {
    /// Not a number at all.
    NotANumber,
    /// NaN or infinite.
    NonFinite,
}

/// Parses a decimal number (surrounding spaces allowed).
pub(crate) fn parse_number(cell: &str) -> Result<f64, NumError> {
    match cell.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(NumError::NonFinite),
        Err(_) => Err(NumError::NotANumber),
    }
}

/// A problem for a cell that is not a usable number.
pub(crate) fn number_problem(err: NumError, loc: Location, cell: &str, what: &str) -> Problem {
    match err {
        NumError::NotANumber => Problem::error(
            ProblemKind::NotANumber,
            loc,
            format!("'{cell}' is not a number ({what})"),
            "write a plain decimal number with a point (e.g. 12.5), or leave the cell empty if missing",
        ),
        NumError::NonFinite => Problem::error(
            ProblemKind::NonFinite,
            loc,
            format!("'{cell}' is not a finite number ({what})"),
            "leave the cell empty (missing) or enter a real number",
        ),
    }
}

/// Parses a year: a whole number between -9999 and 9999 (surrounding spaces allowed).
pub(crate) fn parse_year(cell: &str) -> Option<i32> {
    // (four plain digits, as nearly every year is written, without the general parser)
    if let [a, b, c, d] = *cell.as_bytes()
        && [a, b, c, d].iter().all(u8::is_ascii_digit)
    {
        return Some([a, b, c, d].iter().fold(0, |y, &x| y * 10 + i32::from(x - b'0')));
    }
    cell.trim().parse::<i32>().ok().filter(|y| (-9999..=9999).contains(y))
}

/// A `BadYear` problem.
pub(crate) fn year_problem(loc: Location, cell: &str) -> Problem {
    Problem::error(
        ProblemKind::BadYear,
        loc,
        format!("year '{cell}' is not a whole number"),
        "write the year as four digits, e.g. 2023",
    )
}

/// Parses `true`/`false` (also `1`/`0`, `yes`/`no`, case-insensitive).
pub(crate) fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "y" => Some(true),
        "false" | "0" | "no" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers for io's tests: scratch folders and assertions on problems.

    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::error::{Error, Problem, ProblemKind, Problems, Severity};

    static COUNTER: AtomicUsize = AtomicUsize::new(0);

    /// The test fixtures folder `crates/core/tests/fixtures`.
    pub fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
    }

    /// A fresh scratch folder, removed when dropped.
    pub struct Scratch(pub PathBuf);

    impl Scratch {
        pub fn new(name: &str) -> Self {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let p = std::env::temp_dir().join(format!("govgap-io-{name}-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Self(p)
        }
        pub fn path(&self, file: &str) -> PathBuf {
            self.0.join(file)
        }
        pub fn write(&self, file: &str, content: &str) -> PathBuf {
            let p = self.path(file);
            std::fs::write(&p, content).unwrap();
            p
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// The problems of an `Error::Invalid`.
    pub fn problems<T: std::fmt::Debug>(r: crate::Result<T>) -> Problems {
        match r {
            Err(Error::Invalid(p)) => p,
            other => panic!("expected Error::Invalid, got {other:?}"),
        }
    }

    /// The first error of `kind`; panics listing every problem if there is none.
    pub fn error_of(p: &Problems, kind: ProblemKind) -> Problem {
        p.0.iter()
            .find(|q| q.kind == kind && q.severity == Severity::Error)
            .cloned()
            .unwrap_or_else(|| panic!("no {kind:?} error among:\n{p}"))
    }

    /// Asserts that the displayed problem names each part (file, "row N", "column 'c'", codes ...).
    pub fn assert_names(p: &Problem, parts: &[&str]) {
        let text = p.to_string();
        for part in parts {
            assert!(text.contains(part), "'{part}' missing from: {text}");
        }
        assert!(!p.fix.is_empty(), "no fix given: {text}");
    }
}

#[cfg(test)]
mod tests {
    use super::parse_year;

    #[test]
    fn years_are_whole_numbers_of_at_most_four_digits() {
        for (cell, want) in [
            ("2015", Some(2015)),
            ("0999", Some(999)),
            (" 2015 ", Some(2015)),
            ("-200", Some(-200)),
            ("15", Some(15)),
            ("2015.0", None),
            ("20a5", None),
            ("12345", None),
            ("", None),
        ] {
            assert_eq!(parse_year(cell), want, "{cell:?}");
        }
    }
}
