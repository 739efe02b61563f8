//! Outlier treatment of indicator columns.
//!
//! [`OutlierRule::Coinr`] is `COINr`'s default data treatment (`Treat()` / `qTreat()` with their default
//! specifications): check skewness and kurtosis; if both exceed their thresholds, winsorise one
//! extreme value at a time up to a maximum number of points; if that does not bring the column within
//! the thresholds, undo the winsorisation and log-transform the original column instead.

mod coinr;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Outlier treatment rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum OutlierRule {
    /// No treatment.
    #[default]
    None,
    /// `COINr`'s rule: while |skew| > `skew` and kurtosis > `kurtosis`, winsorise up to `max_points`
    /// points; if that fails, log-transform (`COINr`'s `log_CT`) the original column. `COINr`'s defaults
    /// are `skew = 2`, `kurtosis = 3.5`, `max_points = 5` ([`OutlierRule::coinr_default`]).
    Coinr {
        /// Absolute skewness threshold (`COINr`: 2).
        skew: f64,
        /// Kurtosis threshold (`COINr`: 3.5), on `COINr`'s excess-kurtosis scale (0 for a normal law).
        kurtosis: f64,
        /// Maximum number of points to winsorise (`COINr`: 5).
        max_points: usize,
    },
}

/// What was done to one column.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Treatment {
    /// Method applied: `none`, `winsorised`, `log`.
    pub method: String,
    /// Rows winsorised (positions in the column), ascending; empty unless `method` is `winsorised`.
    pub winsorised_rows: Vec<usize>,
    /// Skewness before and after (`COINr`'s estimator, `scipy.stats.skew(bias=False)`).
    pub skew: (Option<f64>, Option<f64>),
    /// Kurtosis before and after (`COINr`'s excess kurtosis, `scipy.stats.kurtosis(bias=False)`).
    pub kurtosis: (Option<f64>, Option<f64>),
    /// Number of points winsorisation moved before it passed or stopped (`COINr`'s `nwin`); also set
    /// when winsorisation failed and the log transform was used instead.
    pub points_tried: usize,
    /// Whether the returned column meets the thresholds (`None`: skewness and kurtosis undefined, i.e.
    /// fewer than four values or a constant column).
    pub passes: Option<bool>,
}

impl OutlierRule {
    /// `COINr`'s default rule: `Coinr { skew: 2.0, kurtosis: 3.5, max_points: 5 }`.
    ///
    /// # Example
    /// ```
    /// use govgap::pipeline::OutlierRule;
    /// assert_eq!(OutlierRule::coinr_default(), OutlierRule::Coinr { skew: 2.0, kurtosis: 3.5, max_points: 5 });
    /// ```
    #[must_use]
    pub fn coinr_default() -> Self {
        Self::Coinr {
            skew: 2.0,
            kurtosis: 3.5,
            max_points: 5,
        }
    }

