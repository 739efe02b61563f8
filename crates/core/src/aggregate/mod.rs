//! Aggregation: combine children's scores into their parent's score.
//!
//! [`Aggregator::apply`] takes the children's columns over the same rows and one weight per child. Each
//! method sits in its own file: `arithmetic.rs`, `geometric.rs`, `harmonic.rs`, `generalised.rs`,
//! `topsis.rs`, `copeland.rs`; zeros and negatives in the means that need positive values are handled
//! in `non_positive.rs`.
//!
//! # Missing children and `min_share`
//! A row's score is `None` when no child is present, when the share of present children
//! (`present / k`, counting every child whatever its weight) is below `min_share` (`COINr`'s
//! `dat_thresh`), or when every present child has weight zero. Otherwise the means re-normalise the
//! weights over the present children, as `COINr`'s `a_amean`, `a_gmean` and `a_hmean` do. TOPSIS needs
//! every child (see [`Aggregator::Topsis`]).

mod arithmetic;
mod copeland;
mod generalised;
mod geometric;
mod harmonic;
mod non_positive;
mod topsis;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::model::{Cells, Scores};

/// What to do with zeros and negatives in a geometric or harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonPositivePolicy {
    /// Return an error naming the first offending row.
    #[default]
    Error,
    /// Treat that child as missing for that unit (counted in the result notes).
    Exclude,
    /// Shift every child column by the same constant so its minimum is 1 (document the shift).
    ///
    /// ```text
    /// c = 1 - min(all present values of all children)      (only when that minimum is <= 0)
    /// score = M(z_1 + c, ..., z_k + c) - c
    /// ```
    ///
    /// The mean `M` of the shifted values is shifted back by `c` (the "shifted geometric mean"), so
    /// scores stay on the children's scale. The constant is the same for every row, computed from all
    /// rows; with no zero or negative value nothing is shifted.
    Shift,
}

