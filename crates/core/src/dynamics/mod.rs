//! How the gaps move over time: σ- and β-convergence, kernel densities by year, Markov chains of
//! quantile classes.
//!
//! | file | concept |
//! | --- | --- |
//! | `sigma.rs` | [`sigma_convergence`]: dispersion per year and its trend |
//! | `beta.rs` | [`beta_convergence`]: absolute β-convergence, speed and half-life |
//! | `kde.rs` | [`kernel_density_by_year`], [`silverman_bandwidth`] |
//! | `markov.rs` | [`markov_quantile`]: transition matrix of pooled quantile classes |
//! | `ols.rs` | [`simple_ols`]: one-regressor OLS with t inference |
//! | `distribution.rs` | [`student_t_two_sided_p`], [`normal_cdf`], [`regularized_incomplete_beta`], [`ln_gamma`] |
//!
//! Panels are plain slices: `years: &[i32]` and `panel[k]` the cross-section of `years[k]`
//! (anything that is `AsRef<[f64]>`). Results are sorted by year.

mod beta;
mod distribution;
mod kde;
mod markov;
mod ols;
mod sigma;

pub use beta::{BetaConvergence, beta_convergence};
pub use distribution::{ln_gamma, normal_cdf, regularized_incomplete_beta, student_t_two_sided_p};
pub use kde::{KdeByYear, KdeCurve, kernel_density_by_year, silverman_bandwidth};
pub use markov::{MarkovChain, markov_quantile};
pub use ols::{SimpleOls, simple_ols};
pub use sigma::{SigmaConvergence, SigmaYear, sigma_convergence};

#[cfg(test)]
mod tests {
    //! Reference values from `crates/core/tests/reference/dynamics_reference.py` (scipy 1.17.1,
    //! statsmodels 0.15.0, numpy, `PySAL` inequality and giddy), tolerance 1e-9 relative.
    use super::*;
    use crate::Error;

    const PANEL: [[f64; 13]; 5] = [
        [
            62.4, 49.36, 37.06, 41.41, 28.66, 32.06, 38.48, 28.59, 45.78, 31.82, 24.58, 35.3, 22.1,
        ],
        [
            64.91, 50.91, 37.7, 41.71, 30.15, 34.59, 41.25, 31.02, 46.25, 32.1, 25.55, 37.47, 25.36,
        ],
        [
            66.28, 51.24, 38.22, 43.12, 33.06, 37.57, 43.15, 32.22, 46.18, 33.23, 28.0, 40.43, 28.2,
        ],
        [
            66.43, 51.42, 39.89, 45.93, 36.48, 39.71, 43.75, 33.0, 46.91, 35.83, 31.31, 42.88, 29.82,
        ],
        [
            66.41, 52.7, 42.97, 49.18, 39.11, 40.57, 43.82, 34.68, 49.06, 39.28, 34.16, 44.03, 30.72,
        ],
    ];
    const YEARS: [i32; 5] = [2019, 2020, 2021, 2022, 2023];

    fn check(name: &str, got: f64, expected: f64) {
        let tol = 1e-9 * expected.abs().max(1e-300);
        assert!(
            (got - expected).abs() <= tol,
            "{name}: got {got:.17e}, expected {expected:.17e}"
        );
    }

    #[test]
    fn distributions_match_scipy() {
        let t_cases = [
            (0.5, 3.0, 0.651_447_964_848_151),
            (2.0, 11.0, 0.070_803_955_068_034_58),
            (4.5, 11.0, 0.000_901_209_009_873_786_9),
            (12.0, 5.0, 7.089_492_517_161_522e-5),
            (0.01, 100.0, 0.992_041_210_234_428_5),
            (-3.3, 20.0, 0.003_576_382_719_696_241_3),
            (25.0, 11.0, 4.822_083_546_748_886e-11),
        ];
        for (t, df, p) in t_cases {
            check("t p", student_t_two_sided_p(t, df).unwrap(), p);
        }
        let z_cases = [
            (-8.0, 6.220_960_574_271_74e-16),
            (-3.0, 0.001_349_898_031_630_093_3),
            (-1.0, 0.158_655_253_931_457_07),
            (-0.1, 0.460_172_162_722_971),
            (0.0, 0.5),
            (0.3, 0.617_911_422_188_952_6),
            (1.5, 0.933_192_798_731_141_9),
            (2.5, 0.993_790_334_674_223_8),
            (6.0, 0.999_999_999_013_412_3),
            (-37.0, 5.725_571_222_523_926_6e-300),
        ];
        for (z, p) in z_cases {
            check("Φ", normal_cdf(z), p);
        }
        check(
            "betainc",
            regularized_incomplete_beta(0.37, 2.5, 0.5).unwrap(),
            0.033_098_514_124_091_157,
        );
        check(
            "betainc",
            regularized_incomplete_beta(0.9, 0.5, 7.5).unwrap(),
            0.999_999_993_289_710_3,
        );
        check("lgamma", ln_gamma(0.3).unwrap(), 1.095_797_994_818_075_6);
        check("lgamma", ln_gamma(171.5).unwrap(), 709.143_163_030_928_3);
        assert!(matches!(student_t_two_sided_p(1.0, 0.0), Err(Error::Domain(_))));
    }

