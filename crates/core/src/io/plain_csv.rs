//! A fast path for the common case of a large `iData` table: a plain CSV file (no quote characters,
//! one record per line) whose measured columns hold decimal numbers.
//!
//! Such a file is read in parallel straight into the column layout the dataset uses (a dense `f64`
//! column per measured column, NaN marking a missing cell; a text column as one buffer of its cells,
//! [`super::table::PlainText`]), without an intermediate polars frame. Whatever is not plain — a quote character, a row with another number of fields
//! than the header, a measured cell that is not a number, NaN or an infinity, a blank line between
//! rows, text that is not UTF-8 — makes [`read_plain_csv`] return `None`, and the caller reads the
//! file through polars as before, which locates every problem. So this path never reports a problem of its own and never accepts a file
//! the general path would reject for a reason this path cannot see.
//!
//! Numbers are parsed by `fast-float2`, the parser polars' own CSV reader uses, so the values are the
//! same bit for bit. A measured cell that is empty or `NA` is missing, as on the general path.
//!
//! Measured on the 28,500 x 60 benchmark table (17.6 MB): 11-14 ms against 34-38 ms for polars' typed
//! reader plus the conversion of its columns (2 cores).

use std::path::Path;

use polars::prelude::{Column, DataFrame, DataType};
use rayon::prelude::*;

use super::table::{PlainText, Table, strip_bom};

/// Reads `path` as a plain CSV file with header `names` (as [`super::table::header_fields`] found
/// them); the columns flagged in `numeric` are parsed as numbers into [`Table::floats`] (their frame
/// columns are placeholders of nulls), the others are kept as text in [`Table::texts`] (likewise).
/// `None` when the file is not
/// plain in the sense of the module documentation, or cannot be read.
pub(crate) fn read_plain_csv(path: &Path, file: &str, names: &[String], numeric: &[bool]) -> Option<Table> {
    if !plain_header(names, numeric) {
        return None;
    }
    // memory-mapped through polars (which also guards the mapping against writers of the file)
    let handle = std::fs::File::open(path).ok()?;
    let map = polars_utils::mmap::MMapSemaphore::new_from_file(&handle).ok()?;
    read_plain_bytes(map.as_ref(), file, names, numeric)
}

/// Whether a header can be read on this path: two columns or more (a single column is left to
/// polars: an empty line would be an empty row here), one flag each, no name twice.
fn plain_header(names: &[String], numeric: &[bool]) -> bool {
    names.len() >= 2 && names.len() == numeric.len() && !names.iter().enumerate().any(|(i, n)| names[..i].contains(n))
}

