//! Normalisation: bring indicators of different units onto a common scale, applying direction.
//!
//! Every method takes one column (`&[Option<f64>]`, `None` = missing) and returns a column of the same
//! length; missing stays missing. The pipeline decides which rows form a column (one year, or all years
//! pooled).
//!
//! Direction is applied inside each method, so that a higher normalised value is always better. For
//! the data-driven methods this is `COINr`'s convention (`Normalise.numeric` multiplies the column by the
//! direction first): `v = direction * x`. Goalposts and fraction of the maximum handle direction
//! themselves (see their documentation).
//!
//! # Degenerate columns
//! A column without any value gives an all-`None` column. A column whose spread is zero (every value
//! equal: `max == min`, or `sd == 0`) gives an all-`None` column for the methods that divide by the
//! spread (min-max, z-score, distance to the maximum, distance to a reference); the dataset already
//! warns about such indicators ([`crate::ProblemKind::ZeroVariance`]), and the aggregators treat the
//! `None` cells as missing. Nothing here returns a NaN or an infinity.
//!
//! Each method sits in its own file: `minmax.rs`, `zscore.rs`, `rank.rs`, `percentile.rs`,
//! `goalposts.rs`, `target.rs`, `reference.rs`, `dist_max.rs`, `frac_max.rs`, `vector.rs`.

mod dist_max;
mod frac_max;
mod goalposts;
mod minmax;
mod percentile;
mod rank;
mod reference;
mod target;
mod vector;
mod zscore;

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::model::{Cells, Direction, Goalposts, Scores};

/// What a normaliser may need beyond the column itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct NormContext {
    /// +1 if more is better; -1 flips the scale so that higher normalised = better.
    pub direction: Direction,
    /// The indicator's natural scale, for [`Normaliser::Goalposts`].
    pub goalposts: Option<Goalposts>,
    /// The indicator's target, for [`Normaliser::DistanceToTarget`].
    pub target: Option<f64>,
    /// Row of the reference unit in the column, for [`Normaliser::DistanceToReference`].
    pub reference_row: Option<usize>,
}

