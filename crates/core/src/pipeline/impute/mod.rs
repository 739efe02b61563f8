//! Imputation of missing indicator values.
//!
//! Cross-sectional methods ([`Imputation::Mean`], [`Imputation::Median`], [`Imputation::GroupMean`],
//! [`Imputation::GroupMedian`]) fill a missing cell from the other units in the same year; panel
//! methods ([`Imputation::Latest`], [`Imputation::Linear`]) from the same unit's other years. Only
//! observed values are used as donors (an imputed value never feeds another imputation), and a cell
//! with no donor stays missing. Every filled cell is marked in [`Imputed::imputed`].
//!
//! Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators: Methodology and User
//! Guide*, Step 3 (imputation of missing data: unconditional mean/median substitution, cold-deck and
//! interpolation); `COINr`'s `Impute()` (`i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`) and
//! `impute_panel()`.

mod cross_section;
mod panel;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// An imputation method. Cross-sectional methods work within each year; panel methods along each
/// unit's years.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Imputation {
    /// Leave missing values missing (aggregation re-normalises weights over present children).
    #[default]
    None,
    /// Mean of the indicator over the units observed in the same year:
    /// `x̂(u, t) = mean { x(v, t) : x(v, t) observed }`. A year without any observed value stays missing.
    Mean,
    /// Median of the indicator over the units observed in the same year (mean of the two middle values
    /// for an even count). A year without any observed value stays missing.
    Median,
    /// Mean over the units of the same group (grouping variable `group`) observed in the same year:
    /// `x̂(u, t) = mean { x(v, t) : g(v) = g(u), x(v, t) observed }`. A row whose unit has no group,
    /// or whose group has no observed value that year, stays missing.
    GroupMean {
        /// Grouping variable name.
        group: String,
    },
    /// Median over the units of the same group observed in the same year; rows without a group, or
    /// whose group has no observed value that year, stay missing.
    GroupMedian {
        /// Grouping variable name.
        group: String,
    },
    /// Panel: the unit's latest earlier observed value (last observation carried forward, in year
    /// order). A unit with no earlier value stays missing (no backward filling); rows without a year
    /// are left as they are.
    Latest,
    /// Panel: linear interpolation in time between the unit's nearest earlier and nearest later
    /// observed years, `x̂(t) = x(t0) + (x(t1) - x(t0)) · (t - t0) / (t1 - t0)`. No extrapolation:
    /// a cell before the unit's first or after its last observed year stays missing; rows without a
    /// year are left as they are.
    Linear,
}

/// Rows of one indicator column with what imputation needs to know about them.
#[derive(Debug, Clone, Copy)]
pub struct ImputeContext<'a> {
    /// Unit position of each row.
    pub unit: &'a [usize],
    /// Year of each row.
    pub year: &'a [Option<i32>],
    /// Group id of each row's unit for the grouping in use (`None` = no group).
    pub group: Option<&'a [Option<u32>]>,
}

/// An imputed column and which cells were imputed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imputed {
    /// The column with imputed values filled in.
    pub values: Vec<Option<f64>>,
    /// `true` where a value was imputed.
    pub imputed: Vec<bool>,
}

impl Imputed {
    /// Number of imputed cells.
    ///
    /// # Example
    /// ```
    /// let imp = govgap::pipeline::Imputed { values: vec![Some(1.0), Some(1.0)], imputed: vec![false, true] };
    /// assert_eq!(imp.count(), 1);
    /// ```
    #[must_use]
    pub fn count(&self) -> usize {
        self.imputed.iter().filter(|&&b| b).count()
    }
}

