//! [`leave_one_out`]: how far each unit's index rank moves when one indicator is left out.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::monte_carlo::{latest_units, with_context};
use crate::pipeline::{self, Results};
use crate::weight::Weighting;
use crate::{Dataset, Error, Result, Settings};

/// What leaving one indicator out did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LooOutcome {
    /// The indicator could not be left out; the reason says why.
    Skipped {
        /// Why (e.g. it is the only child with a positive weight of its dimension).
        reason: String,
    },
    /// The index was recomputed without it.
    Shifts {
        /// Per unit (aligned with [`LooResults::unit_codes`]): rank without the indicator minus the
        /// nominal rank (positive = the unit falls); `None` where either rank is missing.
        shifts: Vec<Option<i64>>,
        /// Mean of `|shift|` over the units that have one.
        mean_abs_shift: f64,
        /// Largest `|shift|`.
        max_abs_shift: u64,
    },
}

/// One indicator's effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LooIndicator {
    /// Indicator code.
    pub indicator_code: String,
    /// What leaving it out did.
    pub outcome: LooOutcome,
}

/// Results of [`leave_one_out`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LooResults {
    /// Year compared (the latest year of the run).
    pub year: Option<i32>,
    /// Units of that year, sorted by code.
    pub unit_codes: Vec<String>,
    /// Nominal index rank of each unit.
    pub nominal_rank: Vec<Option<u32>>,
    /// One entry per indicator, sorted by indicator code.
    pub indicators: Vec<LooIndicator>,
}