/// A normalisation method (serialised as `{ method = "min_max", low = 0, high = 100 }`).
///
/// In the formulas below `x` is a raw value, `v = direction * x` the value with direction applied,
/// and `min`, `max`, `mean`, `sd`, `n` are taken over the present values of `v` in the column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Normaliser {
    /// Min-max to `[low, high]`.
    ///
    /// ```text
    /// y = (v - min) / (max - min) * (high - low) + low
    /// ```
    ///
    /// Evaluated in exactly this order, so that results equal numpy's
    /// `(V - mn) / (mx - mn) * (hi - lo) + lo` bit for bit.
    ///
    /// Reference: `COINr` `n_minmax` (Becker et al. 2022); OECD/JRC *Handbook on Constructing Composite
    /// Indicators* (2008), section 5, "min-max". Same as `COINr`, except that a zero range gives `None`
    /// (`COINr`: NaN with a warning).
    ///
    /// # Errors
    /// [`crate::Error::Settings`] unless `low < high`, both finite. A zero range (`max == min`, which
    /// includes a single present value) is not an error: every cell is `None`.
    ///
    /// # Example
    /// ```
    /// use govgap::model::Direction;
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(2.0), None, Some(4.0), Some(3.0)];
    /// let ctx = NormContext { direction: Direction::Negative, ..NormContext::default() };
    /// let y = Normaliser::MinMax { low: 0.0, high: 100.0 }.apply(&x, &ctx)?;
    /// assert_eq!(y, vec![Some(100.0), None, Some(0.0), Some(50.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    MinMax {
        /// Bottom of the scale.
        low: f64,
        /// Top of the scale.
        high: f64,
    },
    /// z-score rescaled to mean `mean` and standard deviation `sd` (sd over n-1).
    ///
    /// ```text
    /// mu = (v_1 + ... + v_n) / n                       (summed in row order)
    /// s  = sqrt( sum (v_i - mu) * (v_i - mu) / (n - 1) )
    /// y  = (v - mu) / s                                when mean = 0 and sd = 1
    /// y  = (v - mu) / s * sd + mean                    otherwise
    /// ```
    ///
    /// With the default target (0, 1) the result equals numpy's `(V - nanmean) / nanstd(ddof=1)` bit
    /// for bit (numpy sums along axis 0 in row order).
    ///
    /// Reference: `COINr` `n_zscore` (`(x - mean) / sd * m_sd[2] + m_sd[1]`); OECD/JRC Handbook (2008),
    /// section 5, "standardisation". Same as `COINr`, except that `sd == 0` or fewer than two values give
    /// `None` (`COINr`: NaN).
    ///
    /// # Errors
    /// [`crate::Error::Settings`] unless `mean` is finite and `sd` finite and positive.
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(1.0), Some(2.0), Some(3.0), None];
    /// let y = Normaliser::ZScore { mean: 0.0, sd: 1.0 }.apply(&x, &NormContext::default())?;
    /// assert_eq!(y, vec![Some(-1.0), Some(0.0), Some(1.0), None]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    ZScore {
        /// Target mean.
        mean: f64,
        /// Target standard deviation.
        sd: f64,
    },
    /// Rank (1 = lowest after direction; ties take the average rank).
    ///
    /// ```text
    /// y = 1 + #{j : v_j < v} + (#{j : v_j = v} - 1) / 2
    /// ```
    ///
    /// Reference: R's `rank(x, na.last = "keep", ties.method = "average")`, which is what `COINr` 0.x's
    /// `normalise(ntype = "rank")` used. `COINr` 1.x's `n_rank` ranks ties with `"min"` instead; the two
    /// agree whenever there are no ties. Ranks do not depend on the scale of the data: any strictly
    /// increasing transformation of the column gives the same ranks.
    ///
    /// # Errors
    /// None beyond non-finite input (see [`Normaliser::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(10.0), Some(30.0), None, Some(10.0), Some(20.0)];
    /// let y = Normaliser::Rank.apply(&x, &NormContext::default())?;
    /// assert_eq!(y, vec![Some(1.5), Some(4.0), None, Some(1.5), Some(3.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Rank,
    /// Percentile rank in [0, 100].
    ///
    /// ```text
    /// r = 1 + #{j : v_j < v}                  (rank with ties at the minimum)
    /// y = (r - 1) / (n - 1) * 100
    /// ```
    ///
    /// Reference: `COINr` `n_prank` (`(rank(x, ties.method = "min") - 1) / (n - 1)`), the same as dplyr's
    /// `percent_rank`; here multiplied by 100. With fewer than two present values the percentile is
    /// undefined and every cell is `None` (`COINr`: NaN).
    ///
    /// # Errors
    /// None beyond non-finite input (see [`Normaliser::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(5.0), Some(1.0), Some(5.0), Some(9.0), Some(3.0)];
    /// let y = Normaliser::PercentileRank.apply(&x, &NormContext::default())?;
    /// assert_eq!(y, vec![Some(50.0), Some(0.0), Some(50.0), Some(100.0), Some(25.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    PercentileRank,
    /// Fixed bounds from the indicator's goalposts, scaled to `[0, scale]`, values outside capped.
    ///
    /// ```text
    /// direction +1:  y = (x - low) / (high - low)
    /// direction -1:  y = (high - x) / (high - low)
    /// y = min(max(y, 0), 1) * scale
    /// ```
    ///
    /// Reference: `COINr` `n_goalposts` with `trunc2posts = TRUE` (its `direction = -1` branch negates the
    /// goalposts and gives the same formula); UNDP's Human Development Index technical notes. The
    /// goalposts come from [`NormContext::goalposts`], in the indicator's natural units.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if the context has no goalposts, if they do not satisfy `low < high`
    /// (both finite), or if `scale` is not finite and positive.
    ///
    /// # Example
    /// ```
    /// use govgap::model::{Direction, Goalposts};
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let ctx = NormContext {
    ///     direction: Direction::Negative,
    ///     goalposts: Some(Goalposts { low: 0.0, high: 50.0 }),
    ///     ..NormContext::default()
    /// };
    /// let x = [Some(10.0), Some(60.0), Some(-5.0)];
    /// let y = Normaliser::Goalposts { scale: 100.0 }.apply(&x, &ctx)?;
    /// assert_eq!(y, vec![Some(80.0), Some(0.0), Some(100.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Goalposts {
        /// Top of the scale (100 for 0-100).
        scale: f64,
    },
    /// Distance to the indicator's target, scaled to `[0, scale]` (target reached = scale).
    ///
    /// ```text
    /// t = direction * target
    /// y = min(1 - (t - v) / (t - min), 1) * scale     if t > min
    /// y = scale                                       if t <= min (every unit has reached the target)
    /// ```
    ///
    /// Reference: `COINr` `n_dist2targ` with `cap_max = TRUE`; the target comes from
    /// [`NormContext::target`], in the indicator's natural units (it is multiplied by the direction like
    /// the data). Differences from `COINr`: the result is multiplied by `scale`, and a target at or below
    /// the worst value gives `scale` for everyone instead of a division by zero or negative scores.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if the context has no target, the target is not finite, or `scale` is
    /// not finite and positive.
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let ctx = NormContext { target: Some(8.0), ..NormContext::default() };
    /// let x = [Some(2.0), Some(5.0), Some(10.0)];
    /// let y = Normaliser::DistanceToTarget { scale: 100.0 }.apply(&x, &ctx)?;
    /// assert_eq!(y, vec![Some(0.0), Some(50.0), Some(100.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    DistanceToTarget {
        /// Top of the scale.
        scale: f64,
    },
    /// Distance to a reference unit, scaled so that the reference gets `scale` and the lowest value 0.
    ///
    /// ```text
    /// v_ref = direction * x[reference_row]
    /// y = (1 - (v_ref - v) / (v_ref - min)) * scale
    /// ```
    ///
    /// Units better than the reference score above `scale` (not capped). The reference row comes from
    /// [`NormContext::reference_row`]; `unit` names the reference unit in settings and messages.
    ///
    /// Reference: `COINr` `n_dist2ref` with `cap_max = FALSE` (`COINr` 1.x; `COINr` 0.x divided by
    /// `max - min` instead), here multiplied by `scale`. A zero range gives `None` everywhere, as for
    /// min-max.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if the context has no reference row, the row is outside the column, or
    /// `scale` is not finite and positive. [`crate::Error::Degenerate`] if the reference unit has no
    /// value in the column, or if it has the lowest value while others differ (`v_ref == min`: every
    /// distance would divide by zero); choose another reference unit or another method.
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let ctx = NormContext { reference_row: Some(1), ..NormContext::default() };
    /// let x = [Some(2.0), Some(6.0), Some(4.0), Some(10.0)];
    /// let norm = Normaliser::DistanceToReference { unit: "HRB".into(), scale: 100.0 };
    /// assert_eq!(norm.apply(&x, &ctx)?, vec![Some(0.0), Some(100.0), Some(50.0), Some(200.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    DistanceToReference {
        /// Reference unit code.
        unit: String,
        /// Value assigned to the reference unit.
        scale: f64,
    },
    /// Distance to the best value: `scale * (1 - (max - v)/(max - min))`.
    ///
    /// ```text
    /// y = (1 - (max - v) / (max - min)) * scale
    /// ```
    ///
    /// Reference: `COINr` `n_dist2max`, here multiplied by `scale`. Algebraically the same as min-max to
    /// `[0, scale]`, but evaluated in `COINr`'s order (the last bits can differ from min-max). A zero range
    /// gives `None` everywhere (`COINr`: NaN).
    ///
    /// # Errors
    /// [`crate::Error::Settings`] unless `scale` is finite and positive.
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(1.0), Some(3.0), Some(5.0)];
    /// let y = Normaliser::DistanceToMax { scale: 1.0 }.apply(&x, &NormContext::default())?;
    /// assert_eq!(y, vec![Some(0.0), Some(0.5), Some(1.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    DistanceToMax {
        /// Top of the scale.
        scale: f64,
    },
    /// Fraction of the maximum: `scale * v / max`.
    ///
    /// ```text
    /// direction +1:  y = x / max(x) * scale          (needs x >= 0)
    /// direction -1:  y = min(x) / x * scale          (needs x > 0: fraction of the best, lowest, value)
    /// ```
    ///
    /// Reference: `COINr` `n_fracmax` (`x / max(x)`), here multiplied by `scale`. `COINr` applies it to
    /// `-x` when the direction is -1, which gives values of 1 and more for positive data; here a
    /// lower-is-better indicator is scored as the fraction `min / x` instead, so the best unit gets
    /// `scale` and the others less. A column of zeros (direction +1) gives `None` everywhere.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] unless `scale` is finite and positive. [`crate::Error::Domain`] if a
    /// value is negative (direction +1) or not positive (direction -1): a ratio to the best value needs
    /// a natural zero; use min-max or distance to the maximum for such data.
    ///
    /// # Example
    /// ```
    /// use govgap::model::Direction;
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(2.0), Some(8.0), Some(4.0)];
    /// let up = Normaliser::FractionOfMax { scale: 100.0 }.apply(&x, &NormContext::default())?;
    /// assert_eq!(up, vec![Some(25.0), Some(100.0), Some(50.0)]);
    /// let ctx = NormContext { direction: Direction::Negative, ..NormContext::default() };
    /// let down = Normaliser::FractionOfMax { scale: 100.0 }.apply(&x, &ctx)?;
    /// assert_eq!(down, vec![Some(100.0), Some(25.0), Some(50.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    FractionOfMax {
        /// Top of the scale.
        scale: f64,
    },
    /// Vector normalisation `v / sqrt(sum v^2)` (TOPSIS).
    ///
    /// ```text
    /// y = v / sqrt(v_1^2 + ... + v_n^2)
    /// ```
    ///
    /// Reference: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, TOPSIS step 1. With
    /// direction -1 the values are negative (`v = -x`), so that higher is still better. A column of
    /// zeros gives `None` everywhere.
    ///
    /// # Errors
    /// None beyond non-finite input (see [`Normaliser::apply`]).
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let x = [Some(3.0), None, Some(4.0)];
    /// let y = Normaliser::Vector.apply(&x, &NormContext::default())?;
    /// assert_eq!(y, vec![Some(0.6), None, Some(0.8)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Vector,
}

