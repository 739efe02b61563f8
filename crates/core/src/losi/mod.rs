//! The UN Local Online Service Index (LOSI) scoring rule.
//!
//! LOSI assesses a city's government portal against binary items grouped into criteria (2024 edition:
//! 95 items in six criteria — institutional framework, content provision, services provision,
//! participation and engagement, e-government literacy, technology). The score is the share of items
//! met, in total and per criterion. Scores are only comparable within one edition: 2018 counted 60
//! indicators, 2020 used 80, 2022 86, 2024 about 95.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Error, Result};

/// The edition of the LOSI instrument an assessment used.
pub const EDITION: i32 = 2024;

/// One criterion's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    /// Criterion code.
    pub criterion: String,
    /// Items met.
    pub met: usize,
    /// Items of the criterion that were assessed (met or not met).
    pub assessed: usize,
    /// Items of the criterion in the instrument.
    pub items: usize,
    /// `met / items` (0..=1); unassessed items count as not met, as in the UN rule.
    pub share: f64,
}

/// A unit's LOSI result.
#[derive(Debug, Clone, PartialEq)]
pub struct LosiScore {
    /// Edition of the instrument.
    pub edition: i32,
    /// Items met / items in the instrument (0..=1).
    pub total_share: f64,
    /// Items met.
    pub met: usize,
    /// Items assessed.
    pub assessed: usize,
    /// Items in the instrument.
    pub items: usize,
    /// Per criterion, in the order of first appearance in the instrument.
    pub criteria: Vec<CriterionScore>,
}

impl LosiScore {
    /// Whether every item was assessed (a partial assessment is shown as such).
    #[must_use]
    pub fn complete(&self) -> bool {
        self.assessed == self.items
    }
}

/// Scores an assessment: `items` are the instrument's `(criterion, item code)` pairs (duplicate item
/// codes are counted once, at their first criterion); `met` maps item code → met (true) / not met
/// (false); items absent from `met` were not assessed and count as not met.
///
/// ```text
/// share_c = #{items of c met} / #{items of c}
/// total   = #{items met} / #{items}
/// ```
///
/// # Errors
/// [`Error::Degenerate`] for an empty instrument; [`Error::Settings`] if `met` names an item the
/// instrument does not have.
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// let items = vec![("IF".to_string(), "1".to_string()), ("IF".into(), "2".into()), ("CP".into(), "3".into())];
/// let met = BTreeMap::from([("1".to_string(), true), ("3".to_string(), false)]);
/// let s = govgap::losi::score(&items, &met).unwrap();
/// assert!((s.total_share - 1.0 / 3.0).abs() < 1e-12);
/// assert_eq!(s.criteria[0].share, 0.5);
/// ```
pub fn score(items: &[(String, String)], met: &BTreeMap<String, bool>) -> Result<LosiScore> {
    let mut seen = BTreeSet::new();
    let mut order: Vec<String> = Vec::new();
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (crit, item) in items {
        if !seen.insert(item.clone()) {
            continue;
        }
        if !per.contains_key(crit) {
            order.push(crit.clone());
        }
        let e = per.entry(crit.clone()).or_insert((0, 0, 0));
        e.2 += 1;
        if let Some(&m) = met.get(item) {
            e.1 += 1;
            if m {
                e.0 += 1;
            }
        }
    }
    if seen.is_empty() {
        return Err(Error::Degenerate("the LOSI instrument has no items".into()));
    }
    if let Some(unknown) = met.keys().find(|k| !seen.contains(*k)) {
        return Err(Error::Settings(format!(
            "assessment names item '{unknown}', which is not in the instrument"
        )));
    }
    let criteria: Vec<CriterionScore> = order
        .iter()
        .map(|c| {
            let (m, a, n) = per[c];
            CriterionScore {
                criterion: c.clone(),
                met: m,
                assessed: a,
                items: n,
                share: m as f64 / n as f64,
            }
        })
        .collect();
    let met_n: usize = criteria.iter().map(|c| c.met).sum();
    let assessed: usize = criteria.iter().map(|c| c.assessed).sum();
    let n = seen.len();
    Ok(LosiScore {
        edition: EDITION,
        total_share: met_n as f64 / n as f64,
        met: met_n,
        assessed,
        items: n,
        criteria,
    })
}

/// Whether a LOSI value of `edition` may be compared with an assessment of this instrument's edition.
/// Only the same edition is comparable: scales and item lists differ between editions.
#[must_use]
pub fn comparable(edition: i32) -> bool {
    edition == EDITION
}
