//! Data coverage: which units have which values, of what quality, and what is missing.

use std::collections::BTreeMap;

use crate::Dataset;
use crate::model::{NodeRole, Quality};

/// Counts of values in one cell of the coverage matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Values flagged official.
    pub official: usize,
    /// Values flagged secondary.
    pub secondary: usize,
    /// Values flagged derived.
    pub derived: usize,
    /// Values without a flag (imports).
    pub unflagged: usize,
    /// Indicators of the dimension without a value.
    pub missing: usize,
}

impl Counts {
    /// Values present.
    #[must_use]
    pub fn present(&self) -> usize {
        self.official + self.secondary + self.derived + self.unflagged
    }
}

/// One row of the coverage matrix: a unit, a year (`None` = any year), a dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    /// Unit code.
    pub unit: String,
    /// Year, or `None` for "latest value in any year".
    pub year: Option<i32>,
    /// Dimension code (an aggregate directly above indicators), or `context`.
    pub dimension: String,
    /// Counts.
    pub counts: Counts,
    /// Codes of the dimension's indicators without a value.
    pub missing: Vec<String>,
}

/// The coverage matrix: units × dimensions, per year and for "any year".
///
/// For each unit and each dimension (aggregate whose children are indicators), counts the
/// indicators with a value by quality flag and lists the ones without. Rows are sorted by unit code,
/// year (`None`, meaning any year, first) and dimension in framework order.
#[must_use]
pub fn coverage(ds: &Dataset) -> Vec<CoverageRow> {
    let fw = ds.framework();
    let mut dims: Vec<(String, Vec<usize>)> = fw
        .aggregates()
        .filter_map(|a| {
            let kids: Vec<usize> = fw
                .children(a)
                .iter()
                .copied()
                .filter(|&c| fw.nodes()[c].role == NodeRole::Indicator)
                .collect();
            (!kids.is_empty()).then(|| (fw.nodes()[a].code.clone(), kids))
        })
        .collect();
    let context: Vec<usize> = fw
        .measured()
        .filter(|&k| fw.nodes()[k].role == NodeRole::Context)
        .collect();
    if !context.is_empty() {
        dims.push(("context".to_string(), context));
    }
    let years = ds.years();
    let mut out = Vec::new();
    for (u, unit) in ds.units().iter().enumerate() {
        let rows: BTreeMap<Option<i32>, usize> = ds
            .obs()
            .iter()
            .enumerate()
            .filter(|(_, o)| o.unit == u)
            .map(|(r, o)| (o.year, r))
            .collect();
        let mut year_list: Vec<Option<i32>> = vec![None];
        if years.iter().any(Option::is_some) {
            year_list.extend(years.iter().copied().flatten().map(Some));
        }
        for y in year_list {
            for (code, kids) in &dims {
                let mut c = Counts::default();
                let mut missing = Vec::new();
                for &k in kids {
                    let q = match y {
                        Some(_) => rows.get(&y).and_then(|&r| ds.column(k).get(r)).map(|c| c.quality),
                        None => rows
                            .values()
                            .rev()
                            .find_map(|&r| ds.column(k).get(r))
                            .map(|c| c.quality),
                    };
                    match q {
                        Some(Quality::Official) => c.official += 1,
                        Some(Quality::Secondary) => c.secondary += 1,
                        Some(Quality::Derived) => c.derived += 1,
                        Some(Quality::Unflagged) => c.unflagged += 1,
                        None => {
                            c.missing += 1;
                            missing.push(fw.nodes()[k].code.clone());
                        }
                    }
                }
                if y.is_none() || c.present() > 0 {
                    out.push(CoverageRow {
                        unit: unit.code.clone(),
                        year: y,
                        dimension: code.clone(),
                        counts: c,
                        missing,
                    });
                }
            }
        }
    }
    out
}