/// [`read_plain_csv`] on the file's bytes, already in memory.
pub(crate) fn read_plain_bytes(bytes: &[u8], file: &str, names: &[String], numeric: &[bool]) -> Option<Table> {
    if !plain_header(names, numeric) {
        return None;
    }
    let bytes = strip_bom(bytes);
    let header_end = memchr::memchr(b'\n', bytes)?;
    if memchr::memchr(b'"', &bytes[..header_end]).is_some() {
        return None;
    }
    let body = bytes[header_end + 1..].trim_ascii_end();
    if body.is_empty() {
        return None;
    }
    // chunks of whole lines, a few per thread so that uneven lines balance out (a small table is one
    // chunk, read on the calling thread: waking the others would take longer)
    let parts = if body.len() < SMALL {
        1
    } else {
        (rayon::current_num_threads() * 4).max(1)
    };
    let mut bounds = vec![0];
    for p in 1..parts {
        let from = (body.len() * p / parts).max(*bounds.last().unwrap_or(&0));
        match memchr::memchr(b'\n', &body[from..]) {
            Some(i) if from + i + 1 < body.len() => bounds.push(from + i + 1),
            _ => break,
        }
    }
    bounds.push(body.len());
    bounds.dedup();
    let chunks: Vec<&[u8]> = bounds.windows(2).map(|w| &body[w[0]..w[1]]).collect();
    // lines per chunk (the body ends without a newline, every other chunk with one); a chunk with a
    // quote character is not plain (the chunks were cut without regard to quotes, which is only right
    // when there are none)
    let counts: Vec<usize> = chunks
        .par_iter()
        .map(|c| {
            // one pass for both: the line ends, and any quote character
            let mut lines = usize::from(c.last() != Some(&b'\n'));
            for at in memchr::memchr2_iter(b'\n', b'"', c) {
                if c[at] == b'"' {
                    return None;
                }
                lines += 1;
            }
            Some(lines)
        })
        .collect::<Option<_>>()?;
    let n: usize = counts.iter().sum();
    let numeric_cols: Vec<usize> = (0..names.len()).filter(|&c| numeric[c]).collect();
    let text_cols: Vec<usize> = (0..names.len()).filter(|&c| !numeric[c]).collect();
    // zeroed columns come as fresh pages from the system, untouched until the parse writes every
    // cell (in parallel, so the page faults are spread over the threads)
    let mut floats: Vec<Vec<f64>> = numeric_cols.par_iter().map(|_| vec![0.0; n]).collect();
    let mut float_parts = rows_by_chunk(&mut floats, &counts);
    // each chunk's text cells go straight into a column part of its own (an empty cell is missing,
    // as polars reads it); the parts are joined below
    let mut text_parts: Vec<Vec<PlainText>> = counts
        .iter()
        // (room for eight bytes a cell, grown if need be)
        .map(|&rows| {
            text_cols
                .iter()
                .map(|_| PlainText::with_capacity(rows, 8 * rows))
                .collect()
        })
        .collect();
    // position of each column among the numeric (or text) ones
    let slot: Vec<usize> = (0..names.len())
        .map(|c| {
            if numeric[c] {
                numeric_cols.iter().position(|&x| x == c).unwrap_or(0)
            } else {
                text_cols.iter().position(|&x| x == c).unwrap_or(0)
            }
        })
        .collect();
    let ok = chunks
        .par_iter()
        .zip(float_parts.par_iter_mut())
        .zip(text_parts.par_iter_mut())
        .all(|((chunk, fl), tx)| parse_chunk(chunk, numeric, &slot, fl, tx));
    if !ok {
        return None;
    }
    // every chunk has read as many rows as it has lines (the parse checks each line's fields against
    // the header, so this only guards the invariant)
    if text_parts
        .iter()
        .zip(&counts)
        .any(|(p, &rows)| p.iter().any(|t| t.len() != rows))
    {
        return None;
    }
    // one buffer per text column, the chunks' parts joined (their frame columns are placeholders:
    // `Table::text` looks here first)
    let mut by_column: Vec<Vec<PlainText>> = text_cols.iter().map(|_| Vec::with_capacity(text_parts.len())).collect();
    for chunk_parts in text_parts {
        for (column, part) in by_column.iter_mut().zip(chunk_parts) {
            column.push(part);
        }
    }
    let text_columns: Vec<PlainText> = by_column.iter().map(|parts| PlainText::concat(parts)).collect();
    let columns: Vec<Column> = names
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let dtype = if numeric[c] {
                DataType::Float64
            } else {
                DataType::String
            };
            Column::full_null(name.as_str().into(), n, &dtype)
        })
        .collect();
    let df = DataFrame::new(n, columns).ok()?;
    let mut per_column: Vec<Option<Vec<f64>>> = vec![None; names.len()];
    for (&c, col) in numeric_cols.iter().zip(floats) {
        per_column[c] = Some(col);
    }
    let mut text_per_column: Vec<Option<PlainText>> = (0..names.len()).map(|_| None).collect();
    for (&c, col) in text_cols.iter().zip(text_columns) {
        text_per_column[c] = Some(col);
    }
    Some(Table {
        file: file.to_string(),
        names: names.to_vec(),
        df,
        first_line: 2,
        floats: per_column,
        texts: text_per_column,
    })
}

/// Bodies shorter than this (bytes) are read as one chunk; one byte under test (no body is shorter),
/// so that the tests' small tables are cut into chunks as a large one is.
const SMALL: usize = if cfg!(test) { 1 } else { 1 << 20 };

/// Each chunk's rows of every column: `counts[i]` rows for chunk `i`, in order.
fn rows_by_chunk<'c, T>(columns: &'c mut [Vec<T>], counts: &[usize]) -> Vec<Vec<&'c mut [T]>> {
    let mut parts: Vec<Vec<&mut [T]>> = counts.iter().map(|_| Vec::with_capacity(columns.len())).collect();
    for col in columns {
        let mut rest = col.as_mut_slice();
        for (part, &len) in parts.iter_mut().zip(counts) {
            let (mine, tail) = rest.split_at_mut(len);
            part.push(mine);
            rest = tail;
        }
    }
    parts
}