/// An aggregation method.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Aggregator {
    /// Weighted arithmetic mean, weights re-normalised over present children (`COINr` `a_amean`).
    ///
    /// ```text
    /// y = sum_{j present} w_j z_j / sum_{j present} w_j
    /// ```
    ///
    /// Both sums accumulate in child order, so the result equals numpy's `Z0 @ w / (M @ w)` (missing
    /// cells as 0 in `Z0`, presence mask `M`) up to the order of additions.
    ///
    /// Reference: `COINr` `a_amean`; OECD/JRC *Handbook on Constructing Composite Indicators* (2008),
    /// section 6.2 (linear aggregation).
    ///
    /// # Errors
    /// Only the common ones (see [`Aggregator::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// let a = [Some(10.0), Some(50.0), None];
    /// let b = [Some(30.0), None, None];
    /// let out = Aggregator::Arithmetic.apply(&[&a, &b], &[1.0, 3.0], 0.0)?;
    /// assert_eq!(out.scores, vec![Some(25.0), Some(50.0), None]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    #[default]
    Arithmetic,
    /// Weighted geometric mean.
    ///
    /// ```text
    /// y = exp( sum_{j present} w_j ln z_j / sum_{j present} w_j )
    /// ```
    ///
    /// Reference: `COINr` `a_gmean` (which stops on zeros and negatives, as the default policy here);
    /// OECD/JRC Handbook (2008), section 6.2 (geometric aggregation). Same form as the benchmark peer's
    /// `np.exp((L0 @ w) / (M @ w))`.
    ///
    /// # Errors
    /// [`crate::Error::Domain`] for a zero or negative value under [`NonPositivePolicy::Error`].
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::{Aggregator, NonPositivePolicy};
    /// let a = [Some(4.0), Some(0.0)];
    /// let b = [Some(16.0), Some(9.0)];
    /// let geo = Aggregator::Geometric { non_positive: NonPositivePolicy::Exclude };
    /// let out = geo.apply(&[&a, &b], &[1.0, 1.0], 0.0)?;
    /// let s: Vec<f64> = out.scores.iter().flatten().copied().collect();
    /// assert!((s[0] - 8.0).abs() < 1e-12 && (s[1] - 9.0).abs() < 1e-12);
    /// assert_eq!(out.excluded, 1);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Geometric {
        /// Zeros and negatives.
        #[serde(default)]
        non_positive: NonPositivePolicy,
    },
    /// Weighted harmonic mean.
    ///
    /// ```text
    /// y = sum_{j present} w_j / sum_{j present} (w_j / z_j)
    /// ```
    ///
    /// Reference: `COINr` `a_hmean` (which stops on zeros; negatives are refused here as well, since a
    /// harmonic mean of mixed signs has no meaning).
    ///
    /// # Errors
    /// [`crate::Error::Domain`] for a zero or negative value under [`NonPositivePolicy::Error`].
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::{Aggregator, NonPositivePolicy};
    /// let a = [Some(2.0)];
    /// let b = [Some(6.0)];
    /// let harm = Aggregator::Harmonic { non_positive: NonPositivePolicy::Error };
    /// let s = harm.apply(&[&a, &b], &[1.0, 1.0], 0.0)?.scores;
    /// assert!((s[0].unwrap_or_default() - 3.0).abs() < 1e-12);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Harmonic {
        /// Zeros and negatives.
        #[serde(default)]
        non_positive: NonPositivePolicy,
    },
    /// Weighted generalised (power) mean of order `p` (p = 1 arithmetic, 0 geometric, -1 harmonic).
    ///
    /// ```text
    /// y = ( sum_{j present} w_j z_j^p / sum_{j present} w_j )^(1/p)
    /// p = 1, 0, -1: exactly the arithmetic, geometric and harmonic variants above
    /// ```
    ///
    /// Reference: `COINr` `a_genmean`; Hardy, Littlewood & Pólya, *Inequalities* (1934), chapter 2.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if `p` is not finite. [`crate::Error::Domain`] for a negative value
    /// (`p > 0`) or a zero or negative value (`p <= 0`).
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// let a = [Some(1.0)];
    /// let b = [Some(7.0)];
    /// let quadratic = Aggregator::Generalised { p: 2.0 };
    /// let s = quadratic.apply(&[&a, &b], &[1.0, 1.0], 0.0)?.scores;
    /// assert!((s[0].unwrap_or_default() - 5.0).abs() < 1e-12);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Generalised {
        /// The order.
        p: f64,
    },
    /// TOPSIS relative closeness to the ideal solution (in [0, 1]).
    ///
    /// ```text
    /// r_ij = z_ij / sqrt(sum_{i present} z_ij^2)              (vector normalisation per child)
    /// v_ij = w_j r_ij,  w normalised to sum 1
    /// A+_j = max_i v_ij,  A-_j = min_i v_ij                  (over present values)
    /// d+_i = sqrt(sum_j (v_ij - A+_j)^2),  d-_i = sqrt(sum_j (v_ij - A-_j)^2)
    /// y_i  = d-_i / (d+_i + d-_i)
    /// ```
    ///
    /// Children are normalised scores (higher is better), so every criterion is a benefit criterion.
    /// A row with any child missing gets `None` (its distances would not be comparable); it still takes
    /// part in each child's normalisation and ideal values. A child whose values are all zero
    /// contributes nothing; if every complete row is identical the closeness is undefined and every
    /// score is `None`.
    ///
    /// Reference: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer; checked against
    /// the worked example in Tzeng & Huang (2011), *Multiple Attribute Decision Making: Methods and
    /// Applications*, CRC Press. `COINr` has no TOPSIS.
    ///
    /// # Errors
    /// Only the common ones (see [`Aggregator::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// let a = [Some(1.0), Some(3.0), Some(2.0), None];
    /// let b = [Some(1.0), Some(3.0), Some(2.0), Some(3.0)];
    /// let s = Aggregator::Topsis.apply(&[&a, &b], &[1.0, 1.0], 0.0)?.scores;
    /// assert_eq!((s[0], s[1], s[3]), (Some(0.0), Some(1.0), None));
    /// assert!((s[2].unwrap_or_default() - 0.5).abs() < 1e-12);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Topsis,
    /// Copeland: pairwise outranking wins minus losses, weighted by children's weights.
    ///
    /// ```text
    /// for rows a != b, over the children present in both:
    ///   e_ab = sum_{j: z_aj > z_bj} w_j - sum_{j: z_bj > z_aj} w_j
    ///   a beats b if e_ab > 0 (ties, |e_ab| <= 1e-12 * sum w, count for neither)
    /// y_a = #{b : a beats b} - #{b : b beats a}
    /// ```
    ///
    /// Rows that fail `min_share` (or have no child) get `None` and take no part in the comparisons.
    /// Scores lie in `[-(n - 1), n - 1]` for `n` participating rows. The work is `O(n^2 k)`.
    ///
    /// Reference: Munda & Nardo (2009), "Noncompensatory/nonlinear composite indicators for ranking
    /// countries: a defensible setting", *Applied Economics* 41(12); OECD/JRC Handbook (2008), section
    /// 6.2 (non-compensatory multi-criteria approach). `COINr`'s `a_copeland` instead returns the row sums
    /// of its outranking matrix (weights of wins plus half the weights of ties).
    ///
    /// # Errors
    /// Only the common ones (see [`Aggregator::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// let a = [Some(3.0), Some(2.0), Some(1.0)];
    /// let b = [Some(1.0), Some(3.0), Some(2.0)];
    /// let out = Aggregator::Copeland.apply(&[&a, &b], &[2.0, 1.0], 0.0)?;
    /// assert_eq!(out.scores, vec![Some(2.0), Some(0.0), Some(-2.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Copeland,
}

