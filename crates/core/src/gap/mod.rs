//! Inequality between regions and where it comes from.
//!
//! Every measure is a pure function on plain slices: the values `&[f64]`, optional population
//! weights `Option<&[f64]>` (one per value; the weighting is stated in the result), and group labels
//! (`&[L]` for any ordered `L`, e.g. `usize` or `&str`) for the decompositions.
//!
//! | file | measures |
//! | --- | --- |
//! | `range.rs` | [`range`], [`max_min_ratio`] |
//! | `sd.rs` | [`standard_deviation`] (divisor `n` or `n − 1`) |
//! | `cv.rs` | [`coefficient_of_variation`] |
//! | `gini.rs` | [`gini`] (`PySAL` `Gini(y).g` when unweighted) |
//! | `lorenz.rs` | [`lorenz_curve`] |
//! | `entropy.rs` | [`generalised_entropy`] GE(α), [`theil_t`] = GE(1), [`theil_l`] = GE(0) |
//! | `atkinson.rs` | [`atkinson`] A(ε) |
//! | `theil_decomposition.rs` | [`theil_decomposition`]: between and within parts of Theil T or L |
//! | `dagum.rs` | [`dagum_decomposition`]: Dagum (1997) within, net between and transvariation |
//! | `summary.rs` | [`ineq_summary`]: Gini, Theil (with its split), CVs in one pass |
//!
//! # Zeros, negatives and degenerate input
//! Negative values are an [`crate::Error::Domain`] for every relative measure (all but the range
//! and the standard deviation). Zeros are valid values where the formula has a limit there (Gini,
//! Theil T with `0·ln 0 = 0`, GE(α > 0), Atkinson ε < 1) and an [`crate::Error::Domain`] where it has
//! not (Theil L, GE(α ≤ 0), Atkinson ε ≥ 1, max/min ratio); results count them in `n_zero`. Fewer
//! than two units or an all-zero vector is an [`crate::Error::Degenerate`]. No measure returns NaN.
//!
//! # Adding a measure
//! One file per measure, a `pub use` line below, and a `check` case in the tests of this file with
//! a reference value from `crates/core/tests/reference/gap_reference.py`.

mod atkinson;
mod common;
mod cv;
mod dagum;
mod entropy;
mod gini;
mod lorenz;
mod range;
mod sd;
mod summary;
mod theil_decomposition;

pub use atkinson::atkinson;
pub use common::{Ddof, Measure, Weighting};
pub use cv::coefficient_of_variation;
pub use dagum::{DagumDecomposition, DagumGroup, DagumPair, dagum_decomposition};
pub use entropy::{generalised_entropy, theil_l, theil_t};
pub use gini::gini;
pub use lorenz::{LorenzPoint, lorenz_curve};
pub use range::{Range, max_min_ratio, range};
pub use sd::{Dispersion, standard_deviation};
pub use summary::{IneqSummary, ineq_summary};
pub use theil_decomposition::{TheilDecomposition, TheilGroup, TheilIndex, theil_decomposition};

#[cfg(test)]
mod tests {
    //! Reference values from `crates/core/tests/reference/gap_reference.py` (`PySAL` `inequality`
    //! 1.1.2 and brute-force formulas), pasted with full precision; tolerance 1e-9 relative.
    use super::*;
    use crate::Error;
    use proptest::prelude::*;

    const V13: [f64; 13] = [
        62.4, 48.1, 35.7, 41.2, 29.8, 33.5, 38.9, 27.6, 44.3, 31.2, 25.4, 36.8, 22.9,
    ];
    const G13: [usize; 13] = [0, 1, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 1];
    const P13: [f64; 13] = [
        10.01, 4.07, 1.50, 0.89, 1.21, 2.78, 0.88, 2.16, 0.62, 2.29, 1.29, 3.76, 0.33,
    ];
    const VZ: [f64; 7] = [0.0, 3.0, 5.0, 0.0, 10.0, 2.0, 7.0];
    const GZ: [usize; 7] = [0, 0, 1, 1, 2, 2, 2];

    /// The family's one data-driven check: `got` equals `expected` to 1e-9 relative.
    fn check(name: &str, got: f64, expected: f64) {
        let tol = 1e-9 * expected.abs().max(1e-12);
        assert!(
            (got - expected).abs() <= tol,
            "{name}: got {got:.17e}, expected {expected:.17e}"
        );
    }

