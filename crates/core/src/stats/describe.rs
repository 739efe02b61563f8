//! A column's descriptive statistics and the flags a reader should look at (`COINr`'s `get_stats`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::moments::{kurtosis, mean, median, present, sd, skew};

/// Something worth checking about a column or a framework node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Flag {
    /// Share of present values below the availability threshold (`COINr` `Flag.Avail = "LOW"`).
    LowAvailability,
    /// Share of non-zero values (among present ones) below the threshold (`COINr` `Flag.NonZero`).
    ManyZeros,
    /// Share of distinct values (among present ones) below the threshold (`COINr` `Flag.Unique`).
    FewUnique,
    /// |skew| and kurtosis both above their thresholds: possible outliers (`COINr` `Flag.SkewKurt = "OUT"`).
    HighSkew,
    /// Pearson correlation with a sibling above the collinearity threshold (`COINr` `get_corr_flags`).
    Collinear,
    /// Pearson correlation with a sibling below the negative-correlation threshold.
    NegativeWithSibling,
}

impl Flag {
    /// A short English label, e.g. `high skew`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(govgap::stats::Flag::HighSkew.label(), "high skew");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::LowAvailability => "low availability",
            Self::ManyZeros => "many zeros",
            Self::FewUnique => "few unique values",
            Self::HighSkew => "high skew",
            Self::Collinear => "collinear",
            Self::NegativeWithSibling => "negative with sibling",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Thresholds of the flags. `FlagThresholds::default()` is `COINr`'s (`get_stats`: `t_skew = 2`,
/// `t_kurt = 3.5`, `t_avail = 0.65`, `t_zero = 0.5`, `t_unq = 0.5`; `get_corr_flags`:
/// `cor_thresh = 0.9`). The negative-correlation threshold -0.4 is govgap's own choice: `COINr`'s
/// `get_corr_flags(thresh_type = "low")` has no default for it; set it to what your audit uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlagThresholds {
    /// |skew| above this (and kurtosis above `kurtosis`) flags [`Flag::HighSkew`].
    pub skew: f64,
    /// Kurtosis above this (and |skew| above `skew`) flags [`Flag::HighSkew`].
    pub kurtosis: f64,
    /// Share of present values (0..=1) below this flags [`Flag::LowAvailability`].
    pub availability_share: f64,
    /// Share of non-zero values among present ones below this flags [`Flag::ManyZeros`].
    pub non_zero_share: f64,
    /// Share of distinct values among present ones below this flags [`Flag::FewUnique`].
    pub unique_share: f64,
    /// Pearson correlation with a sibling above this flags [`Flag::Collinear`].
    pub collinear: f64,
    /// Pearson correlation with a sibling below this flags [`Flag::NegativeWithSibling`].
    pub negative: f64,
}

impl Default for FlagThresholds {
    fn default() -> Self {
        Self {
            skew: 2.0,
            kurtosis: 3.5,
            availability_share: 0.65,
            non_zero_share: 0.5,
            unique_share: 0.5,
            collinear: 0.9,
            negative: -0.4,
        }
    }
}

/// Descriptive statistics of one column. Statistics that are undefined for the column (too few
/// values, zero variance) are `None`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Description {
    /// Number of present values.
    pub n: usize,
    /// Number of missing values.
    pub missing: usize,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Standard deviation (n - 1).
    pub sd: Option<f64>,
    /// Skewness, `COINr`'s (= `scipy.stats.skew(bias=False)`), needs 3 values.
    pub skew: Option<f64>,
    /// Excess kurtosis, `COINr`'s (= `scipy.stats.kurtosis(bias=False)`), needs 4 values.
    pub kurtosis: Option<f64>,
    /// Flags raised, sorted.
    pub flags: Vec<Flag>,
}

/// [`describe_with`] under `COINr`'s default thresholds.
///
/// # Errors
/// None: an empty or all-missing column gives `None` statistics.
///
/// # Example
/// ```
/// let d = govgap::stats::describe(&[Some(2.0), None, Some(4.0), Some(9.0)]);
/// assert_eq!((d.n, d.missing, d.median), (3, 1, Some(4.0)));
/// ```
#[must_use]
pub fn describe(x: &[Option<f64>]) -> Description {
    describe_with(x, &FlagThresholds::default())
}