/// Output of an aggregation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregated {
    /// One score per row (`None` = too little data).
    pub scores: Vec<Option<f64>>,
    /// Number of cells excluded under [`NonPositivePolicy::Exclude`].
    pub excluded: usize,
}

impl Aggregator {
    /// Aggregates `children` (each a column over the same rows) with `weights` (one per child, >= 0, not
    /// all zero). A row's score is `None` if the share of present children is below `min_share` (0..=1;
    /// 0 = any one child suffices) or no child is present.
    ///
    /// # Errors
    /// Zeros or negatives under [`NonPositivePolicy::Error`]; mismatched lengths. In full:
    /// [`crate::Error::Settings`] for no children, a weight count that differs from the child count,
    /// a negative or non-finite weight, all weights zero, or `min_share` outside `[0, 1]`;
    /// [`crate::Error::Domain`] for children of different lengths, a NaN or infinite value, and the
    /// method-specific domain errors listed under each variant.
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// let a = [Some(40.0), Some(60.0)];
    /// let b = [Some(80.0), None];
    /// let out = Aggregator::Arithmetic.apply(&[&a, &b], &[1.0, 1.0], 1.0)?;
    /// assert_eq!(out.scores, vec![Some(60.0), None]); // row 2 has only half its children
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn apply(&self, children: &[&[Option<f64>]], weights: &[f64], min_share: f64) -> Result<Aggregated> {
        self.apply_cells(children, weights, min_share)
    }

    /// [`Aggregator::apply`] on columns of any kind of [`Cells`]: a run's dense
    /// [`crate::model::Scores`] columns are read as they are stored, without a copy, by the arithmetic
    /// mean and by the geometric mean with the `error` policy (the other methods read a copy).
    ///
    /// # Errors
    /// Those of [`Aggregator::apply`].
    ///
    /// # Example
    /// ```
    /// use govgap::aggregate::Aggregator;
    /// use govgap::model::Scores;
    /// let a = Scores::from(vec![Some(20.0), Some(80.0)]);
    /// let b = Scores::from(vec![Some(40.0), None]);
    /// let out = Aggregator::Arithmetic.apply_cells(&[&a, &b], &[1.0, 1.0], 0.0)?;
    /// assert_eq!(out.scores, vec![Some(30.0), Some(80.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn apply_cells<C: Cells + ?Sized>(
        &self,
        children: &[&C],
        weights: &[f64],
        min_share: f64,
    ) -> Result<Aggregated> {
        let (scores, excluded) = self.apply_scores(children, weights, min_share)?;
        Ok(Aggregated {
            scores: scores.to_options(),
            excluded,
        })
    }

    /// [`Aggregator::apply_cells`] into a dense column, as a run stores it, with the number of cells
    /// excluded.
    pub(crate) fn apply_scores<C: Cells + ?Sized>(
        &self,
        children: &[&C],
        weights: &[f64],
        min_share: f64,
    ) -> Result<(Scores, usize)> {
        let rows = validate(children, weights, min_share)?;
        let share = Share {
            k: children.len(),
            min_share,
        };
        // the arithmetic mean, and the geometric mean that rejects non-positive values, read the
        // columns as they are stored (a run's dense scores are not copied), write a dense column and
        // check the values in the same pass as they aggregate them; only when one fails is the
        // general path below run, to name it
        let fast = match self {
            Self::Arithmetic => Some(arithmetic::dense(children, weights, rows, share)),
            Self::Geometric {
                non_positive: NonPositivePolicy::Error,
            } => Some(geometric::positive_dense(children, weights, rows, share)),
            _ => None,
        };
        if let Some((scores, false)) = fast {
            return Ok((scores, 0));
        }
        let owned: Vec<Cow<'_, [Option<f64>]>> = children.iter().map(|c| c.options()).collect();
        let refs: Vec<&[Option<f64>]> = owned.iter().map(AsRef::as_ref).collect();
        let agg = self.apply_options(&refs, weights, rows, share)?;
        Ok((Scores::from(agg.scores), agg.excluded))
    }

    /// [`Aggregator::apply`] on columns of options (after the common checks).
    fn apply_options(
        &self,
        children: &[&[Option<f64>]],
        weights: &[f64],
        rows: usize,
        share: Share,
    ) -> Result<Aggregated> {
        // the arithmetic mean, and the geometric mean that rejects non-positive values, check the
        // values in the same pass as they aggregate them
        let checked_inline = matches!(
            self,
            Self::Arithmetic
                | Self::Geometric {
                    non_positive: NonPositivePolicy::Error
                }
        );
        if !checked_inline {
            check_finite(children)?;
        }
        match self {
            Self::Arithmetic => {
                // the values are checked in the same pass as they are summed
                let (scores, non_finite) = arithmetic::apply_flagged(children, weights, rows, share);
                if non_finite {
                    check_finite(children)?;
                }
                Ok(plain(scores))
            }
            Self::Geometric { non_positive } => geometric::apply(children, weights, rows, share, *non_positive),
            Self::Harmonic { non_positive } => harmonic::apply(children, weights, rows, share, *non_positive),
            Self::Generalised { p } => generalised::apply(children, weights, rows, share, *p),
            Self::Topsis => Ok(plain(topsis::apply(children, weights, rows, share))),
            Self::Copeland => Ok(plain(copeland::apply(children, weights, rows, share))),
        }
    }
}