    #[test]
    fn unweighted_measures_match_pysal_and_formulas() {
        let cases: Vec<(&str, f64, f64)> = vec![
            ("gini v13", gini(&V13, None).unwrap().value, 0.151_399_040_473_966_9),
            (
                "theil v13",
                theil_t(&V13, None).unwrap().value,
                0.036_776_474_566_488_42,
            ),
            ("gini vz", gini(&VZ, None).unwrap().value, 0.497_354_497_354_497_3),
            ("theil vz", theil_t(&VZ, None).unwrap().value, 0.478_834_126_111_072),
            (
                "atkinson 0.5",
                atkinson(&V13, None, 0.5).unwrap().value,
                0.018_024_634_443_892_906,
            ),
            (
                "atkinson 1",
                atkinson(&V13, None, 1.0).unwrap().value,
                0.035_290_728_681_974_47,
            ),
            (
                "atkinson 2",
                atkinson(&V13, None, 2.0).unwrap().value,
                0.067_436_904_028_070_23,
            ),
            (
                "ge0",
                generalised_entropy(&V13, None, 0.0).unwrap().value,
                0.035_928_496_280_622_044,
            ),
            ("theil l", theil_l(&V13, None).unwrap().value, 0.035_928_496_280_622_044),
            (
                "ge2",
                generalised_entropy(&V13, None, 2.0).unwrap().value,
                0.038_816_504_275_824_17,
            ),
            (
                "ge0.5",
                generalised_entropy(&V13, None, 0.5).unwrap().value,
                0.036_213_193_308_989_31,
            ),
            (
                "sd pop",
                standard_deviation(&V13, None, Ddof::Population).unwrap().value,
                10.240_614_118_049_411,
            ),
            (
                "sd sample",
                standard_deviation(&V13, None, Ddof::Sample).unwrap().value,
                10.658_769_111_598_158,
            ),
            (
                "cv pop",
                coefficient_of_variation(&V13, None, Ddof::Population).unwrap().value,
                0.278_627_006_141_989,
            ),
            (
                "cv sample",
                coefficient_of_variation(&V13, None, Ddof::Sample).unwrap().value,
                0.290_004_182_609_409_9,
            ),
        ];
        for (name, got, expected) in cases {
            check(name, got, expected);
        }
    }

    #[test]
    fn weighted_measures_match_brute_force() {
        let w = Some(&P13[..]);
        let g = gini(&V13, w).unwrap();
        assert!(matches!(g.weighting, Weighting::Population { total } if (total - 31.79).abs() < 1e-12));
        check("wgini", g.value, 0.170_671_910_854_308_25);
        check("wtheil t", theil_t(&V13, w).unwrap().value, 0.046_779_570_817_862_03);
        check("wtheil l", theil_l(&V13, w).unwrap().value, 0.047_790_479_762_600_174);
        check(
            "wge2",
            generalised_entropy(&V13, w, 2.0).unwrap().value,
            0.046_931_803_697_009_555,
        );
        check(
            "wcv",
            coefficient_of_variation(&V13, w, Ddof::Population).unwrap().value,
            0.306_371_681_775_615_75,
        );
        check(
            "watkinson",
            atkinson(&V13, w, 0.5).unwrap().value,
            0.023_427_332_262_863_31,
        );
    }

    #[test]
    fn theil_decomposition_matches_pysal_theild() {
        let d = theil_decomposition(&V13, &G13, None, TheilIndex::T).unwrap();
        check("T", d.total, 0.036_776_474_566_488_42);
        check("bg", d.between, 0.017_468_871_019_681_965);
        check("wg", d.within, 0.019_307_603_546_806_457);
        let z = theil_decomposition(&VZ, &GZ, None, TheilIndex::T).unwrap();
        check("bg vz", z.between, 0.163_723_509_094_078_85);
        check("wg vz", z.within, 0.315_110_617_016_993_17);
        assert_eq!(z.n_zero, 2);
        let l = theil_decomposition(&V13, &G13, None, TheilIndex::L).unwrap();
        check("L bg", l.between, 0.015_034_025_563_484_484);
        check("L wg", l.within, 0.020_894_470_717_137_5);
        let w = Some(&P13[..]);
        let wt = theil_decomposition(&V13, &G13, w, TheilIndex::T).unwrap();
        check("wT bg", wt.between, 0.036_931_704_285_672_83);
        check("wT wg", wt.within, 0.009_847_866_532_189_149);
        let wl = theil_decomposition(&V13, &G13, w, TheilIndex::L).unwrap();
        check("wL bg", wl.between, 0.035_667_250_146_769_56);
        check("wL wg", wl.within, 0.012_123_229_615_830_717);
        // string labels give the same split, groups sorted by label
        let names: Vec<&str> = G13.iter().map(|g| ["core", "west", "east"][*g]).collect();
        let s = theil_decomposition(&V13, &names, None, TheilIndex::T).unwrap();
        assert_eq!(
            s.groups.iter().map(|g| g.label).collect::<Vec<_>>(),
            vec!["core", "east", "west"]
        );
        check("str bg", s.between, d.between);
    }