    /// Treats one column (missing values stay missing and are ignored by the statistics).
    ///
    /// `COINr`'s procedure (`Treat.numeric` with `f1 = "winsorise"`, `f2 = "log_CT"`,
    /// `f_pass = "check_SkewKurt"`, `combine_treat = FALSE`):
    ///
    /// ```text
    /// pass(x)  = |G1(x)| < skew  or  G2(x) < kurtosis          G1, G2: see stats::skew, stats::kurtosis
    /// 1. pass(x)                        → x unchanged                                   ("none")
    /// 2. repeat while !pass(x) and nwin < max_points:
    ///      if G1(x) ≥ 0: every point equal to max(x) ← the largest value below it
    ///      else:         every point equal to min(x) ← the smallest value above it
    ///      nwin = #points at the last high step + #points at the last low step
    ///    pass(x_w)                      → x_w                                          ("winsorised")
    /// 3. otherwise, on the ORIGINAL x:  x' = ln(x - min(x) + 0.01 (max(x) - min(x)))   ("log")
    /// ```
    ///
    /// Because a winsorised point ties with the next value, each high (or low) step moves all points
    /// winsorised so far plus the next one, so `nwin` counts the points moved (ties in the data count
    /// as several points, and the limit can be overshot by a tie, as in `COINr`). The log result is
    /// returned whether or not it passes ([`Treatment::passes`] says). Where skewness or kurtosis is
    /// undefined (fewer than four values, or a constant column), the column is returned untreated, as
    /// `COINr` does when its check returns `NA`; if winsorising would make the column constant, the
    /// winsorisation counts as failed and the log transform is used (`COINr` stops with an error there).
    ///
    /// Reference: `COINr` `Treat()`, `winsorise()`, `log_CT()`, `check_SkewKurt()` (R/treat.R,
    /// bluefoxr/`COINr`); OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, Step 4;
    /// the JRC COIN audit practice of treating indicators with |skew| > 2 and kurtosis > 3.5.
    ///
    /// # Errors
    /// [`Error::Settings`] when `skew` is negative or not finite, or `kurtosis` is not finite.
    ///
    /// # Example
    /// ```
    /// use govgap::pipeline::OutlierRule;
    /// // COINr's own test: x <- c(1:10, 100); the 100 is winsorised to 10
    /// let x: Vec<Option<f64>> = (1..=10).map(|v| Some(f64::from(v))).chain([Some(100.0)]).collect();
    /// let (y, t) = OutlierRule::coinr_default().apply(&x)?;
    /// assert_eq!(y[10], Some(10.0));
    /// assert_eq!((t.method.as_str(), t.winsorised_rows.clone()), ("winsorised", vec![10]));
    /// // scipy.stats.skew([1..10, 100], bias=False) = 3.2556381840605098
    /// assert!((t.skew.0.unwrap_or(0.0) - 3.255_638_184_060_509_8).abs() < 1e-12);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn apply(&self, x: &[Option<f64>]) -> Result<(Vec<Option<f64>>, Treatment)> {
        match *self {
            Self::None => Ok((
                x.to_vec(),
                Treatment {
                    method: "none".into(),
                    ..Treatment::default()
                },
            )),
            Self::Coinr {
                skew,
                kurtosis,
                max_points,
            } => {
                if !(skew.is_finite() && skew >= 0.0 && kurtosis.is_finite()) {
                    return Err(Error::Settings(format!(
                        "COINr outlier rule: skew threshold {skew} must be finite and >= 0 and kurtosis threshold \
                         {kurtosis} finite (COINr uses 2 and 3.5)"
                    )));
                }
                Ok(coinr::treat(x, &coinr::Thresholds { skew, kurtosis }, max_points))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(v: &[f64]) -> Vec<Option<f64>> {
        v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect()
    }

    fn seq(from: i32, to: i32) -> Vec<f64> {
        (from..=to).map(f64::from).collect()
    }

    fn close(got: Option<f64>, want: Option<f64>, what: &str) {
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: got {g}, want {w}"),
            (g, w) => assert_eq!(g, w, "{what}"),
        }
    }

    /// Expected outcome: method, rows winsorised, points tried, (skew, kurtosis) before and after,
    /// passes, and some (row, value) pairs of the treated column.
    struct Want<'a> {
        method: &'a str,
        rows: Vec<usize>,
        points: usize,
        before: (Option<f64>, Option<f64>),
        after: (Option<f64>, Option<f64>),
        passes: Option<bool>,
        values: Vec<(usize, Option<f64>)>,
    }

    fn check(rule: &OutlierRule, x: &[Option<f64>], want: &Want<'_>) {
        let result = rule.apply(x);
        assert!(result.is_ok(), "{result:?}");
        let Ok((y, t)) = result else { return };
        assert_eq!(y.len(), x.len());
        assert_eq!(t.method, want.method);
        assert_eq!(t.winsorised_rows, want.rows);
        assert_eq!(t.points_tried, want.points);
        assert_eq!(t.passes, want.passes);
        close(t.skew.0, want.before.0, "skew before");
        close(t.kurtosis.0, want.before.1, "kurtosis before");
        close(t.skew.1, want.after.0, "skew after");
        close(t.kurtosis.1, want.after.1, "kurtosis after");
        for &(r, v) in &want.values {
            close(y[r], v, &format!("row {r}"));
        }
        // rows not winsorised keep their value under winsorisation; missing stays missing
        for (r, (a, b)) in x.iter().zip(&y).enumerate() {
            assert_eq!(a.is_none(), b.is_none(), "row {r} missingness");
            if t.method != "log" && !t.winsorised_rows.contains(&r) {
                assert_eq!(a, b, "row {r} changed");
            }
        }
    }

    // Skewness and kurtosis below are scipy.stats.skew(v, bias=False) and scipy.stats.kurtosis(v,
    // bias=False) of the vectors written out by hand at each step; log values are
    // numpy.log(x - x.min() + 0.01 * (x.max() - x.min())).