fn plain(scores: Vec<Option<f64>>) -> Aggregated {
    Aggregated { scores, excluded: 0 }
}

/// The `min_share` rule: enough children present in a row.
#[derive(Debug, Clone, Copy)]
struct Share {
    k: usize,
    min_share: f64,
}

impl Share {
    /// At least one child present and `present / k >= min_share` (`COINr`'s `dat_thresh`).
    fn passes(self, present: usize) -> bool {
        present > 0 && present as f64 / self.k as f64 >= self.min_share
    }
}

/// Checks the common preconditions and returns the number of rows.
fn validate<C: Cells + ?Sized>(children: &[&C], weights: &[f64], min_share: f64) -> Result<usize> {
    let Some(first) = children.first() else {
        return Err(crate::Error::Settings("an aggregate needs at least one child".into()));
    };
    if weights.len() != children.len() {
        return Err(crate::Error::Settings(format!(
            "{} weights were given for {} children; give one weight per child",
            weights.len(),
            children.len()
        )));
    }
    if let Some((j, w)) = weights.iter().enumerate().find(|(_, w)| !(w.is_finite() && **w >= 0.0)) {
        return Err(crate::Error::Settings(format!(
            "weight {w} of child {j} must be finite and >= 0"
        )));
    }
    if weights.iter().all(|&w| w <= 0.0) {
        return Err(crate::Error::Settings(
            "all weights are zero; give at least one child a positive weight".into(),
        ));
    }
    if !(0.0..=1.0).contains(&min_share) {
        return Err(crate::Error::Settings(format!(
            "min_share {min_share} must lie in [0, 1] (the share of children a unit needs for a score)"
        )));
    }
    for (j, c) in children.iter().enumerate() {
        if c.n_cells() != first.n_cells() {
            return Err(crate::Error::Domain(format!(
                "child {j} has {} rows but child 0 has {}; aggregate columns over the same rows",
                c.n_cells(),
                first.n_cells()
            )));
        }
    }
    Ok(first.n_cells())
}

/// Every present value is finite, or an error naming the first child and row that is not.
fn check_finite(children: &[&[Option<f64>]]) -> Result<()> {
    for (j, c) in children.iter().enumerate() {
        if let Some(row) = c.iter().position(|v| v.is_some_and(|v| !v.is_finite())) {
            return Err(crate::Error::Domain(format!(
                "child {j}, row {row} is not a finite number"
            )));
        }
    }
    Ok(())
}