impl Default for Normaliser {
    fn default() -> Self {
        Self::MinMax { low: 0.0, high: 100.0 }
    }
}

impl Normaliser {
    /// Normalises one column.
    ///
    /// Missing cells stay missing; see each variant for its formula and reference, and the module
    /// documentation for degenerate columns.
    ///
    /// # Errors
    /// [`crate::Error::Domain`] if a present value is NaN or infinite; otherwise the errors listed under
    /// each variant (bad parameters, a missing goalpost, target or reference, values outside a
    /// method's domain).
    ///
    /// # Example
    /// ```
    /// use govgap::normalise::{NormContext, Normaliser};
    /// let y = Normaliser::default().apply(&[Some(1.0), Some(3.0)], &NormContext::default())?;
    /// assert_eq!(y, vec![Some(0.0), Some(100.0)]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn apply(&self, x: &[Option<f64>], ctx: &NormContext) -> Result<Vec<Option<f64>>> {
        self.apply_checked(x, ctx)
    }

    /// [`Normaliser::apply`] into a dense column, as a run stores it (min-max writes it directly, the
    /// others convert their result).
    pub(crate) fn apply_scores<C: Cells + ?Sized>(&self, x: &C, ctx: &NormContext) -> Result<Scores> {
        match self {
            Self::MinMax { low, high } => minmax::apply_dense(x, ctx.direction, *low, *high),
            _ => self.apply_checked(&x.options(), ctx).map(Scores::from),
        }
    }

    /// [`Normaliser::apply_scores`] on a shared column: min-max gives a view of `x`, computed when
    /// read (the same cells, none written: see [`Scores`]); the others a stored column.
    pub(crate) fn apply_shared(&self, x: &std::sync::Arc<Scores>, ctx: &NormContext) -> Result<Scores> {
        match self {
            Self::MinMax { low, high } => minmax::view(x, ctx.direction, *low, *high),
            _ => self.apply_scores(x.as_ref(), ctx),
        }
    }

    fn apply_checked(&self, x: &[Option<f64>], ctx: &NormContext) -> Result<Vec<Option<f64>>> {
        // the normalisers built on the column's range check finiteness in that pass
        let checks_in_range = matches!(
            self,
            Self::MinMax { .. }
                | Self::DistanceToMax { .. }
                | Self::DistanceToReference { .. }
                | Self::DistanceToTarget { .. }
        );
        if !checks_in_range {
            check_finite(x)?;
        }
        let dir = ctx.direction;
        match self {
            Self::MinMax { low, high } => minmax::apply(x, dir, *low, *high),
            Self::ZScore { mean, sd } => zscore::apply(x, dir, *mean, *sd),
            Self::Rank => Ok(rank::apply(x, dir)),
            Self::PercentileRank => Ok(percentile::apply(x, dir)),
            Self::Goalposts { scale } => goalposts::apply(x, dir, ctx.goalposts, *scale),
            Self::DistanceToTarget { scale } => target::apply(x, dir, ctx.target, *scale),
            Self::DistanceToReference { unit, scale } => reference::apply(x, dir, ctx.reference_row, unit, *scale),
            Self::DistanceToMax { scale } => dist_max::apply(x, dir, *scale),
            Self::FractionOfMax { scale } => frac_max::apply(x, dir, *scale),
            Self::Vector => Ok(vector::apply(x, dir)),
        }
    }
}

