//! Cross-sectional imputation: fill a cell from the other units observed in the same cell of a
//! partition (a year, or a year and a group).

use std::collections::BTreeMap;

/// Rows per year (rows without a year form one cross-section).
pub(super) fn by_year(year: &[Option<i32>]) -> BTreeMap<(Option<i32>, u32), Vec<usize>> {
    let mut cells: BTreeMap<(Option<i32>, u32), Vec<usize>> = BTreeMap::new();
    for (r, &y) in year.iter().enumerate() {
        cells.entry((y, 0)).or_default().push(r);
    }
    cells
}

/// Rows per (year, group); rows without a group belong to no cell and are never filled.
pub(super) fn by_year_and_group(
    year: &[Option<i32>],
    group: &[Option<u32>],
) -> BTreeMap<(Option<i32>, u32), Vec<usize>> {
    let mut cells: BTreeMap<(Option<i32>, u32), Vec<usize>> = BTreeMap::new();
    for (r, (&y, &g)) in year.iter().zip(group).enumerate() {
        if let Some(g) = g {
            cells.entry((y, g)).or_default().push(r);
        }
    }
    cells
}

/// Fills each missing cell with `stat` of the observed values of its partition cell; a partition cell
/// without observed values (or a row in no partition cell) stays missing.
pub(super) fn fill(
    x: &[Option<f64>],
    cells: &BTreeMap<(Option<i32>, u32), Vec<usize>>,
    stat: fn(&[f64]) -> Option<f64>,
) -> Vec<Option<f64>> {
    let mut out = x.to_vec();
    for rows in cells.values() {
        let donors: Vec<f64> = rows.iter().filter_map(|&r| x[r]).collect();
        if let Some(v) = stat(&donors) {
            for &r in rows {
                if out[r].is_none() {
                    out[r] = Some(v);
                }
            }
        }
    }
    out
}
