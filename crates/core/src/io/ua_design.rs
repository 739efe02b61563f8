//! Monte Carlo design files in the format of the side-by-side benchmark kit:
//! `rep,norm,m_<indicator>...,q_<dimension>...`, one row per replication.

use std::path::Path;

use crate::error::{Location, Problem, ProblemKind, Problems};
use crate::uncertainty::UaDesign;
use crate::{Error, Result};

/// Reads a design file for the given indicator and dimension codes (the multiplier columns are
/// matched by name, `m_<code>` and `q_<code>`, in the order given).
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Invalid`] naming the row and column of a
/// missing column or a cell that is not a number; the design's own shape checks.
pub fn read_ua_design(path: impl AsRef<Path>, indicators: &[String], dims: &[String]) -> Result<UaDesign> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: file.clone(),
        source,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').map(str::trim).collect();
    let mut problems = Vec::new();
    let col = |name: &str, problems: &mut Vec<Problem>| {
        let p = header.iter().position(|h| *h == name);
        if p.is_none() {
            problems.push(Problem::error(
                ProblemKind::MissingColumn,
                Location::file(&file).column(name),
                format!("the design has no column '{name}'"),
                "write one multiplier column per indicator (m_<code>) and per dimension (q_<code>), and a norm column",
            ));
        }
        p
    };
    let norm_c = col("norm", &mut problems);
    let m_c: Vec<Option<usize>> = indicators
        .iter()
        .map(|c| col(&format!("m_{c}"), &mut problems))
        .collect();
    let q_c: Vec<Option<usize>> = dims.iter().map(|c| col(&format!("q_{c}"), &mut problems)).collect();
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }
    let mut norm = Vec::new();
    let mut m = Vec::new();
    let mut q = Vec::new();
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').collect();
        let row = i + 2;
        let num = |c: Option<usize>, problems: &mut Vec<Problem>| -> f64 {
            let Some(c) = c else { return 0.0 };
            let cell = cells.get(c).map_or("", |s| s.trim());
            match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => v,
                _ => {
                    problems.push(Problem::error(
                        ProblemKind::NotANumber,
                        Location::file(&file).row(row).column(header[c]),
                        format!("'{cell}' is not a finite number"),
                        "every design cell must be a number",
                    ));
                    0.0
                }
            }
        };
        let nv = num(norm_c, &mut problems);
        norm.push(u8::from(nv == 1.0));
        for &c in &m_c {
            m.push(num(c, &mut problems));
        }
        for &c in &q_c {
            q.push(num(c, &mut problems));
        }
        if problems.len() > 50 {
            break;
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(Problems(problems)));
    }
    UaDesign::new(&norm, m, q, indicators.len(), dims.len())
}