/// Weighted mean over the present children of each row: `finish(sum term(z, w), sum w)`, accumulated
/// in child order; `None` where the row fails `min_share` or its present weight is zero.
/// Also says whether any present value failed `valid` (checked in the same pass; the scores are then
/// not to be used).
fn weighted_rows<C: Cells + ?Sized>(
    children: &[&C],
    weights: &[f64],
    rows: usize,
    share: Share,
    valid: impl Fn(f64) -> bool + Sync,
    term: impl Fn(f64, f64) -> f64 + Sync,
    finish: impl Fn(f64, f64) -> f64 + Sync,
) -> (Vec<Option<f64>>, bool) {
    let (scores, invalid) = weighted_rows_dense(children, weights, rows, share, valid, term, finish);
    (scores.to_options(), invalid)
}

/// [`weighted_rows`] into a dense column.
fn weighted_rows_dense<C: Cells + ?Sized>(
    children: &[&C],
    weights: &[f64],
    rows: usize,
    share: Share,
    valid: impl Fn(f64) -> bool + Sync,
    term: impl Fn(f64, f64) -> f64 + Sync,
    finish: impl Fn(f64, f64) -> f64 + Sync,
) -> (Scores, bool) {
    in_row_blocks(rows, |start, out| {
        let len = out.len();
        let mut num = vec![0.0; len];
        let mut den = vec![0.0; len];
        let mut present = vec![0usize; len];
        let mut bad = false;
        let mut scratch = Vec::new();
        for (c, &w) in children.iter().zip(weights) {
            // branch-free over plain values (NaN: missing), so that the loop can run in vector lanes
            let (col, nan) = c.values(start..start + len, &mut scratch);
            bad |= nan;
            for (((&z, n), d), p) in col.iter().zip(&mut num).zip(&mut den).zip(&mut present) {
                let here = !z.is_nan();
                bad |= here & !valid(z);
                let t = term(z, w);
                *n += if here { t } else { 0.0 };
                *d += if here { w } else { 0.0 };
                *p += usize::from(here);
            }
        }
        for (((o, &n), &d), &p) in out.iter_mut().zip(&num).zip(&den).zip(&present) {
            if share.passes(p) && d > 0.0 {
                *o = finish(n, d);
            }
        }
        bad
    })
}

/// A dense column of `rows` cells filled block by block in parallel: `fill(start, block)` writes
/// the block of rows from `start` (left NaN where a row has no score) and says whether it met an
/// invalid value; the result is the column and whether any block did.
///
/// Rows are independent and each row is summed in child order by the kernels, so the result does not
/// depend on the thread count. Within a block the kernels go child by child (column-major: one
/// stream per child, no strided access), which adds each row's terms in the same order as a
/// row-by-row loop.
fn in_row_blocks(rows: usize, fill: impl Fn(usize, &mut [f64]) -> bool + Sync) -> (Scores, bool) {
    use rayon::prelude::*;
    const BLOCK: usize = 4096;
    let mut out = vec![f64::NAN; rows];
    let bad = out
        .par_chunks_mut(BLOCK)
        .enumerate()
        .map(|(b, block)| fill(b * BLOCK, block))
        .reduce(|| false, |a, b| a || b);
    (Scores::from_raw(out), bad)
}

#[cfg(test)]
mod tests {
    //! Reference values from outside the project, checked through one data-driven helper.
    use proptest::prelude::*;

    use super::{Aggregator, NonPositivePolicy};

    /// Aggregates the table `rows` (row-major, `None` = missing) and compares with `expected`
    /// (absolute tolerance `atol`).
    fn check(
        method: &Aggregator,
        rows: &[&[Option<f64>]],
        weights: &[f64],
        min_share: f64,
        expected: &[Option<f64>],
        atol: f64,
    ) {
        let k = rows.first().map_or(0, |r| r.len());
        let cols: Vec<Vec<Option<f64>>> = (0..k).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
        let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
        let got = method
            .apply(&refs, weights, min_share)
            .unwrap_or_else(|e| panic!("{method:?} failed: {e}"));
        assert_eq!(got.scores.len(), expected.len(), "{method:?}: number of rows");
        for (i, (g, e)) in got.scores.iter().zip(expected).enumerate() {
            match (g, e) {
                (Some(g), Some(e)) => assert!((g - e).abs() <= atol, "{method:?} row {i}: got {g}, expected {e}"),
                (None, None) => {}
                _ => panic!("{method:?} row {i}: got {g:?}, expected {e:?}"),
            }
        }
    }