/// Reruns the pipeline once per indicator with that indicator's weight set to 0 and reports each
/// unit's shift in index rank against the nominal run (latest year), and the mean absolute shift per
/// indicator.
///
/// ```text
/// shift_u(c) = rank_u(without c) - rank_u(nominal)          mean_abs_shift(c) = mean_u |shift_u(c)|
/// ```
///
/// Under manual weighting the indicator's weight is set to 0; under equal weighting its siblings get
/// weight 1 and it gets 0 (equal weights among the others). An indicator is skipped, with the reason,
/// when it is the only child with a positive weight of its aggregate (the aggregate would be empty) or
/// when its level uses data-driven weights (entropy, CRITIC, PCA), which would have to be recomputed
/// without it.
///
/// Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 7 (inclusion and
/// exclusion of individual indicators); `COINr`'s `remove_elements`.
///
/// Runs the indicators in parallel; results are in indicator-code order and identical whatever the
/// thread count. `progress(done, total)` is called after each batch; returning `false` cancels.
///
/// # Errors
/// Any error of the nominal run or of a rerun (prefixed with the indicator left out);
/// [`Error::Cancelled`] when `progress` returned `false`.
///
/// # Example
/// ```no_run
/// # fn main() -> Result<(), govgap::Error> {
/// let ds = govgap::io::read_native_dir("data/heilongjiang")?;
/// let loo = govgap::uncertainty::leave_one_out(&ds, &govgap::Settings::default(), &|_, _| true)?;
/// assert_eq!(loo.unit_codes.len(), loo.nominal_rank.len());
/// # Ok(()) }
/// ```
pub fn leave_one_out(ds: &Dataset, base: &Settings, progress: &dyn Fn(usize, usize) -> bool) -> Result<LooResults> {
    let fw = ds.framework();
    let nominal = pipeline::run(ds, base)?;
    let (year, unit_codes) = latest_units(&nominal);
    let nominal_rank = index_ranks(&nominal, year, &unit_codes);
    let mut indicators: Vec<usize> = fw.indicators().collect();
    indicators.sort_by(|&a, &b| fw.nodes()[a].code.cmp(&fw.nodes()[b].code));
    let total = indicators.len();
    let batch = 2 * rayon::current_num_threads().max(1);
    let mut out = Vec::with_capacity(total);
    for (b, chunk) in indicators.chunks(batch).enumerate() {
        let results: Vec<Result<LooIndicator>> = chunk
            .par_iter()
            .map(|&c| {
                let code = fw.nodes()[c].code.clone();
                let settings = match without(ds, base, c) {
                    Ok(s) => s,
                    Err(reason) => {
                        return Ok(LooIndicator {
                            indicator_code: code,
                            outcome: LooOutcome::Skipped { reason },
                        });
                    }
                };
                let res =
                    pipeline::run(ds, &settings).map_err(|e| with_context(e, &format!("leaving out '{code}'")))?;
                let ranks = index_ranks(&res, year, &unit_codes);
                let shifts: Vec<Option<i64>> = ranks
                    .iter()
                    .zip(&nominal_rank)
                    .map(|(r, n)| Some(i64::from((*r)?) - i64::from((*n)?)))
                    .collect();
                let present: Vec<u64> = shifts.iter().flatten().map(|s| s.unsigned_abs()).collect();
                let mean_abs_shift = if present.is_empty() {
                    0.0
                } else {
                    present.iter().sum::<u64>() as f64 / present.len() as f64
                };
                let max_abs_shift = present.iter().copied().max().unwrap_or(0);
                Ok(LooIndicator {
                    indicator_code: code,
                    outcome: LooOutcome::Shifts {
                        shifts,
                        mean_abs_shift,
                        max_abs_shift,
                    },
                })
            })
            .collect();
        for r in results {
            out.push(r?);
        }
        let done = (b * batch + chunk.len()).min(total);
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    Ok(LooResults {
        year,
        unit_codes,
        nominal_rank,
        indicators: out,
    })
}

/// The base settings with indicator `c` left out, or the reason it cannot be.
fn without(ds: &Dataset, base: &Settings, c: usize) -> std::result::Result<Settings, String> {
    let fw = ds.framework();
    let code = &fw.nodes()[c].code;
    let Some(parent) = fw.parent(c) else {
        return Err(format!("'{code}' has no parent aggregate"));
    };
    let level = fw.level(parent);
    let weighting = base
        .levels
        .get(&level)
        .and_then(|l| l.weighting)
        .unwrap_or(base.weighting);
    let weight_of = |i: usize| {
        base.weights
            .get(&fw.nodes()[i].code)
            .copied()
            .unwrap_or(fw.nodes()[i].weight)
    };
    let mut s = base.clone();
    let siblings = fw.children(parent).iter().filter(|&&i| i != c);
    match weighting {
        Weighting::Manual => {
            if !siblings.clone().any(|&i| weight_of(i) > 0.0) {
                return Err(format!(
                    "'{code}' is the only indicator with a positive weight in '{}'; leaving it out would empty the aggregate",
                    fw.nodes()[parent].code
                ));
            }
            s.weights.insert(code.clone(), 0.0);
        }
        Weighting::Equal => {
            if siblings.clone().next().is_none() {
                return Err(format!(
                    "'{code}' is the only indicator in '{}'; leaving it out would empty the aggregate",
                    fw.nodes()[parent].code
                ));
            }
            for &i in fw.children(parent) {
                s.weights
                    .insert(fw.nodes()[i].code.clone(), if i == c { 0.0 } else { 1.0 });
            }
            // equal weights among the others, as manual weights at this level only
            s.levels.entry(level).or_default().weighting = Some(Weighting::Manual);
        }
        other => {
            return Err(format!(
                "level {level} uses {other:?} weights, which would have to be recomputed without '{code}'; use manual or equal weights for leave-one-out"
            ));
        }
    }
    Ok(s)
}

/// Index rank of each unit (aligned with `units`) in `year`.
fn index_ranks(res: &Results, year: Option<i32>, units: &[String]) -> Vec<Option<u32>> {
    let root = res.index_node();
    let mut out = vec![None; units.len()];
    for row in (0..res.rows.len()).filter(|&r| res.rows[r].year == year) {
        if let Ok(u) = units.binary_search(&res.unit_codes[row]) {
            out[u] = res.rank(root, row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::monte_carlo::tests::{pipeline_ready, toy_dataset};
    use super::*;

    #[test]
    fn leaving_out_sets_weights_or_explains_why_not() {
        let ds = toy_dataset();
        let base = Settings::default();
        let x1 = ds.framework().position("x1").unwrap();
        let s = without(&ds, &base, x1).unwrap();
        assert_eq!(s.weights.get("x1"), Some(&0.0));
        // x2 is alone once x1 has weight 0
        let mut only = base.clone();
        only.weights.insert("x1".into(), 0.0);
        let x2 = ds.framework().position("x2").unwrap();
        assert!(without(&ds, &only, x2).unwrap_err().contains("only indicator"));
        // equal weighting: the others get weight 1, the level switches to manual
        let equal = Settings {
            weighting: Weighting::Equal,
            ..Settings::default()
        };
        let s = without(&ds, &equal, x1).unwrap();
        assert_eq!((s.weights["x1"], s.weights["x2"]), (0.0, 1.0));
        assert_eq!(s.levels[&2].weighting, Some(Weighting::Manual));
        let entropy = Settings {
            weighting: Weighting::Entropy,
            ..Settings::default()
        };
        assert!(without(&ds, &entropy, x1).unwrap_err().contains("Entropy"));
    }

    #[test]
    fn rank_shifts_per_indicator() {
        let ds = toy_dataset();
        if !pipeline_ready(&ds) {
            return;
        }
        let loo = leave_one_out(&ds, &Settings::default(), &|_, _| true).unwrap();
        assert_eq!(loo.unit_codes.len(), 8);
        assert_eq!(
            loo.indicators
                .iter()
                .map(|i| i.indicator_code.as_str())
                .collect::<Vec<_>>(),
            ["x1", "x2", "x3", "x4"]
        );
        for ind in &loo.indicators {
            let LooOutcome::Shifts {
                shifts,
                mean_abs_shift,
                max_abs_shift,
            } = &ind.outcome
            else {
                panic!("{ind:?} was skipped");
            };
            assert_eq!(shifts.len(), 8);
            // ranks are a permutation both ways, so the shifts sum to zero
            assert_eq!(shifts.iter().flatten().sum::<i64>(), 0);
            assert!(*mean_abs_shift <= *max_abs_shift as f64);
        }
    }
}
