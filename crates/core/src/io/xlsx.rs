//! Reading a worksheet of an XLSX (or XLS, ODS) workbook as a table of text cells (calamine).

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use polars::prelude::{Column, DataFrame};

use super::table::{Table, label, unique_names};
use crate::error::{Location, Problem, ProblemKind};

/// Whether a path names a spreadsheet (by extension).
pub(crate) fn is_spreadsheet(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The text of a spreadsheet cell; `None` for an empty cell.
fn cell_text(d: &Data) -> Option<String> {
    let s = match d {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e}"),
    };
    (!s.is_empty()).then_some(s)
}

/// Reads the first worksheet whose name is one of `preferred` (ignoring case), or else the first
/// worksheet, as a table of text cells. The header is the first non-empty row; line numbers are the
/// spreadsheet's row numbers.
pub(crate) fn read_sheet(path: &Path, preferred: &[&str], what: &str) -> Result<Table, Vec<Problem>> {
    let file = label(path);
    let loc = || Location::file(file.clone());
    if !path.is_file() {
        return Err(vec![Problem::error(
            ProblemKind::MissingFile,
            loc(),
            format!("the {what} file does not exist"),
            format!("create the {what} file, or point to the file that has it"),
        )]);
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        vec![Problem::error(
            ProblemKind::Syntax,
            loc(),
            format!("the workbook cannot be read: {e}"),
            "save it again as .xlsx, or export the sheet as CSV (UTF-8)",
        )]
    })?;
    let names = wb.sheet_names();
    let sheet = names
        .iter()
        .find(|n| preferred.iter().any(|p| n.eq_ignore_ascii_case(p)))
        .or_else(|| names.first())
        .cloned();
    let Some(sheet) = sheet else {
        return Err(vec![Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the workbook has no worksheets",
            format!("put the {what} table on the first worksheet"),
        )]);
    };
    let range = wb.worksheet_range(&sheet).map_err(|e| {
        vec![Problem::error(
            ProblemKind::Syntax,
            loc().column(sheet.clone()),
            format!("worksheet '{sheet}' cannot be read: {e}"),
            "save it again as .xlsx, or export the sheet as CSV (UTF-8)",
        )]
    })?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(vec![Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            format!("worksheet '{sheet}' is empty"),
            format!("put the {what} table (header row, then data rows) on worksheet '{sheet}'"),
        )]);
    };
    let names: Vec<String> = header.iter().map(|d| cell_text(d).unwrap_or_default()).collect();
    let mut cells: Vec<Vec<Option<String>>> = vec![Vec::new(); names.len()];
    for row in rows {
        for (c, col) in cells.iter_mut().enumerate() {
            col.push(row.get(c).and_then(cell_text));
        }
    }
    let height = cells.first().map_or(0, Vec::len);
    let mut problems = Vec::new();
    let unique = unique_names(&names, &file, &mut problems);
    if height == 0 {
        problems.push(Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            format!("worksheet '{sheet}' has a header but no data rows"),
            "add at least one data row below the header",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let columns: Vec<Column> = unique
        .iter()
        .zip(cells)
        .map(|(n, v)| Column::new(n.as_str().into(), v))
        .collect();
    let df = DataFrame::new(height, columns).map_err(|e| {
        vec![Problem::error(
            ProblemKind::Syntax,
            loc(),
            format!("the worksheet cannot be tabulated: {e}"),
            "",
        )]
    })?;
    // Spreadsheet rows are 1-based; the header is at start_row + 1, the first data row one below.
    Ok(Table {
        file,
        names,
        df,
        first_line: start_row + 2,
        floats: Vec::new(),
        texts: Vec::new(),
    })
}