/// Rejects NaN and infinities: a validated dataset never holds them, so one here is an upstream bug.
fn check_finite(x: &[Option<f64>]) -> Result<()> {
    match x.iter().position(|v| v.is_some_and(|v| !v.is_finite())) {
        Some(row) => Err(crate::Error::Domain(format!(
            "row {row} of the column to normalise is not a finite number; remove NaN and infinities before \
             normalising"
        ))),
        None => Ok(()),
    }
}

/// Checks a `scale` parameter: finite and positive.
fn check_scale(scale: f64, method: &str) -> Result<()> {
    if scale.is_finite() && scale > 0.0 {
        Ok(())
    } else {
        Err(crate::Error::Settings(format!(
            "{method}: scale {scale} must be a finite positive number (e.g. 100 for a 0-100 scale)"
        )))
    }
}

/// Minimum and maximum of the present values of `direction * x`, or `None` if nothing is present.
/// Also the finiteness check of [`check_finite`], in the same pass (the normalisers that call this
/// skip the separate check).
fn range<C: Cells + ?Sized>(x: &C, direction: Direction) -> Result<Option<(f64, f64)>> {
    // branch-free, in eight lanes: a missing cell (NaN) never compares less or greater, so it
    // leaves the bounds as they are, and an infinity shows in them
    const LANES: usize = 8;
    let s = direction.sign();
    let mut scratch = Vec::new();
    let (values, nan) = x.values(0..x.n_cells(), &mut scratch);
    let (mut mn, mut mx) = ([f64::INFINITY; LANES], [f64::NEG_INFINITY; LANES]);
    let mut lanes = values.chunks_exact(LANES);
    for chunk in &mut lanes {
        for k in 0..LANES {
            let v = s * chunk[k];
            mn[k] = if v < mn[k] { v } else { mn[k] };
            mx[k] = if v > mx[k] { v } else { mx[k] };
        }
    }
    for (k, &xi) in lanes.remainder().iter().enumerate() {
        let v = s * xi;
        mn[k] = if v < mn[k] { v } else { mn[k] };
        mx[k] = if v > mx[k] { v } else { mx[k] };
    }
    let mn = mn.into_iter().fold(f64::INFINITY, |a, b| if b < a { b } else { a });
    let mx = mx.into_iter().fold(f64::NEG_INFINITY, |a, b| if b > a { b } else { a });
    if nan || mn == f64::NEG_INFINITY || mx == f64::INFINITY {
        check_finite(&x.options())?;
    }
    // (with every value finite, the bounds cross only when nothing is present)
    Ok((mn <= mx).then_some((mn, mx)))
}