    #[test]
    fn beta_convergence_matches_linregress() {
        let b = beta_convergence(&PANEL[0], &PANEL[4], 4.0).unwrap();
        check("beta", b.beta, -0.076_145_727_949_154_72);
        check("se", b.beta_se, 0.009_650_037_506_876_322);
        check("t", b.t.unwrap(), -7.890_718_341_239_153);
        check("p", b.p_value.unwrap(), 7.443_072_084_116_824e-6);
        check("r2", b.r_squared.unwrap(), 0.849_856_891_657_479_9);
        check("alpha", b.regression.intercept, 0.319_053_851_460_339_6);
        check("alpha se", b.regression.intercept_se, 0.034_502_735_682_656);
        check("lambda", b.speed.unwrap(), 0.090_810_871_627_536_69);
        check("half-life", b.half_life.unwrap(), 7.632_865_626_517_799);
        assert!(matches!(
            beta_convergence(&[1.0, 0.0, 2.0], &[1.0, 1.0, 1.0], 1.0),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            beta_convergence(&PANEL[0], &PANEL[4], 0.0),
            Err(Error::Settings(_))
        ));
        // divergence: no half-life
        let d = beta_convergence(&[1.0, 2.0, 4.0], &[1.0, 3.0, 9.0], 1.0).unwrap();
        assert!(d.beta > 0.0 && d.half_life.is_none());
    }

    #[test]
    fn sigma_convergence_matches_numpy_and_pysal() {
        // pass the years shuffled: output comes sorted
        let order = [3, 0, 4, 1, 2];
        let years: Vec<i32> = order.iter().map(|&k| YEARS[k]).collect();
        let panel: Vec<&[f64]> = order.iter().map(|&k| &PANEL[k][..]).collect();
        let s = sigma_convergence(&years, &panel).unwrap();
        assert_eq!(s.years.iter().map(|y| y.year).collect::<Vec<_>>(), YEARS.to_vec());
        let cv = [
            0.289_094_972_527_668_97,
            0.275_463_653_718_054_76,
            0.251_650_563_781_831_15,
            0.225_053_422_595_843_2,
            0.205_898_710_907_995_3,
        ];
        let sdl = [
            0.277_076_731_352_408_1,
            0.258_952_234_575_227_54,
            0.234_032_927_458_128_54,
            0.210_495_309_499_046_74,
            0.195_921_780_398_958_05,
        ];
        let gi = [
            0.158_172_271_614_482_7,
            0.148_607_670_262_278_64,
            0.133_978_173_870_667_57,
            0.120_011_099_030_533_64,
            0.110_612_639_932_021_13,
        ];
        for (k, y) in s.years.iter().enumerate() {
            check("cv", y.cv, cv[k]);
            check("sd log", y.sd_log, sdl[k]);
            check("gini", y.gini, gi[k]);
        }
        let cv_t = s.cv_trend.unwrap();
        check("cv slope", cv_t.slope, -0.021_680_275_436_155_888);
        check("cv p", cv_t.p_value.unwrap(), 0.000_390_960_604_305_346_5);
        check("sdl slope", s.sd_log_trend.unwrap().slope, -0.021_076_682_698_308_095);
        check(
            "sdl p",
            s.sd_log_trend.unwrap().p_value.unwrap(),
            0.000_233_414_286_708_992_52,
        );
        check("gini slope", s.gini_trend.unwrap().slope, -0.012_371_583_459_666_814);
        check(
            "gini p",
            s.gini_trend.unwrap().p_value.unwrap(),
            0.000_202_726_377_475_987_42,
        );
        assert!(matches!(
            sigma_convergence(&[2019, 2019], &[&PANEL[0][..], &PANEL[1][..]]),
            Err(Error::Domain(_))
        ));
        let two = sigma_convergence(&[2019, 2020], &[&PANEL[0][..], &PANEL[1][..]]).unwrap();
        assert!(two.cv_trend.is_none());
    }