/// Parses the lines of one chunk into its rows of the columns, in one pass over the bytes (a plain
/// decimal is read as it is scanned); `false` at the first thing that is not plain.
fn parse_chunk(
    chunk: &[u8],
    numeric: &[bool],
    slot: &[usize],
    floats: &mut [&mut [f64]],
    texts: &mut [PlainText],
) -> bool {
    let width = numeric.len();
    let mut pos = 0;
    let mut row = 0;
    while pos < chunk.len() {
        for (c, &is_number) in numeric.iter().enumerate() {
            let last = c + 1 == width;
            let end = if is_number {
                let (value, end) = if let Some(found) = scan_decimal(chunk, pos) {
                    found
                } else {
                    let (cell, end) = field(chunk, pos, last);
                    let cell = cell.trim_ascii();
                    if cell.is_empty() || cell == b"NA" {
                        (None, end)
                    } else {
                        // (NaN and infinities are left to the general path, which reports them)
                        match fast_float2::parse::<f64, _>(cell) {
                            Ok(x) if x.is_finite() => (Some(x), end),
                            _ => return false,
                        }
                    }
                };
                match floats[slot[c]].get_mut(row) {
                    Some(cell) => *cell = value.unwrap_or(f64::NAN),
                    None => return false,
                }
                end
            } else {
                let (cell, end) = field(chunk, pos, last);
                match (std::str::from_utf8(cell), texts.get_mut(slot[c])) {
                    (Ok(text), Some(column)) => column.push(text),
                    _ => return false,
                }
                end
            };
            // the field must end where the header says: at a comma, or at the end of the line
            match chunk.get(end) {
                Some(b',') if !last => pos = end + 1,
                Some(b'\n') if last => pos = end + 1,
                None if last => pos = end,
                _ => return false,
            }
        }
        row += 1;
    }
    true
}

/// The field starting at `pos` (without the carriage return of a CRLF line end if it is the line's
/// `last`) and the position of the comma or newline that ends it (or the chunk's end).
fn field(chunk: &[u8], pos: usize, last: bool) -> (&[u8], usize) {
    let end = memchr::memchr2(b',', b'\n', &chunk[pos..]).map_or(chunk.len(), |i| pos + i);
    let cell = &chunk[pos..end];
    let cell = if last {
        cell.strip_suffix(b"\r").unwrap_or(cell)
    } else {
        cell
    };
    (cell, end)
}

/// A plain decimal starting at `pos` and ending at a comma, a newline or the chunk's end: its value
/// and the position of that end. `None` for anything else (spaces, an exponent, `NA`, more than 15
/// digits, a carriage return ...), which the caller parses the general way.
///
/// The value is an exact integer divided by an exact power of ten, one correctly rounded operation,
/// so it is the correctly rounded value of the text, the same any correct parser gives (Clinger's
/// fast path).
#[inline]
fn scan_decimal(chunk: &[u8], pos: usize) -> Option<(Option<f64>, usize)> {
    if let Some((x, end)) = scan_short_decimal(chunk, pos) {
        return Some((Some(x), end));
    }
    let mut i = pos;
    let negative = match chunk.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut n_digits = 0usize;
    let mut frac_digits = 0usize;
    let mut seen_point = false;
    loop {
        match chunk.get(i) {
            Some(&b @ b'0'..=b'9') => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                n_digits += 1;
                frac_digits += usize::from(seen_point);
                if n_digits > 15 {
                    return None;
                }
            }
            Some(b'.') if !seen_point => seen_point = true,
            Some(b',' | b'\n') | None => break,
            Some(_) => return None,
        }
        i += 1;
    }
    if i == pos {
        return Some((None, i)); // an empty cell
    }
    if n_digits == 0 {
        return None;
    }
    let magnitude = mantissa as f64 / EXACT_POW10[frac_digits];
    Some((Some(if negative { -magnitude } else { magnitude }), i))
}

/// The common short form of [`scan_decimal`], eight bytes at a time: an optional `-`, one to seven
/// digits, optionally a point and up to seven more digits (fifteen digits at most), then a comma, a
/// newline or the chunk's end. `None` for anything else (including when fewer than eight bytes are
/// left to read), which the byte-by-byte scan then handles. Same value as that scan: the digits
/// form the same integer, divided by the same power of ten.
#[inline]
fn scan_short_decimal(chunk: &[u8], pos: usize) -> Option<(f64, usize)> {
    let (negative, start) = match chunk.get(pos) {
        Some(b'-') => (true, pos + 1),
        _ => (false, pos),
    };
    let (k1, int) = leading_digits(load8(chunk, start)?);
    if k1 == 0 || k1 == 8 {
        return None;
    }
    let mut end = start + k1;
    let (mantissa, frac_digits) = if chunk.get(end) == Some(&b'.') {
        let (k2, frac) = leading_digits(load8(chunk, end + 1)?);
        if k2 == 8 || k1 + k2 > 15 {
            return None;
        }
        end += 1 + k2;
        (int * POW10_U64[k2] + frac, k2)
    } else {
        (int, 0)
    };
    if !matches!(chunk.get(end), Some(b',' | b'\n') | None) {
        return None;
    }
    let magnitude = mantissa as f64 / EXACT_POW10[frac_digits];
    Some((if negative { -magnitude } else { magnitude }, end))
}