    fn some(rows: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        rows.iter().map(|r| r.iter().map(|&v| Some(v)).collect()).collect()
    }

    fn refs(rows: &[Vec<Option<f64>>]) -> Vec<&[Option<f64>]> {
        rows.iter().map(Vec::as_slice).collect()
    }

    /// A 6 x 4 table with missing cells, used by the numpy/scipy references below.
    fn table() -> Vec<Vec<Option<f64>>> {
        vec![
            vec![Some(12.5), Some(40.0), Some(3.0), Some(77.0)],
            vec![Some(80.0), None, Some(55.5), Some(20.0)],
            vec![None, None, None, Some(9.0)],
            vec![Some(1.0), Some(100.0), Some(64.0), Some(36.0)],
            vec![Some(45.0), Some(45.0), None, Some(45.0)],
            vec![None, None, None, None],
        ]
    }

    const W: [f64; 4] = [1.0, 2.0, 0.5, 1.5];

    #[test]
    fn arithmetic_matches_numpy_peer() {
        // numpy, as peer_py.py agg_arith: (Z0 @ w) / (M @ w) with NaN -> 0; the empty row is None.
        check(&Aggregator::Arithmetic, &refs(&table()), &W, 0.0, &ARITH, 1e-12);
        // min_share 0.5: row 2 has 1 of 4 children
        let mut e = ARITH;
        e[2] = None;
        check(&Aggregator::Arithmetic, &refs(&table()), &W, 0.5, &e, 1e-12);
    }

    const ARITH: [Option<f64>; 6] = [
        Some(41.9),
        Some(45.916666666666664),
        Some(9.0),
        Some(57.4),
        Some(45.0),
        None,
    ];

    #[test]
    fn geometric_harmonic_generalised_match_scipy() {
        // scipy.stats.gmean / hmean / pmean(p = 2, 0.5, -2) with weights over each row's present values.
        let t = table();
        let geo = Aggregator::Geometric {
            non_positive: NonPositivePolicy::Error,
        };
        check(&geo, &refs(&t), &W, 0.0, &GEO, 1e-12);
        check(&Aggregator::Generalised { p: 0.0 }, &refs(&t), &W, 0.0, &GEO, 1e-12);
        let harm = Aggregator::Harmonic {
            non_positive: NonPositivePolicy::Error,
        };
        check(&harm, &refs(&t), &W, 0.0, &HARM, 1e-12);
        check(&Aggregator::Generalised { p: -1.0 }, &refs(&t), &W, 0.0, &HARM, 1e-12);
        check(&Aggregator::Generalised { p: 1.0 }, &refs(&t), &W, 0.0, &ARITH, 1e-12);
        check(&Aggregator::Generalised { p: 2.0 }, &refs(&t), &W, 0.0, &P2, 1e-12);
        check(&Aggregator::Generalised { p: 0.5 }, &refs(&t), &W, 0.0, &P05, 1e-12);
        check(&Aggregator::Generalised { p: -2.0 }, &refs(&t), &W, 0.0, &PM2, 1e-12);
    }

    const GEO: [Option<f64>; 6] = [
        Some(29.775930503797728),
        Some(37.63516496612774),
        Some(9.000000000000002),
        Some(28.022620647068067),
        Some(44.99999999999999),
        None,
    ];
    const HARM: [Option<f64>; 6] = [
        Some(15.81541832123785),
        Some(31.085180863477245),
        Some(9.0),
        Some(4.675172883997273),
        Some(45.0),
        None,
    ];
    const P2: [Option<f64>; 6] = [
        Some(49.50606023508637),
        Some(53.354553070317564),
        Some(9.0),
        Some(69.27192793621381),
        Some(45.0),
        None,
    ];
    const P05: [Option<f64>; 6] = [
        Some(36.51329642178889),
        Some(41.72036874918931),
        Some(9.0),
        Some(46.239999999999995),
        Some(45.00000000000001),
        None,
    ];
    const PM2: [Option<f64>; 6] = [
        Some(8.87646269669959),
        Some(27.154355016047926),
        Some(9.0),
        Some(2.2344157042735344),
        Some(44.99999999999999),
        None,
    ];