    #[test]
    fn one_point_winsorised_coinr_test_vector() {
        // COINr tests/testthat/test-treat.R: x <- c(1:10, 100); expect lt$x[x == 100] == 10.
        // before [1..10, 100]: skew 3.2556381840605098, kurt 10.706673906421974 (fails)
        // after  [1..10, 10]:  skew -0.12762165967608588, kurt -1.3366772177582988 (passes)
        let mut x = seq(1, 10);
        x.push(100.0);
        check(
            &OutlierRule::coinr_default(),
            &col(&x),
            &Want {
                method: "winsorised",
                rows: vec![10],
                points: 1,
                before: (Some(3.255_638_184_060_509_8), Some(10.706_673_906_421_974)),
                after: (Some(-0.127_621_659_676_085_88), Some(-1.336_677_217_758_298_8)),
                passes: Some(true),
                values: vec![(10, Some(10.0))],
            },
        );
        // mirrored: negative skew, the lowest point goes up to the next lowest (-100 → -10)
        let neg: Vec<f64> = x.iter().map(|v| -v).collect();
        check(
            &OutlierRule::coinr_default(),
            &col(&neg),
            &Want {
                method: "winsorised",
                rows: vec![10],
                points: 1,
                before: (Some(-3.255_638_184_060_509_8), Some(10.706_673_906_421_974)),
                after: (Some(0.127_621_659_676_085_88), Some(-1.336_677_217_758_298_8)),
                passes: Some(true),
                values: vec![(10, Some(-10.0))],
            },
        );
    }

    #[test]
    fn hand_worked_winsorisation_stops_when_it_passes() {
        // COINr's winsorise() example: x <- c(1:10, 30, 100), with missing cells added.
        // step 0: [1..10, 30, 100] skew 3.0632410342394993 kurt 9.741390834569144 → fail, skew ≥ 0
        // step 1: 100 → 30 (next largest); [1..10, 30, 30] skew 1.7120380600890506 < 2 → pass
        let mut x = vec![f64::NAN];
        x.extend(seq(1, 10));
        x.extend([30.0, f64::NAN, 100.0]);
        check(
            &OutlierRule::coinr_default(),
            &col(&x),
            &Want {
                method: "winsorised",
                rows: vec![13],
                points: 1,
                before: (Some(3.063_241_034_239_499_3), Some(9.741_390_834_569_144)),
                after: (Some(1.712_038_060_089_050_6), Some(1.815_780_537_724_203_1)),
                passes: Some(true),
                values: vec![(0, None), (11, Some(30.0)), (12, None), (13, Some(30.0))],
            },
        );
    }

    #[test]
    fn tied_points_move_together() {
        // x = [1..20, 100, 200]
        // step 0: skew 3.585570448860672, kurt 13.339023261904053 → fail
        // step 1: 200 → 100: [1..20, 100, 100] skew 2.816999617055154, kurt 7.133542196518292 → fail, nwin 1
        // step 2: both 100s → 20: [1..20, 20, 20] skew -0.09449573196380318, kurt -1.2937726367728537 → pass, nwin 2
        let mut x = seq(1, 20);
        x.extend([100.0, 200.0]);
        check(
            &OutlierRule::coinr_default(),
            &col(&x),
            &Want {
                method: "winsorised",
                rows: vec![20, 21],
                points: 2,
                before: (Some(3.585_570_448_860_672), Some(13.339_023_261_904_053)),
                after: (Some(-0.094_495_731_963_803_18), Some(-1.293_772_636_772_853_7)),
                passes: Some(true),
                values: vec![(20, Some(20.0)), (21, Some(20.0))],
            },
        );
    }

    #[test]
    fn log_when_max_points_are_not_enough() {
        // COINr test-treat.R: x <- c(1:20, 100, 200) with winmax = 1 does not pass, so f2 is used on the
        // original x. log_CT: ln(x - 1 + 0.01 * 199)
        // → [0.688134638736401 (x=1), ..., 3.0440461338325417 (20), 4.6150215020384655 (100), 5.30325515557766 (200)]
        // after: skew 0.969498407383866, kurt 2.2459956644019154 → passes
        let mut x = seq(1, 20);
        x.extend([100.0, 200.0]);
        check(
            &OutlierRule::Coinr {
                skew: 2.0,
                kurtosis: 3.5,
                max_points: 1,
            },
            &col(&x),
            &Want {
                method: "log",
                rows: vec![],
                points: 1,
                before: (Some(3.585_570_448_860_672), Some(13.339_023_261_904_053)),
                after: (Some(0.969_498_407_383_866), Some(2.245_995_664_401_915_4)),
                passes: Some(true),
                values: vec![
                    (0, Some(0.688_134_638_736_401)),
                    (19, Some(3.044_046_133_832_541_7)),
                    (20, Some(4.615_021_502_038_465_5)),
                    (21, Some(5.303_255_155_577_66)),
                ],
            },
        );
    }