    #[test]
    fn kernel_density_matches_numpy_and_scipy() {
        let k = kernel_density_by_year(&YEARS, &PANEL, 9).unwrap();
        let hs = [
            5.126_951_692_043_794,
            4.298_597_144_152_799,
            4.057_328_829_233_088_5,
            4.061_349_967_815_086,
            4.001_032_889_085_159,
        ];
        for (c, h) in k.curves.iter().zip(hs) {
            check("bandwidth", c.bandwidth, h);
        }
        let grid = [
            6.719_144_923_868_619,
            16.105_608_692_901_466,
            25.492_072_461_934_313,
            34.878_536_230_967_16,
            44.265_000_000_000_01,
            53.651_463_769_032_85,
            63.037_927_538_065_7,
            72.424_391_307_098_55,
            81.810_855_076_131_39,
        ];
        let dens = [
            8.172_213_232_697_07e-5,
            0.005_265_191_564_048_975,
            0.027_784_711_683_370_97,
            0.036_413_414_111_892_59,
            0.021_999_673_945_206_105,
            0.007_918_816_988_006_484,
            0.006_131_517_972_904_966,
            0.000_885_296_734_462_559_4,
            4.618_437_880_522_159e-6,
        ];
        for j in 0..9 {
            check("grid", k.grid[j], grid[j]);
            check("density", k.curves[0].density[j], dens[j]);
        }
        assert!(matches!(
            silverman_bandwidth(&[3.0, 3.0, 3.0]),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(
            kernel_density_by_year(&YEARS, &PANEL, 1),
            Err(Error::Settings(_))
        ));
    }

    #[test]
    fn markov_matches_giddy() {
        let m = markov_quantile(&PANEL, 4).unwrap();
        for (c, e) in m.cutoffs.iter().zip([32.22, 39.11, 45.78]) {
            check("cutoff", *c, e);
        }
        assert_eq!(
            m.counts,
            vec![vec![11, 5, 0, 0], vec![0, 8, 5, 0], vec![0, 0, 9, 2], vec![0, 0, 0, 12]]
        );
        check("p00", m.probabilities[0][0], 0.6875);
        check("p12", m.probabilities[1][2], 0.384_615_384_615_384_64);
        check("p23", m.probabilities[2][3], 0.181_818_181_818_181_82);
        let e = m.ergodic.unwrap();
        assert!(e[..3].iter().all(|x| x.abs() < 1e-12) && (e[3] - 1.0).abs() < 1e-12);
        assert_eq!(m.n_transitions, 52);
    }

    #[test]
    fn markov_ergodic_two_state_by_hand() {
        // classes by the pooled median 2.5: L L H H → H L H L → H H L L, so each of the four
        // moves (L→L, L→H, H→L, H→H) happens twice
        let panel = [
            vec![1.0, 2.0, 3.0, 4.0],
            vec![3.0, 1.0, 4.0, 2.0],
            vec![4.0, 3.0, 1.0, 2.0],
        ];
        let m = markov_quantile(&panel, 2).unwrap();
        assert_eq!(m.cutoffs, vec![2.5]);
        assert_eq!(m.counts, vec![vec![2, 2], vec![2, 2]]);
        // P = [[½, ½], [½, ½]]: π = (½, ½)
        let e = m.ergodic.unwrap();
        assert!((e[0] - 0.5).abs() < 1e-15 && (e[1] - 0.5).abs() < 1e-15);
        // π_0 = b / (1 − a + b) for P = [[a, 1 − a], [b, 1 − b]]
        let p = vec![vec![0.9, 0.1], vec![0.3, 0.7]];
        let pi = markov::stationary(&p).unwrap();
        assert!((pi[0] - 0.3 / 0.4).abs() < 1e-15);
        assert!(matches!(markov_quantile(&panel, 1), Err(Error::Settings(_))));
    }
}