    #[test]
    fn non_positive_policies() {
        let t = some(&[&[0.0, 4.0], &[-3.0, 5.0], &[2.0, 8.0]]);
        let w = [1.0, 1.0];
        for method in [
            Aggregator::Geometric {
                non_positive: NonPositivePolicy::Error,
            },
            Aggregator::Harmonic {
                non_positive: NonPositivePolicy::Error,
            },
        ] {
            let cols: Vec<Vec<Option<f64>>> = (0..2).map(|j| t.iter().map(|r| r[j]).collect()).collect();
            assert!(
                matches!(method.apply(&refs(&cols), &w, 0.0), Err(crate::Error::Domain(_))),
                "{method:?}"
            );
        }
        // Exclude: the zero and the negative are dropped, leaving one child in rows 0 and 1
        let geo = Aggregator::Geometric {
            non_positive: NonPositivePolicy::Exclude,
        };
        check(&geo, &refs(&t), &w, 0.0, &[Some(4.0), Some(5.0), Some(4.0)], 1e-12);
        let cols: Vec<Vec<Option<f64>>> = (0..2).map(|j| t.iter().map(|r| r[j]).collect()).collect();
        assert_eq!(geo.apply(&refs(&cols), &w, 0.0).map(|a| a.excluded).ok(), Some(2));
        check(&geo, &refs(&t), &w, 1.0, &[None, None, Some(4.0)], 1e-12);
        // Shift: min is -3, c = 4; geometric mean of (4, 8), (1, 9), (6, 12) minus 4 (by hand)
        let shift = Aggregator::Geometric {
            non_positive: NonPositivePolicy::Shift,
        };
        let e = [32f64.sqrt() - 4.0, 3.0 - 4.0, 72f64.sqrt() - 4.0];
        check(&shift, &refs(&t), &w, 0.0, &e.map(Some), 1e-12);
        let hshift = Aggregator::Harmonic {
            non_positive: NonPositivePolicy::Shift,
        };
        let e = [
            2.0 / (1.0 / 4.0 + 1.0 / 8.0) - 4.0,
            2.0 / (1.0 + 1.0 / 9.0) - 4.0,
            2.0 / (1.0 / 6.0 + 1.0 / 12.0) - 4.0,
        ];
        check(&hshift, &refs(&t), &w, 0.0, &e.map(Some), 1e-12);
        // Generalised refuses negatives for p > 0 and zeros for p < 0
        let cols: Vec<Vec<Option<f64>>> = (0..2).map(|j| t.iter().map(|r| r[j]).collect()).collect();
        assert!(matches!(
            Aggregator::Generalised { p: 2.0 }.apply(&refs(&cols), &w, 0.0),
            Err(crate::Error::Domain(_))
        ));
        assert!(matches!(
            Aggregator::Generalised { p: f64::NAN }.apply(&refs(&cols), &w, 0.0),
            Err(crate::Error::Settings(_))
        ));
    }

    #[test]
    fn topsis_matches_tzeng_huang_2011() {
        // Tzeng & Huang (2011) worked example, as pinned by scikit-criteria's `test_TOPSIS_tzeng2011multiple`:
        // closeness 0.5037, 0.6581, 0.7482, 0.3340 (four decimals).
        let t = some(&[&[5.0, 8.0, 4.0], &[7.0, 6.0, 8.0], &[8.0, 8.0, 6.0], &[7.0, 4.0, 6.0]]);
        let e = [Some(0.5037), Some(0.6581), Some(0.7482), Some(0.3340)];
        check(&Aggregator::Topsis, &refs(&t), &[0.3, 0.4, 0.3], 0.0, &e, 1e-4);
        // the same weights unnormalised give the same closeness
        check(&Aggregator::Topsis, &refs(&t), &[3.0, 4.0, 3.0], 0.0, &e, 1e-4);
    }

    #[test]
    fn topsis_with_missing_matches_numpy() {
        // numpy: per child r = z / sqrt(nansum z^2), v = w r, ideal = nanmax, anti = nanmin, closeness for
        // complete rows only.
        check(&Aggregator::Topsis, &refs(&table()), &W, 0.0, &TOPSIS, 1e-12);
    }

    const TOPSIS: [Option<f64>; 6] = [
        Some(0.4428095826444649),
        None,
        None,
        Some(0.5242422282418366),
        None,
        None,
    ];