    #[test]
    fn log_under_default_rule_after_five_points() {
        // x = [1..50, 1000, 1100, 1200, 1300, 1400, 1500]: six high points
        // steps (skew, kurt): 0 (2.7090, 5.7782); 1 1500→1400 (2.6849, 5.5846); 2 →1300 (2.6545, 5.3516);
        // 3 →1200 (2.6274, 5.1503); 4 →1100 (2.6088, 5.0162); 5 →1000 (2.6006, 4.9617): still failing
        // log_CT on the original: ln(x - 1 + 14.99) → 2.7073833121145063 (x=1), 4.158726821151369 (50),
        // 6.921648322169561 (1000), 7.322503828955766 (1500); after: skew 2.0650837452517274,
        // kurt 3.4762480908417857 (< 3.5: passes)
        let mut x = seq(1, 50);
        x.extend([1000.0, 1100.0, 1200.0, 1300.0, 1400.0, 1500.0]);
        check(
            &OutlierRule::coinr_default(),
            &col(&x),
            &Want {
                method: "log",
                rows: vec![],
                points: 5,
                before: (Some(2.708_989_673_429_864_6), Some(5.778_186_029_716_769)),
                after: (Some(2.065_083_745_251_727_4), Some(3.476_248_090_841_785_7)),
                passes: Some(true),
                values: vec![
                    (0, Some(2.707_383_312_114_506_3)),
                    (49, Some(4.158_726_821_151_369)),
                    (50, Some(6.921_648_322_169_561)),
                    (55, Some(7.322_503_828_955_766)),
                ],
            },
        );
    }

    #[test]
    fn columns_that_pass_or_are_degenerate_are_untouched() {
        let rule = OutlierRule::coinr_default();
        // [1, 2, 3]: skew 0 (< 2) passes although kurtosis is undefined, as in R: TRUE | NA = TRUE
        let x = col(&[1.0, 2.0, 3.0]);
        check(
            &rule,
            &x,
            &Want {
                method: "none",
                rows: vec![],
                points: 0,
                before: (Some(0.0), None),
                after: (Some(0.0), None),
                passes: Some(true),
                values: vec![],
            },
        );
        // constant, all missing, empty: undefined → untreated
        for x in [col(&[4.0; 6]), vec![None; 5], vec![]] {
            check(
                &rule,
                &x,
                &Want {
                    method: "none",
                    rows: vec![],
                    points: 0,
                    before: (None, None),
                    after: (None, None),
                    passes: None,
                    values: vec![],
                },
            );
        }
        // OutlierRule::None reports nothing
        let (y, t) = OutlierRule::None.apply(&x).unwrap_or_default();
        assert_eq!((y, t.method.as_str()), (x, "none"));
    }

    #[test]
    fn winsorising_to_a_constant_falls_back_to_log() {
        // [1 × 9, 100]: skew 3.1622776601683795, kurt 10.000000000000004; winsorising 100 → 1 makes the
        // column constant (check undefined), so the log transform is used: ln(x - 1 + 0.99) →
        // -0.01005033585350145 and 4.605070180987758; a two-valued column keeps its skew and kurtosis
        // (3.16227766016838, 9.999999999999998), so it still fails
        let mut x = vec![1.0; 9];
        x.push(100.0);
        check(
            &OutlierRule::coinr_default(),
            &col(&x),
            &Want {
                method: "log",
                rows: vec![],
                points: 1,
                before: (Some(3.162_277_660_168_379_5), Some(10.000_000_000_000_004)),
                after: (Some(3.162_277_660_168_38), Some(9.999_999_999_999_998)),
                passes: Some(false),
                values: vec![(0, Some(-0.010_050_335_853_501_45)), (9, Some(4.605_070_180_987_758))],
            },
        );
    }

    #[test]
    fn bad_thresholds_are_settings_errors() {
        let x = col(&[1.0, 2.0, 3.0, 4.0]);
        for rule in [
            OutlierRule::Coinr {
                skew: f64::NAN,
                kurtosis: 3.5,
                max_points: 5,
            },
            OutlierRule::Coinr {
                skew: -1.0,
                kurtosis: 3.5,
                max_points: 5,
            },
            OutlierRule::Coinr {
                skew: 2.0,
                kurtosis: f64::INFINITY,
                max_points: 5,
            },
        ] {
            assert!(matches!(rule.apply(&x), Err(Error::Settings(_))), "{rule:?}");
        }
        // max_points = 0: no winsorisation at all, straight to the log transform
        let mut v = seq(1, 10);
        v.push(100.0);
        let t = OutlierRule::Coinr {
            skew: 2.0,
            kurtosis: 3.5,
            max_points: 0,
        }
        .apply(&col(&v))
        .map(|r| r.1.method);
        assert_eq!(t.ok().as_deref(), Some("log"));
    }
}
