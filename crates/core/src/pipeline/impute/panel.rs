//! Panel imputation along each unit's years: last observation carried forward, and linear
//! interpolation in time.

use std::collections::BTreeMap;

/// Each unit's rows that have a year, sorted by year (ties keep row order).
fn series(unit: &[usize], year: &[Option<i32>]) -> BTreeMap<usize, Vec<(i32, usize)>> {
    let mut m: BTreeMap<usize, Vec<(i32, usize)>> = BTreeMap::new();
    for (r, (&u, &y)) in unit.iter().zip(year).enumerate() {
        if let Some(y) = y {
            m.entry(u).or_default().push((y, r));
        }
    }
    for s in m.values_mut() {
        s.sort_by_key(|&(y, _)| y);
    }
    m
}

/// Last observation carried forward: a missing cell takes the unit's observed value of the latest
/// earlier year; none → stays missing.
pub(super) fn latest(x: &[Option<f64>], unit: &[usize], year: &[Option<i32>]) -> Vec<Option<f64>> {
    let mut out = x.to_vec();
    for s in series(unit, year).values() {
        let mut last: Option<(i32, f64)> = None;
        for &(y, r) in s {
            match x[r] {
                Some(v) => last = Some((y, v)),
                None => {
                    if let Some((_, v)) = last.filter(|&(ly, _)| ly < y) {
                        out[r] = Some(v);
                    }
                }
            }
        }
    }
    out
}

/// Linear interpolation between the nearest earlier and later observed years of the same unit; no
/// extrapolation.
pub(super) fn linear(x: &[Option<f64>], unit: &[usize], year: &[Option<i32>]) -> Vec<Option<f64>> {
    let mut out = x.to_vec();
    for s in series(unit, year).values() {
        let observed: Vec<(i32, f64)> = s.iter().filter_map(|&(y, r)| x[r].map(|v| (y, v))).collect();
        for &(t, r) in s {
            if x[r].is_some() {
                continue;
            }
            let before = observed.iter().rev().find(|&&(y, _)| y < t);
            let after = observed.iter().find(|&&(y, _)| y > t);
            if let (Some(&(t0, v0)), Some(&(t1, v1))) = (before, after) {
                let w = (i64::from(t) - i64::from(t0)) as f64 / (i64::from(t1) - i64::from(t0)) as f64;
                out[r] = Some(v0 + (v1 - v0) * w);
            }
        }
    }
    out
}