    #[test]
    fn copeland_matches_python() {
        // A plain-Python double loop over row pairs (children present in both, weighted wins minus
        // losses) on `table()`.
        check(&Aggregator::Copeland, &refs(&table()), &W, 0.0, &COPELAND, 0.0);
        check(&Aggregator::Copeland, &refs(&table()), &W, 0.5, &COPELAND_HALF, 0.0);
    }

    const COPELAND: [Option<f64>; 6] = [Some(0.0), Some(-1.0), Some(-4.0), Some(1.0), Some(4.0), None];
    const COPELAND_HALF: [Option<f64>; 6] = [Some(-1.0), Some(-2.0), None, Some(0.0), Some(3.0), None];

    #[test]
    fn common_errors() {
        let a = [Some(1.0), Some(2.0)];
        let b = [Some(1.0)];
        let m = Aggregator::Arithmetic;
        assert!(matches!(m.apply(&[], &[], 0.0), Err(crate::Error::Settings(_))));
        assert!(matches!(
            m.apply(&[&a], &[1.0, 1.0], 0.0),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(m.apply(&[&a], &[0.0], 0.0), Err(crate::Error::Settings(_))));
        assert!(matches!(m.apply(&[&a], &[-1.0], 0.0), Err(crate::Error::Settings(_))));
        assert!(matches!(m.apply(&[&a], &[1.0], 1.5), Err(crate::Error::Settings(_))));
        assert!(matches!(
            m.apply(&[&a, &b], &[1.0, 1.0], 0.0),
            Err(crate::Error::Domain(_))
        ));
        assert!(matches!(
            m.apply(&[&[Some(f64::INFINITY)]], &[1.0], 0.0),
            Err(crate::Error::Domain(_))
        ));
        // present children all of weight zero: no score
        let out = m
            .apply(&[&[Some(5.0)], &[None]], &[0.0, 1.0], 0.0)
            .ok()
            .map(|a| a.scores);
        assert_eq!(out, Some(vec![None]));
        // every complete row identical: TOPSIS closeness undefined
        let out = Aggregator::Topsis.apply(&[&[Some(2.0), Some(2.0)], &[Some(1.0), Some(1.0)]], &[1.0, 1.0], 0.0);
        assert_eq!(out.ok().map(|a| a.scores), Some(vec![None, None]));
    }

    fn columns() -> impl Strategy<Value = (Vec<Vec<Option<f64>>>, Vec<f64>)> {
        (1usize..5, 1usize..12).prop_flat_map(|(k, n)| {
            (
                prop::collection::vec(prop::collection::vec(prop::option::weighted(0.8, 1.0..100.0f64), n), k),
                prop::collection::vec(0.01..10.0f64, k),
            )
        })
    }

    proptest! {
        #[test]
        fn means_lie_between_min_and_max((cols, w) in columns()) {
            let r = refs(&cols);
            for method in [
                Aggregator::Arithmetic,
                Aggregator::Geometric { non_positive: NonPositivePolicy::Error },
                Aggregator::Harmonic { non_positive: NonPositivePolicy::Error },
                Aggregator::Generalised { p: 3.0 },
                Aggregator::Generalised { p: -0.5 },
            ] {
                let out = method.apply(&r, &w, 0.0);
                prop_assert!(out.is_ok(), "{:?}: {:?}", method, out);
                let scores = out.map(|a| a.scores).unwrap_or_default();
                for (i, s) in scores.iter().enumerate() {
                    let present: Vec<f64> = cols.iter().filter_map(|c| c[i]).collect();
                    match s {
                        Some(s) => {
                            let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
                            let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            prop_assert!(*s >= lo * (1.0 - 1e-12) && *s <= hi * (1.0 + 1e-12), "{:?}: {} not in [{}, {}]", method, s, lo, hi);
                        }
                        None => prop_assert!(present.is_empty()),
                    }
                }
            }
            let topsis = Aggregator::Topsis.apply(&r, &w, 0.0).map(|a| a.scores).unwrap_or_default();
            for s in topsis.into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&s));
            }
            let n = cols[0].len() as f64;
            let copeland = Aggregator::Copeland.apply(&r, &w, 0.0).map(|a| a.scores).unwrap_or_default();
            prop_assert!(copeland.iter().flatten().all(|s| s.abs() <= n - 1.0));
            let total: f64 = copeland.iter().flatten().sum();
            prop_assert!(total.abs() < 1e-9, "Copeland wins and losses must cancel: {}", total);
        }
    }
}