    #[test]
    fn dagum_matches_brute_force_from_the_paper() {
        let d = dagum_decomposition(&V13, &G13, None).unwrap();
        check("G", d.gini, 0.151_399_040_473_967_16);
        check("Gw", d.within, 0.045_851_176_868_338_867);
        check("Gnb", d.net_between, 0.066_007_663_328_718_17);
        check("Gt", d.transvariation, 0.039_540_200_276_910_18);
        let gjj = [0.0, 0.148_290_341_931_613_7, 0.092_595_783_789_993_68];
        for (g, e) in d.groups.iter().zip(gjj) {
            assert!((g.gini - e).abs() <= 1e-9 * e, "G_jj {}: {} vs {e}", g.label, g.gini);
        }
        let gjh = [
            0.303_530_394_819_302_2,
            0.274_398_249_452_954_05,
            0.133_670_760_039_827_4,
        ];
        let djh = [1.0, 1.0, 0.237_740_533_829_919_58];
        assert_eq!(
            d.pairs.iter().map(|p| (p.j, p.h)).collect::<Vec<_>>(),
            vec![(0, 1), (0, 2), (1, 2)]
        );
        for ((p, g), dd) in d.pairs.iter().zip(gjh).zip(djh) {
            check("G_jh", p.gini, g);
            check("D_jh", p.relative_affluence, dd);
        }
        let w = dagum_decomposition(&V13, &G13, Some(&P13)).unwrap();
        check("wG", w.gini, 0.170_671_910_854_308_25);
        check("wGw", w.within, 0.020_087_960_099_089_155);
        check("wGnb", w.net_between, 0.140_287_668_827_566_58);
        check("wGt", w.transvariation, 0.010_296_281_927_652_435);
        check("wG_23", w.pairs[2].gini, 0.122_567_531_084_166_4);
        check("wD_23", w.pairs[2].relative_affluence, 0.549_583_674_984_300_2);
        let z = dagum_decomposition(&VZ, &GZ, None).unwrap();
        check("zG", z.gini, 0.497_354_497_354_497_3);
        check("zGw", z.within, 0.126_984_126_984_126_95);
        check("zGnb", z.net_between, 0.296_296_296_296_296_2);
        check("zGt", z.transvariation, 0.074_074_074_074_074_08);
    }