/// The eight bytes at `at` as a little-endian word (the first byte lowest), if there are eight.
#[inline]
fn load8(chunk: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; 8] = chunk.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// How many of the word's bytes, from the first, are ASCII digits (0 to 8), and their value.
#[inline]
fn leading_digits(word: u64) -> (usize, u64) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // per byte: digit value 0-9 for a digit, something else otherwise (no carries between bytes)
    let v = word ^ 0x3030_3030_3030_3030;
    let not_digit = (((v & LOW7) + 0x7676_7676_7676_7676) | v) & HIGH;
    let k = (not_digit.trailing_zeros() / 8) as usize;
    if k == 0 {
        return (0, 0);
    }
    // the k digits moved to the top, zeros (leading zeros of the number) below them
    let v = v << (8 * (8 - k));
    // eight digit values to one number: pairs, then fours, then the eight
    let v = (v * 10) + (v >> 8);
    let v = ((v & 0x0000_00ff_0000_00ff).wrapping_mul(100 + (1_000_000 << 32))
        + ((v >> 16) & 0x0000_00ff_0000_00ff).wrapping_mul(1 + (10_000 << 32)))
        >> 32;
    (k, v & 0xffff_ffff)
}

/// Powers of ten as integers, up to the seven fraction digits of [`scan_short_decimal`].
const POW10_U64: [u64; 8] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