impl Imputation {
    /// Imputes one column (see each variant for its rule).
    ///
    /// ```text
    /// Mean / Median            x̂(u, t) = mean / median { x(v, t) observed }            same year t
    /// GroupMean / GroupMedian  x̂(u, t) = mean / median { x(v, t) observed, g(v) = g(u) }
    /// Latest                   x̂(u, t) = x(u, t0),  t0 = max { s < t : x(u, s) observed }
    /// Linear                   x̂(u, t) = x(u, t0) + (x(u, t1) - x(u, t0)) (t - t0) / (t1 - t0)
    ///                          t0 = max { s < t observed },  t1 = min { s > t observed }
    /// ```
    ///
    /// Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, Step 3; `COINr`
    /// `Impute()` and `impute_panel()`.
    ///
    /// # Errors
    /// [`Error::Domain`] when `ctx.unit`, `ctx.year` or `ctx.group` is not as long as `x`;
    /// [`Error::Settings`] for a group method when `ctx.group` is `None`.
    ///
    /// # Example
    /// ```
    /// use govgap::pipeline::{Imputation, ImputeContext};
    /// // unit 0 observed in 2020 and 2022, unit 1 in 2021
    /// let x = [Some(1.0), None, Some(5.0), Some(4.0)];
    /// let ctx = ImputeContext { unit: &[0, 0, 0, 1], year: &[Some(2020), Some(2021), Some(2022), Some(2021)], group: None };
    /// let lin = Imputation::Linear.apply(&x, &ctx)?;
    /// assert_eq!(lin.values, vec![Some(1.0), Some(3.0), Some(5.0), Some(4.0)]);
    /// assert_eq!(lin.imputed, vec![false, true, false, false]);
    /// // the 2021 cross-section has one donor, unit 1
    /// let mean = Imputation::Mean.apply(&x, &ctx)?;
    /// assert_eq!(mean.values[1], Some(4.0));
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn apply(&self, x: &[Option<f64>], ctx: &ImputeContext<'_>) -> Result<Imputed> {
        let n = x.len();
        if ctx.unit.len() != n || ctx.year.len() != n || ctx.group.is_some_and(|g| g.len() != n) {
            return Err(Error::Domain(format!(
                "imputation context does not match the column: {n} values, {} unit positions, {} years, {} group ids; \
                 pass one entry per row",
                ctx.unit.len(),
                ctx.year.len(),
                ctx.group.map_or_else(|| "no".to_string(), |g| g.len().to_string()),
            )));
        }
        let group = || {
            ctx.group.ok_or_else(|| {
                Error::Settings(format!(
                    "imputation {self:?} needs the group id of each row; pass ImputeContext::group"
                ))
            })
        };
        let filled = match self {
            Self::None => x.to_vec(),
            Self::Mean => cross_section::fill(x, &cross_section::by_year(ctx.year), crate::stats::mean),
            Self::Median => cross_section::fill(x, &cross_section::by_year(ctx.year), crate::stats::median),
            Self::GroupMean { .. } => cross_section::fill(
                x,
                &cross_section::by_year_and_group(ctx.year, group()?),
                crate::stats::mean,
            ),
            Self::GroupMedian { .. } => cross_section::fill(
                x,
                &cross_section::by_year_and_group(ctx.year, group()?),
                crate::stats::median,
            ),
            Self::Latest => panel::latest(x, ctx.unit, ctx.year),
            Self::Linear => panel::linear(x, ctx.unit, ctx.year),
        };
        let imputed = x.iter().zip(&filled).map(|(a, b)| a.is_none() && b.is_some()).collect();
        Ok(Imputed {
            values: filled,
            imputed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAN: f64 = f64::NAN;

    /// Values, unit positions, years and group ids of a test panel.
    type Panel = (Vec<Option<f64>>, Vec<usize>, Vec<Option<i32>>, Vec<Option<u32>>);

    /// The panel of the pandas reference: units A-F (positions 0-5) × years 2019-2022, rows sorted by
    /// unit then year; groups g0 = {A, B, E, F}, g1 = {C}, D without group.
    fn panel() -> Panel {
        let x = [
            1.0, NAN, NAN, 4.0, // A
            NAN, 2.0, 6.0, NAN, // B
            3.0, 5.0, NAN, 8.0, // C
            10.0, NAN, 7.0, NAN, // D
            0.5, 9.0, NAN, 2.0, // E
            5.0, 4.0, 9.0, 11.0, // F
        ];
        let x = x.iter().map(|v| (!v.is_nan()).then_some(*v)).collect();
        let unit = (0..24).map(|r| r / 4).collect();
        let year = (0..24).map(|r| Some(2019 + (r % 4))).collect();
        let groups = [Some(0), Some(0), Some(1), None, Some(0), Some(0)];
        let group = (0..24).map(|r| groups[r / 4]).collect();
        (x, unit, year, group)
    }

    /// Imputes the reference panel with `method` and compares with `want` (NaN = missing), checking the
    /// imputed flags too.
    fn check(method: &Imputation, want: &[f64]) {
        let (x, unit, year, group) = panel();
        let ctx = ImputeContext {
            unit: &unit,
            year: &year,
            group: Some(&group),
        };
        let got = method.apply(&x, &ctx);
        assert!(got.is_ok(), "{method:?}: {got:?}");
        let Ok(got) = got else { return };
        for (r, (&g, &w)) in got.values.iter().zip(want).enumerate() {
            match g {
                Some(g) => assert!((g - w).abs() < 1e-12, "{method:?} row {r}: got {g}, want {w}"),
                None => assert!(w.is_nan(), "{method:?} row {r}: got missing, want {w}"),
            }
            assert_eq!(
                got.imputed[r],
                x[r].is_none() && !w.is_nan(),
                "{method:?} row {r}: imputed flag"
            );
        }
    }

    // pandas reference (Python 3, pandas 2):
    //   df = pd.DataFrame({"unit": list("AAAABBBBCCCCDDDDEEEEFFFF"), "year": [2019, 2020, 2021, 2022] * 6,
    //                      "g": ["g0"] * 8 + ["g1"] * 4 + [None] * 4 + ["g0"] * 8, "x": <x of panel()>})
    //   mean     df.x.fillna(df.groupby("year").x.transform("mean"))
    //   median   df.x.fillna(df.groupby("year").x.transform("median"))
    //   gmean    df.x.fillna(df.groupby(["year", "g"]).x.transform("mean"))      (g None → NaN)
    //   gmedian  df.x.fillna(df.groupby(["year", "g"]).x.transform("median"))
    //   latest   df.sort_values("year").groupby("unit").x.ffill()
    //   linear   per unit: s.set_index("year").x.interpolate(method="index", limit_area="inside")

    #[test]
    fn mean_and_median_by_year_match_pandas() {
        #[rustfmt::skip]
        let mean = [
            1.0, 5.0, 22.0 / 3.0, 4.0,
            3.9, 2.0, 6.0, 6.25,
            3.0, 5.0, 22.0 / 3.0, 8.0,
            10.0, 5.0, 7.0, 6.25,
            0.5, 9.0, 22.0 / 3.0, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::Mean, &mean);
        #[rustfmt::skip]
        let median = [
            1.0, 4.5, 7.0, 4.0,
            3.0, 2.0, 6.0, 6.0,
            3.0, 5.0, 7.0, 8.0,
            10.0, 4.5, 7.0, 6.0,
            0.5, 9.0, 7.0, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::Median, &median);
    }

    #[test]
    fn group_methods_match_pandas() {
        #[rustfmt::skip]
        let gmean = [
            1.0, 5.0, 7.5, 4.0,
            13.0 / 6.0, 2.0, 6.0, 17.0 / 3.0,
            3.0, 5.0, NAN, 8.0,
            10.0, NAN, 7.0, NAN,
            0.5, 9.0, 7.5, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::GroupMean { group: "g".into() }, &gmean);
        #[rustfmt::skip]
        let gmedian = [
            1.0, 4.0, 7.5, 4.0,
            1.0, 2.0, 6.0, 4.0,
            3.0, 5.0, NAN, 8.0,
            10.0, NAN, 7.0, NAN,
            0.5, 9.0, 7.5, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::GroupMedian { group: "g".into() }, &gmedian);
    }

    #[test]
    fn panel_methods_match_pandas() {
        #[rustfmt::skip]
        let latest = [
            1.0, 1.0, 1.0, 4.0,
            NAN, 2.0, 6.0, 6.0,
            3.0, 5.0, 5.0, 8.0,
            10.0, 10.0, 7.0, 7.0,
            0.5, 9.0, 9.0, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::Latest, &latest);
        #[rustfmt::skip]
        let linear = [
            1.0, 2.0, 3.0, 4.0,
            NAN, 2.0, 6.0, NAN,
            3.0, 5.0, 6.5, 8.0,
            10.0, 8.5, 7.0, NAN,
            0.5, 9.0, 5.5, 2.0,
            5.0, 4.0, 9.0, 11.0,
        ];
        check(&Imputation::Linear, &linear);
        check(
            &Imputation::None,
            &panel().0.iter().map(|v| v.unwrap_or(NAN)).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn panel_methods_follow_years_not_row_order() {
        // one unit, rows shuffled, uneven gaps: 2010 → 1, 2011 → ?, 2014 → 7, 2012 → ?
        // linear by hand: 2011 → 1 + 6·(1/4) = 2.5; 2012 → 1 + 6·(2/4) = 4.0
        let x = [Some(7.0), None, Some(1.0), None];
        let year = [Some(2014), Some(2012), Some(2010), Some(2011)];
        let ctx = ImputeContext {
            unit: &[3, 3, 3, 3],
            year: &year,
            group: None,
        };
        let lin = Imputation::Linear.apply(&x, &ctx).map(|i| i.values);
        assert_eq!(lin.ok(), Some(vec![Some(7.0), Some(4.0), Some(1.0), Some(2.5)]));
        let last = Imputation::Latest.apply(&x, &ctx).map(|i| i.values);
        assert_eq!(last.ok(), Some(vec![Some(7.0), Some(1.0), Some(1.0), Some(1.0)]));
        // rows without a year are not part of a time order: left missing
        let ctx = ImputeContext {
            unit: &[0, 0, 0],
            year: &[None, Some(2020), None],
            group: None,
        };
        let x = [Some(1.0), None, None];
        assert_eq!(Imputation::Latest.apply(&x, &ctx).map(|i| i.count()).ok(), Some(0));
        // a cross-section without years is one "year"
        assert_eq!(
            Imputation::Mean
                .apply(
                    &[Some(1.0), None, Some(3.0)],
                    &ImputeContext {
                        unit: &[0, 1, 2],
                        year: &[None; 3],
                        group: None
                    }
                )
                .map(|i| i.values)
                .ok(),
            Some(vec![Some(1.0), Some(2.0), Some(3.0)])
        );
    }

    #[test]
    fn bad_context_is_a_typed_error() {
        let x = [Some(1.0), None];
        let short = ImputeContext {
            unit: &[0],
            year: &[None, None],
            group: None,
        };
        assert!(matches!(Imputation::Mean.apply(&x, &short), Err(Error::Domain(_))));
        let no_group = ImputeContext {
            unit: &[0, 1],
            year: &[None, None],
            group: None,
        };
        assert!(matches!(
            Imputation::GroupMean { group: "g".into() }.apply(&x, &no_group),
            Err(Error::Settings(_))
        ));
        let bad_group = ImputeContext {
            unit: &[0, 1],
            year: &[None, None],
            group: Some(&[Some(1)]),
        };
        assert!(matches!(
            Imputation::Median.apply(&x, &bad_group),
            Err(Error::Domain(_))
        ));
        // empty column: nothing to do
        let empty = ImputeContext {
            unit: &[],
            year: &[],
            group: None,
        };
        assert_eq!(Imputation::Linear.apply(&[], &empty).ok(), Some(Imputed::default()));
    }
}