#[cfg(test)]
mod tests {
    //! Reference values from outside the project, checked through one data-driven helper.
    use proptest::prelude::*;

    use super::{NormContext, Normaliser};
    use crate::model::{Direction, Goalposts};

    #[test]
    fn range_rejects_infinity_and_a_present_nan_naming_the_row() {
        let mut x = vec![Some(1.0); 11];
        for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            x[9] = Some(bad);
            for direction in [Direction::Positive, Direction::Negative] {
                let err = super::range(&x, direction).unwrap_err().to_string();
                assert!(err.contains("row 9"), "{err}");
            }
        }
        // in a dense column NaN is a missing cell
        let dense = crate::model::Scores::from_raw(vec![f64::NAN, 2.0, f64::NAN, 5.0]);
        assert_eq!(
            super::range(&dense, Direction::Positive).ok().flatten(),
            Some((2.0, 5.0))
        );
        assert_eq!(
            super::range(&crate::model::Scores::missing(9), Direction::Positive)
                .ok()
                .flatten(),
            None
        );
    }

    /// Column x08 of the shared benchmark table `bench-data/data_S.csv` (13 units, the first missing).
    const X08: [Option<f64>; 13] = [
        None,
        Some(34.817077),
        Some(39.658994),
        Some(115.872428),
        Some(20.378635),
        Some(44.914348),
        Some(29.906687),
        Some(100.303178),
        Some(89.434894),
        Some(28.214768),
        Some(46.004618),
        Some(16.503036),
        Some(90.070481),
    ];

    /// Normalises `input` and compares with `expected` cell by cell (relative tolerance `rtol`; 0 = bits).
    fn check(norm: &Normaliser, ctx: &NormContext, input: &[Option<f64>], expected: &[Option<f64>], rtol: f64) {
        let got = norm
            .apply(input, ctx)
            .unwrap_or_else(|e| panic!("{norm:?} failed: {e}"));
        assert_eq!(got.len(), expected.len(), "{norm:?}: length");
        for (i, (g, e)) in got.iter().zip(expected).enumerate() {
            match (g, e) {
                (Some(g), Some(e)) => {
                    let tol = rtol * e.abs();
                    assert!((g - e).abs() <= tol, "{norm:?} row {i}: got {g:e}, expected {e:e}");
                }
                (None, None) => {}
                _ => panic!("{norm:?} row {i}: got {g:?}, expected {e:?}"),
            }
        }
    }

    fn ctx(direction: Direction) -> NormContext {
        NormContext {
            direction,
            ..NormContext::default()
        }
    }

    #[test]
    fn minmax_matches_numpy_peer_bit_for_bit() {
        // /work/shared/bench/peer_py.py `minmax(X, direction, 0, 100)` on data_S.csv (all 20 columns at
        // once, as the peer does), column x08, printed with repr(); direction +1 and -1.
        let up = [
            None,
            Some(18.430263717423163),
            Some(23.30290800209384),
            Some(100.0),
            Some(3.9001939349694292),
            Some(28.591612998900096),
            Some(13.488711896315115),
            Some(84.33194599801918),
            Some(73.39469079170777),
            Some(11.786055810827541),
            Some(29.688801960265586),
            Some(0.0),
            Some(74.03431128973797),
        ];
        let down = [
            None,
            Some(81.56973628257683),
            Some(76.69709199790617),
            Some(0.0),
            Some(96.09980606503056),
            Some(71.4083870010999),
            Some(86.51128810368488),
            Some(15.668054001980808),
            Some(26.605309208292226),
            Some(88.21394418917244),
            Some(70.3111980397344),
            Some(100.0),
            Some(25.965688710262008),
        ];
        let norm = Normaliser::MinMax { low: 0.0, high: 100.0 };
        check(&norm, &ctx(Direction::Positive), &X08, &up, 0.0);
        check(&norm, &ctx(Direction::Negative), &X08, &down, 0.0);
    }

    #[test]
    fn zscore_matches_numpy_peer_bit_for_bit() {
        // peer_py.py `zscore(X, direction)` (nanmean, nanstd ddof=1 along axis 0) on data_S.csv, x08.
        let z = [
            None,
            Some(-0.5770284802873086),
            Some(-0.4363204838525813),
            Some(1.7784716324828127),
            Some(-0.9966152359997704),
            Some(-0.2835978469516949),
            Some(-0.7197263288074547),
            Some(1.3260231552595605),
            Some(1.0101865834381925),
            Some(-0.7688941548193106),
            Some(-0.25191417553128626),
            Some(-1.109241654477087),
            Some(1.02865698954593),
        ];
        let norm = Normaliser::ZScore { mean: 0.0, sd: 1.0 };
        check(&norm, &ctx(Direction::Positive), &X08, &z, 0.0);
        let neg: Vec<Option<f64>> = z.iter().map(|v| v.map(|v| -v)).collect();
        check(&norm, &ctx(Direction::Negative), &X08, &neg, 0.0);
    }

    #[test]
    fn vector_matches_numpy() {
        // numpy: x / np.sqrt(np.nansum(x**2)) on x08 (norm 221.12292760289418); nansum sums pairwise, so
        // the last bit may differ.
        let e = [
            None,
            Some(0.15745575267765355),
            Some(0.17935269955914296),
            Some(0.5240181525096785),
            Some(0.09215975575629667),
            Some(0.2031193620982618),
            Some(0.13524914546043015),
            Some(0.4536082218490272),
            Some(0.40445780530100683),
            Some(0.12759765939183734),
            Some(0.20804996794641692),
            Some(0.07463285774524994),
            Some(0.40733216576145365),
        ];
        check(&Normaliser::Vector, &ctx(Direction::Positive), &X08, &e, 1e-15);
        let neg: Vec<Option<f64>> = e.iter().map(|v| v.map(|v| -v)).collect();
        check(&Normaliser::Vector, &ctx(Direction::Negative), &X08, &neg, 1e-15);
    }

    #[test]
    fn reference_values_from_coinr_formulas() {
        // Values computed with numpy/scipy in .venv-bench following COINr 1.x's R definitions
        // (n_zscore with m_sd = c(100, 10); rank ties "average" = scipy rankdata 'average';
        // n_prank = (rankdata 'min' - 1) / (n - 1) * 100; n_dist2max; n_fracmax).
        let x = [Some(4.0), Some(1.0), None, Some(4.0), Some(9.0), Some(2.5)];
        let p = ctx(Direction::Positive);
        check(
            &Normaliser::ZScore { mean: 100.0, sd: 10.0 },
            &p,
            &x,
            &[
                Some(99.66758875234274),
                Some(89.69525132262473),
                None,
                Some(99.66758875234274),
                Some(116.28815113520608),
                Some(94.68142003748373),
            ],
            1e-13,
        );
        check(
            &Normaliser::Rank,
            &p,
            &x,
            &[Some(3.5), Some(1.0), None, Some(3.5), Some(5.0), Some(2.0)],
            0.0,
        );
        check(
            &Normaliser::PercentileRank,
            &p,
            &x,
            &[Some(50.0), Some(0.0), None, Some(50.0), Some(100.0), Some(25.0)],
            0.0,
        );
        check(
            &Normaliser::DistanceToMax { scale: 1.0 },
            &p,
            &x,
            &[Some(0.375), Some(0.0), None, Some(0.375), Some(1.0), Some(0.1875)],
            1e-15,
        );
        check(
            &Normaliser::FractionOfMax { scale: 1.0 },
            &p,
            &x,
            &[
                Some(4.0 / 9.0),
                Some(1.0 / 9.0),
                None,
                Some(4.0 / 9.0),
                Some(1.0),
                Some(2.5 / 9.0),
            ],
            1e-15,
        );
        let n = ctx(Direction::Negative);
        check(
            &Normaliser::Rank,
            &n,
            &x,
            &[Some(2.5), Some(5.0), None, Some(2.5), Some(1.0), Some(4.0)],
            0.0,
        );
    }

    #[test]
    fn goalposts_target_reference_follow_coinr() {
        // COINr 1.x n_goalposts(x, gposts = c(10, 30, 100), direction) and n_dist2targ / n_dist2ref
        // evaluated by hand: (25-10)/20 = 0.75; (30-25)/20 = 0.25; 1 - (20-15)/(20-5) = 2/3.
        let x = [Some(25.0), Some(5.0), Some(40.0), None, Some(15.0)];
        let gp = NormContext {
            goalposts: Some(Goalposts { low: 10.0, high: 30.0 }),
            ..NormContext::default()
        };
        let norm = Normaliser::Goalposts { scale: 100.0 };
        check(
            &norm,
            &gp,
            &x,
            &[Some(75.0), Some(0.0), Some(100.0), None, Some(25.0)],
            1e-15,
        );
        let gp_neg = NormContext {
            direction: Direction::Negative,
            ..gp
        };
        check(
            &norm,
            &gp_neg,
            &x,
            &[Some(25.0), Some(100.0), Some(0.0), None, Some(75.0)],
            1e-15,
        );

        let t = NormContext {
            target: Some(20.0),
            ..NormContext::default()
        };
        check(
            &Normaliser::DistanceToTarget { scale: 1.0 },
            &t,
            &x,
            &[Some(1.0), Some(0.0), Some(1.0), None, Some(2.0 / 3.0)],
            1e-15,
        );
        // lower is better, target 10: v = -x, t = -10, min v = -40: 1 - (-10 - v) / (-10 + 40)
        let t_neg = NormContext {
            direction: Direction::Negative,
            target: Some(10.0),
            ..NormContext::default()
        };
        check(
            &Normaliser::DistanceToTarget { scale: 1.0 },
            &t_neg,
            &x,
            &[Some(0.5), Some(1.0), Some(0.0), None, Some(25.0 / 30.0)],
            1e-15,
        );
        // n_dist2ref(x, iref = 5): 1 - (15 - x) / (15 - 5)
        let r = NormContext {
            reference_row: Some(4),
            ..NormContext::default()
        };
        check(
            &Normaliser::DistanceToReference {
                unit: "U5".into(),
                scale: 1.0,
            },
            &r,
            &x,
            &[Some(2.0), Some(0.0), Some(3.5), None, Some(1.0)],
            1e-15,
        );
    }

    #[test]
    fn degenerate_columns_give_none_or_typed_errors() {
        let p = NormContext::default();
        let constant = [Some(2.0), None, Some(2.0)];
        let one = [None, Some(7.0), None];
        let empty: [Option<f64>; 3] = [None, None, None];
        for norm in [
            Normaliser::MinMax { low: 0.0, high: 100.0 },
            Normaliser::ZScore { mean: 0.0, sd: 1.0 },
            Normaliser::DistanceToMax { scale: 100.0 },
        ] {
            for col in [&constant[..], &one[..], &empty[..]] {
                let y = norm.apply(col, &p).unwrap_or_else(|e| panic!("{norm:?}: {e}"));
                assert!(y.iter().all(Option::is_none), "{norm:?} on {col:?}: {y:?}");
            }
        }
        assert_eq!(
            Normaliser::PercentileRank.apply(&one, &p).ok(),
            Some(vec![None, None, None])
        );
        assert_eq!(Normaliser::Rank.apply(&one, &p).ok(), Some(vec![None, Some(1.0), None]));
        assert_eq!(
            Normaliser::Vector.apply(&[Some(0.0), Some(0.0)], &p).ok(),
            Some(vec![None, None])
        );
        assert_eq!(
            Normaliser::FractionOfMax { scale: 1.0 }.apply(&[Some(0.0)], &p).ok(),
            Some(vec![None])
        );

        let nan = [Some(1.0), Some(f64::NAN)];
        assert!(matches!(Normaliser::Rank.apply(&nan, &p), Err(crate::Error::Domain(_))));
        assert!(matches!(
            Normaliser::MinMax { low: 1.0, high: 1.0 }.apply(&constant, &p),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Normaliser::ZScore { mean: 0.0, sd: 0.0 }.apply(&constant, &p),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Normaliser::Goalposts { scale: 100.0 }.apply(&one, &p),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Normaliser::DistanceToTarget { scale: 100.0 }.apply(&one, &p),
            Err(crate::Error::Settings(_))
        ));
        let reference = Normaliser::DistanceToReference {
            unit: "U1".into(),
            scale: 1.0,
        };
        assert!(matches!(reference.apply(&one, &p), Err(crate::Error::Settings(_))));
        let missing_ref = NormContext {
            reference_row: Some(0),
            ..NormContext::default()
        };
        assert!(matches!(
            reference.apply(&one, &missing_ref),
            Err(crate::Error::Degenerate(_))
        ));
        let worst_ref = NormContext {
            reference_row: Some(0),
            ..NormContext::default()
        };
        assert!(matches!(
            reference.apply(&[Some(1.0), Some(2.0)], &worst_ref),
            Err(crate::Error::Degenerate(_))
        ));
        let out_of_range = NormContext {
            reference_row: Some(9),
            ..NormContext::default()
        };
        assert!(matches!(
            reference.apply(&one, &out_of_range),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Normaliser::FractionOfMax { scale: 1.0 }.apply(&[Some(-1.0), Some(2.0)], &p),
            Err(crate::Error::Domain(_))
        ));
        let neg = NormContext {
            direction: Direction::Negative,
            ..NormContext::default()
        };
        assert!(matches!(
            Normaliser::FractionOfMax { scale: 1.0 }.apply(&[Some(0.0), Some(2.0)], &neg),
            Err(crate::Error::Domain(_))
        ));
        // target below the worst value: everyone has reached it
        let low_target = NormContext {
            target: Some(-5.0),
            ..NormContext::default()
        };
        assert_eq!(
            Normaliser::DistanceToTarget { scale: 10.0 }
                .apply(&[Some(1.0), Some(2.0)], &low_target)
                .ok(),
            Some(vec![Some(10.0), Some(10.0)])
        );
    }

    fn column() -> impl Strategy<Value = Vec<Option<f64>>> {
        prop::collection::vec(prop::option::weighted(0.85, -1e6..1e6f64), 0..40)
    }

    fn int_column() -> impl Strategy<Value = Vec<Option<f64>>> {
        prop::collection::vec(
            prop::option::weighted(0.85, (-1000..1000i32).prop_map(f64::from)),
            0..40,
        )
    }

    proptest! {
        /// The branch-free bounds equal a plain scan of the present values, on options and on a
        /// dense column alike (lengths on both sides of the eight lanes).
        #[test]
        fn range_is_the_min_and_max_of_the_present_values(x in column(), negative in any::<bool>()) {
            let direction = if negative { Direction::Negative } else { Direction::Positive };
            let s = direction.sign();
            let present: Vec<f64> = x.iter().flatten().map(|v| s * v).collect();
            let want = (!present.is_empty()).then(|| {
                (present.iter().copied().fold(f64::INFINITY, f64::min), present.iter().copied().fold(f64::NEG_INFINITY, f64::max))
            });
            prop_assert_eq!(super::range(&x, direction).ok().flatten(), want);
            prop_assert_eq!(super::range(&crate::model::Scores::from(x.clone()), direction).ok().flatten(), want);
        }

        #[test]
        fn minmax_stays_within_low_high(x in column(), low in -100.0..100.0f64, width in 1e-3..1e3f64,
                                        negative in any::<bool>()) {
            let high = low + width;
            let direction = if negative { Direction::Negative } else { Direction::Positive };
            let y = Normaliser::MinMax { low, high }.apply(&x, &ctx(direction)).unwrap_or_default();
            prop_assert_eq!(y.len(), x.len());
            for (xi, yi) in x.iter().zip(&y) {
                prop_assert_eq!(xi.is_none() && yi.is_some(), false);
                if let Some(v) = yi {
                    prop_assert!(*v >= low && *v <= high, "{} outside [{}, {}]", v, low, high);
                }
            }
        }

        #[test]
        fn ranks_survive_monotone_rescaling(x in int_column(), a in 1e-3..1e3f64, b in -1e3..1e3f64) {
            // Integer-valued data, so that neither map can merge two distinct values by rounding.
            let affine: Vec<Option<f64>> = x.iter().map(|v| v.map(|v| a * v + b)).collect();
            let cubic: Vec<Option<f64>> = x.iter().map(|v| v.map(|v| v * v * v + 5.0 * v)).collect();
            let log: Vec<Option<f64>> = x.iter().map(|v| v.map(|v| (v + 1001.0).ln())).collect();
            let p = NormContext::default();
            for norm in [Normaliser::Rank, Normaliser::PercentileRank] {
                let base = norm.apply(&x, &p).unwrap_or_default();
                prop_assert_eq!(&base, &norm.apply(&affine, &p).unwrap_or_default());
                prop_assert_eq!(&base, &norm.apply(&cubic, &p).unwrap_or_default());
                prop_assert_eq!(&base, &norm.apply(&log, &p).unwrap_or_default());
            }
        }

        #[test]
        fn goalposts_and_target_stay_within_scale(x in column(), low in -1e3..1e3f64, width in 1e-3..1e3f64,
                                                  negative in any::<bool>()) {
            let direction = if negative { Direction::Negative } else { Direction::Positive };
            let c = NormContext {
                direction,
                goalposts: Some(Goalposts { low, high: low + width }),
                target: Some(low),
                reference_row: None,
            };
            for norm in [Normaliser::Goalposts { scale: 100.0 }, Normaliser::DistanceToTarget { scale: 100.0 }] {
                for v in norm.apply(&x, &c).unwrap_or_default().into_iter().flatten() {
                    prop_assert!((0.0..=100.0).contains(&v), "{:?}: {}", norm, v);
                }
            }
        }
    }
}