/// Descriptive statistics of a column, with flags (`COINr`'s `get_stats`).
///
/// Estimators: sd with denominator n - 1; skewness and kurtosis are `COINr`'s (e1071 `type = 2`,
/// identical to `scipy.stats.skew(x, bias=False)` and `scipy.stats.kurtosis(x, bias=False)`), see
/// [`skew`](crate::stats::skew) and [`kurtosis`](crate::stats::kurtosis).
///
/// ```text
/// LowAvailability  n / (n + missing)          < availability_share
/// ManyZeros        #{x ≠ 0} / n               < non_zero_share
/// FewUnique        #distinct(x) / n           < unique_share
/// HighSkew         |skew| > skew  and  kurtosis > kurtosis
/// ```
///
/// The zero and distinct-value shares are taken over present values (`COINr`'s `Frc.NonZero` and
/// `Frc.Unique` columns; its flags divide by all rows instead, which mixes missingness into them).
/// Neither is flagged for a column without present values; an empty column raises no flag.
///
/// Reference: `COINr` `get_stats()` (Becker, W. et al. (2022), "`COINr`: An R package for developing
/// composite indicators", *Journal of Open Source Software* 7(78), 4567).
///
/// # Errors
/// None: undefined statistics are `None`.
///
/// # Example
/// ```
/// use govgap::stats::{describe_with, Flag, FlagThresholds};
/// let x: Vec<Option<f64>> = (1..=10).map(|v| Some(f64::from(v))).chain([Some(100.0)]).collect();
/// let d = describe_with(&x, &FlagThresholds::default());
/// // scipy.stats.skew([1..10, 100], bias=False) = 3.2556381840605098
/// assert!((d.skew.unwrap() - 3.255_638_184_060_509_8).abs() < 1e-12);
/// assert_eq!(d.flags, vec![Flag::HighSkew]);
/// ```
#[must_use]
pub fn describe_with(x: &[Option<f64>], t: &FlagThresholds) -> Description {
    let v = present(x);
    let n = v.len();
    let missing = x.len() - n;
    let min = v.iter().copied().reduce(f64::min);
    let max = v.iter().copied().reduce(f64::max);
    let (sk, kt) = (skew(&v), kurtosis(&v));
    let mut flags = Vec::new();
    if !x.is_empty() && (n as f64 / x.len() as f64) < t.availability_share {
        flags.push(Flag::LowAvailability);
    }
    if n > 0 {
        let nf = n as f64;
        let non_zero = v.iter().filter(|&&a| a != 0.0).count();
        if (non_zero as f64 / nf) < t.non_zero_share {
            flags.push(Flag::ManyZeros);
        }
        let mut sorted = v.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup_by(|a, b| a.total_cmp(b).is_eq());
        if (sorted.len() as f64 / nf) < t.unique_share {
            flags.push(Flag::FewUnique);
        }
    }
    if let (Some(s), Some(k)) = (sk, kt)
        && s.abs() > t.skew
        && k > t.kurtosis
    {
        flags.push(Flag::HighSkew);
    }
    flags.sort_unstable();
    Description {
        n,
        missing,
        min,
        max,
        mean: mean(&v),
        median: median(&v),
        sd: sd(&v),
        skew: sk,
        kurtosis: kt,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(x: &[Option<f64>], want: &Description) {
        let got = describe(x);
        assert_eq!((got.n, got.missing, &got.flags), (want.n, want.missing, &want.flags));
        let pairs = [
            (got.min, want.min, "min"),
            (got.max, want.max, "max"),
            (got.mean, want.mean, "mean"),
            (got.median, want.median, "median"),
            (got.sd, want.sd, "sd"),
            (got.skew, want.skew, "skew"),
            (got.kurtosis, want.kurtosis, "kurtosis"),
        ];
        for (g, w, what) in pairs {
            match (g, w) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-10, "{what}: got {g}, want {w}"),
                (g, w) => assert_eq!(g, w, "{what}"),
            }
        }
    }

    #[test]
    fn describe_matches_pandas_and_scipy() {
        // s = pd.Series([2, 3.5, 1, 7, None, 4, 12, 5.5, 3])
        // s.count() 8, s.isna().sum() 1, s.min() 1, s.max() 12, s.mean() 4.75, s.median() 3.75,
        // s.std() 3.484660262185848, s.skew() 1.4027867643692096, s.kurt() 2.2056297577854673
        // (pandas' skew/kurt are the same G1/G2 as scipy.stats.skew/kurtosis(bias=False))
        let x = [
            Some(2.0),
            Some(3.5),
            Some(1.0),
            Some(7.0),
            None,
            Some(4.0),
            Some(12.0),
            Some(5.5),
            Some(3.0),
        ];
        let want = Description {
            n: 8,
            missing: 1,
            min: Some(1.0),
            max: Some(12.0),
            mean: Some(4.75),
            median: Some(3.75),
            sd: Some(3.484_660_262_185_848),
            skew: Some(1.402_786_764_369_209_6),
            kurtosis: Some(2.205_629_757_785_466_4),
            flags: vec![],
        };
        check(&x, &want);
    }

    #[test]
    fn flags_follow_coinr_thresholds() {
        // 4 of 10 present (< 0.65), 3 of 4 zero (< 0.5 non-zero), 2 distinct of 4 (not < 0.5)
        let x = [
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(1.0),
            None,
            None,
            None,
            None,
            None,
            None,
        ];
        let d = describe(&x);
        assert_eq!(d.flags, vec![Flag::LowAvailability, Flag::ManyZeros]);
        // 1 distinct value of 4: few unique; zero variance: no skew, no HighSkew
        let d = describe(&[Some(3.0); 4]);
        assert_eq!(d.flags, vec![Flag::FewUnique]);
        assert_eq!((d.skew, d.kurtosis, d.sd), (None, None, Some(0.0)));
        // all missing: only low availability; empty: nothing
        assert_eq!(describe(&[None, None]).flags, vec![Flag::LowAvailability]);
        assert_eq!(describe(&[]), Description::default());
    }
}