    #[test]
    fn summary_matches_single_measures() {
        let s = ineq_summary(&V13, &G13, 3).unwrap();
        check("gini", s.gini, 0.151_399_040_473_966_9);
        check("theil", s.theil, 0.036_776_474_566_488_42);
        check("bg", s.theil_between, 0.017_468_871_019_681_965);
        check("wg", s.theil_within, 0.019_307_603_546_806_457);
        check("cv pop", s.cv_pop, 0.278_627_006_141_989);
        check("cv sample", s.cv_sample, 0.290_004_182_609_409_9);
        let z = ineq_summary(&VZ, &GZ, 4).unwrap(); // group 3 is empty
        check("gini vz", z.gini, 0.497_354_497_354_497_3);
        check("theil vz", z.theil, 0.478_834_126_111_072);
        check("bg vz", z.theil_between, 0.163_723_509_094_078_85);
        check("wg vz", z.theil_within, 0.315_110_617_016_993_17);
        assert_eq!((z.n, z.n_zero), (7, 2));
        assert!(matches!(ineq_summary(&VZ, &GZ, 2), Err(Error::Domain(_))));
        assert!(matches!(
            ineq_summary(&[0.0, 0.0], &[0, 0], 1),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(ineq_summary(&[1.0], &[0], 1), Err(Error::Degenerate(_))));
        assert!(matches!(ineq_summary(&[1.0, -0.5], &[0, 0], 1), Err(Error::Domain(_))));
        assert_eq!(ineq_summary(&[-0.0, 1.0], &[0, 0], 1).unwrap().gini, 0.5);
    }

    #[test]
    fn zero_and_degenerate_policies() {
        assert!(matches!(theil_l(&VZ, None), Err(Error::Domain(_))));
        assert!(matches!(atkinson(&VZ, None, 1.0), Err(Error::Domain(_))));
        assert!(atkinson(&VZ, None, 0.5).is_ok());
        assert!(matches!(atkinson(&V13, None, -1.0), Err(Error::Settings(_))));
        assert_eq!(atkinson(&V13, None, 0.0).unwrap().value, 0.0);
        assert!(matches!(
            generalised_entropy(&V13, None, f64::NAN),
            Err(Error::Settings(_))
        ));
        assert!(matches!(gini(&[0.0, 0.0, 0.0], None), Err(Error::Degenerate(_))));
        assert!(matches!(
            coefficient_of_variation(&[1.0, -2.0], None, Ddof::Sample),
            Err(Error::Domain(_))
        ));
        assert!(standard_deviation(&[1.0, -2.0], None, Ddof::Sample).is_ok());
        let eq = theil_decomposition(&[2.0, 2.0, 2.0], &[0, 1, 1], None, TheilIndex::T).unwrap();
        assert_eq!((eq.between_share, eq.within_share), (None, None));
        let t = theil_t(&VZ, None).unwrap();
        assert_eq!(t.n_zero, 2);
        assert!(t.value.is_finite());
    }

    #[test]
    fn lorenz_area_is_half_the_gini() {
        for w in [None, Some(&P13[..])] {
            let l = lorenz_curve(&V13, w).unwrap();
            let area: f64 = l
                .windows(2)
                .map(|p| (p[1].population_share - p[0].population_share) * (p[0].value_share + p[1].value_share))
                .sum::<f64>()
                / 2.0;
            check("lorenz", 1.0 - 2.0 * area, gini(&V13, w).unwrap().value);
            assert_eq!(l.last().map(|p| (p.population_share, p.value_share)), Some((1.0, 1.0)));
        }
    }

    fn sample() -> impl Strategy<Value = (Vec<f64>, Vec<usize>, Vec<f64>)> {
        (2usize..40).prop_flat_map(|n| {
            (
                prop::collection::vec(prop_oneof![1 => Just(0.0), 9 => 0.01f64..1000.0], n),
                prop::collection::vec(0usize..4, n),
                prop::collection::vec(0.1f64..10.0, n),
            )
        })
    }

    proptest! {
        #[test]
        fn theil_between_plus_within_is_total((v, g, w) in sample()) {
            prop_assume!(v.iter().any(|&x| x > 0.0));
            for weights in [None, Some(&w[..])] {
                let d = theil_decomposition(&v, &g, weights, TheilIndex::T).unwrap();
                prop_assert!((d.between + d.within - d.total).abs() <= 1e-10 * d.total.max(1.0));
                let gsum: f64 = d.groups.iter().map(|g| g.within_contribution + g.between_contribution).sum();
                prop_assert!((gsum - d.total).abs() <= 1e-10 * d.total.max(1.0));
            }
            if v.iter().all(|&x| x > 0.0) {
                let l = theil_decomposition(&v, &g, Some(&w), TheilIndex::L).unwrap();
                prop_assert!((l.between + l.within - l.total).abs() <= 1e-10 * l.total.max(1.0));
            }
            let s = ineq_summary(&v, &g, 4).unwrap();
            let d = theil_decomposition(&v, &g, None, TheilIndex::T).unwrap();
            prop_assert!((s.theil_between - d.between).abs() <= 1e-12 * d.total.max(1.0));
            prop_assert!((s.gini - gini(&v, None).unwrap().value).abs() <= 1e-12);
        }

        #[test]
        fn dagum_parts_sum_to_gini((v, g, w) in sample()) {
            prop_assume!(v.iter().any(|&x| x > 0.0));
            for weights in [None, Some(&w[..])] {
                let d = dagum_decomposition(&v, &g, weights).unwrap();
                let sum = d.within + d.net_between + d.transvariation;
                prop_assert!((sum - d.gini).abs() <= 1e-10, "{} vs {}", sum, d.gini);
                for p in &d.pairs {
                    prop_assert!((0.0..=1.0).contains(&p.relative_affluence));
                }
            }
        }

        #[test]
        fn weights_of_one_equal_unweighted((v, _g, _w) in sample()) {
            prop_assume!(v.iter().any(|&x| x > 0.0));
            let ones = vec![1.0; v.len()];
            let a = gini(&v, None).unwrap().value;
            let b = gini(&v, Some(&ones)).unwrap().value;
            prop_assert!((a - b).abs() <= 1e-12);
            let a = theil_t(&v, None).unwrap().value;
            let b = theil_t(&v, Some(&ones)).unwrap().value;
            prop_assert!((a - b).abs() <= 1e-12 * a.max(1.0));
        }
    }
}