/// Powers of ten that are exact in an `f64`.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A cell's number as the reader sees it: the plain-decimal scan where it applies, else
/// `fast-float2` (for the tests that pin the two together).
///
/// The cell is read twice: alone (the byte-by-byte scan, as at the end of a chunk) and followed by
/// more of a line (the eight-byte scan where it applies); both readings must agree.
#[cfg(test)]
fn parse_decimal(cell: &[u8]) -> Option<f64> {
    let read = |chunk: &[u8]| match scan_decimal(chunk, 0) {
        Some((Some(x), end)) if end == cell.len() => Some(x),
        Some((None, 0)) if cell.is_empty() => None,
        _ => fast_float2::parse::<f64, _>(cell).ok(),
    };
    let alone = read(cell);
    let mut line = cell.to_vec();
    line.extend_from_slice(b",12345678,x\n");
    assert_eq!(
        alone.map(f64::to_bits),
        read(&line).map(f64::to_bits),
        "{}",
        String::from_utf8_lossy(cell)
    );
    alone
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::model::Scores;

    fn read(text: &str, numeric: &[bool]) -> Option<Table> {
        let dir = std::env::temp_dir().join(format!("govgap-plain-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("t{}.csv", text.len()));
        std::fs::write(&path, text).ok()?;
        let names = super::super::table::header_fields(text.as_bytes());
        let t = read_plain_csv(&path, "t.csv", &names, numeric);
        let _ = std::fs::remove_file(&path);
        t
    }

    /// A plain table of text (an iMeta) reads as polars' CSV reader reads it: the same strings, an
    /// empty cell missing, spaces kept, a carriage return before a line end dropped.
    #[test]
    fn plain_text_tables_read_as_polars_reads_them() {
        let text = b"iCode,dim,direction,weight\nx01,D1,1,1\nx02,, -1,2\r\nx03,D2,1,\n";
        let general = crate::io::table::read_csv(
            b"\"iCode\",dim,direction,weight\nx01,D1,1,1\nx02,, -1,2\r\nx03,D2,1,\n",
            "m.csv",
            None,
        )
        .expect("read through polars (a quote keeps it off the plain path)");
        let plain = crate::io::table::read_csv(text, "m.csv", None).expect("read plainly");
        assert_eq!(plain.height(), 3);
        for c in 0..4 {
            let column = |t: &Table| {
                (0..3)
                    .map(|r| t.text(c).and_then(|ca| ca.get(r)).map(str::to_string))
                    .collect::<Vec<_>>()
            };
            assert_eq!(column(&plain), column(&general), "column {c}");
        }
        assert_eq!(plain.text(1).and_then(|ca| ca.get(1)), None);
        assert_eq!(plain.text(2).and_then(|ca| ca.get(1)), Some(" -1"));
    }

    #[test]
    fn reads_numbers_text_and_missing_cells() {
        let t = read("uCode,x1,x2\r\nA, 1.5,\nB,NA,-2e3\nC,3,4\n\n", &[false, true, true]).unwrap();
        assert_eq!(t.height(), 3);
        let col = |c: usize| Scores::from_raw(t.floats[c].clone().unwrap_or_default());
        assert_eq!(col(1), Scores::from(vec![Some(1.5), None, Some(3.0)]));
        assert_eq!(col(2), Scores::from(vec![None, Some(-2000.0), Some(4.0)]));
        assert!(t.floats[0].is_none());
        assert_eq!(t.cell(Some(0), 2), Some("C"));
        assert_eq!(t.line(2), 4);
    }

    #[test]
    fn many_rows_split_over_chunks_keep_their_order() {
        let mut s = String::from("u,x,name\n");
        for i in 0..5000 {
            // every seventh name missing
            let name = if i % 7 == 0 { String::new() } else { format!("Unit {i}") };
            let _ = writeln!(s, "U{i},{i},{name}");
        }
        let t = read(&s, &[false, true, false]).unwrap();
        let x = t.floats[1].as_deref().unwrap();
        assert_eq!(x.len(), 5000);
        assert!(x.iter().enumerate().all(|(i, &v)| v == i as f64));
        for i in 0..5000 {
            let u = format!("U{i}");
            assert_eq!(t.cell(Some(0), i), Some(u.as_str()));
            let name = format!("Unit {i}");
            assert_eq!(t.cell(Some(2), i), (i % 7 != 0).then_some(name.as_str()), "row {i}");
        }
        assert_eq!(t.cell(Some(0), 5000), None, "beyond the last row");
    }

    #[test]
    fn decimals_agree_with_fast_float_bit_for_bit() {
        let cases = [
            "0",
            "-0",
            "+0",
            "1",
            "0.1",
            "0.3",
            "615.835855",
            "-2.137761",
            "123456789012345",
            "1234567890.12345",
            "0.000000000000001",
            "9007199254740993",
            "1.",
            ".5",
            "-.5",
            "1e3",
            "2.5E-3",
            "1234567890123456.7",
            "0.30000000000000004",
            "inf",
            "-nan",
            "00012.5000",
            "1234567.1234567",
            "9999999.99999999",
            "12345678.5",
            "0.12345678",
            "-0.5",
            "-1234.",
            "7",
            "1.2e5",
            "12.5x",
        ];
        for c in cases {
            let ours = parse_decimal(c.as_bytes()).map(f64::to_bits);
            let theirs = fast_float2::parse::<f64, _>(c).ok().map(f64::to_bits);
            assert_eq!(ours, theirs, "{c}");
        }
        for c in ["", "-", ".", "1.2.3", "1,5", "abc", "--1"] {
            assert_eq!(parse_decimal(c.as_bytes()), None, "{c}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_plain_decimal_is_correctly_rounded(int in 0u64..10_000_000_000, frac in 0u64..100_000, places in 0usize..6, neg: bool) {
            let text = if places == 0 {
                format!("{}{int}", if neg { "-" } else { "" })
            } else {
                let frac = frac % 10u64.pow(places as u32);
                format!("{}{int}.{frac:0places$}", if neg { "-" } else { "" })
            };
            let expected: f64 = text.parse().unwrap();
            proptest::prop_assert_eq!(parse_decimal(text.as_bytes()).map(f64::to_bits), Some(expected.to_bits()), "{}", text);
        }
    }

    #[test]
    fn anything_not_plain_goes_to_the_general_reader() {
        let n = [false, true];
        assert!(read("u,x\n\"A\",1\n", &n).is_none(), "quotes");
        assert!(read("u,x\nA,1,2\n", &n).is_none(), "too many fields");
        assert!(read("u,x\nA\n", &n).is_none(), "too few fields");
        assert!(read("u,x\nA,abc\n", &n).is_none(), "not a number");
        assert!(read("u,x\nA,1\n\nB,2\n", &n).is_none(), "blank line inside");
        assert!(read("u,x\n", &n).is_none(), "no rows");
        assert!(read("u,u\nA,1\n", &n).is_none(), "repeated name");
        assert!(read("x\n1\n\n2\n", &[true]).is_none(), "one column");
        // NaN and infinities are left to the general path, which reports them with their location
        // (a dense column could not tell a NaN from a missing cell)
        assert!(read("u,x\nA,nan\n", &n).is_none(), "NaN");
        assert!(read("u,x\nA,1\nB,-inf\n", &n).is_none(), "infinity");
    }
}
