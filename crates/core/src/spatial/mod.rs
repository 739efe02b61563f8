//! Spatial structure of the gaps: weights, global and local Moran's I, and the spatial Gini.
//!
//! | file | concept |
//! | --- | --- |
//! | `weights.rs` | [`SpatialWeights`]: row-standardised weights from a neighbour list |
//! | `contiguity.rs` | [`queen_contiguity`]: neighbour lists from polygons |
//! | `permutation.rs` | [`PermutationTest`], [`PermutationResolution`]: esda's pseudo p-value |
//! | `moran.rs` | [`moran`]: global Moran's I |
//! | `local_moran.rs` | [`local_moran`]: LISA with quadrants |
//! | `spatial_gini.rs` | [`spatial_gini`]: Rey & Smith (2013) |
//!
//! Permutation inference is seeded (`ChaCha8` from `rand_chacha`): the same input and seed give
//! bit-identical output. With only 13 prefectures the p-values are coarse; every test reports its
//! [`PermutationResolution`].

mod contiguity;
mod local_moran;
mod moran;
mod permutation;
mod spatial_gini;
mod weights;

pub use contiguity::queen_contiguity;
pub use local_moran::{LocalMoran, LocalMoranUnit, Quadrant, local_moran};
pub use moran::{Moran, moran};
pub use permutation::{PermutationResolution, PermutationTest};
pub use spatial_gini::{SpatialGini, spatial_gini};
pub use weights::SpatialWeights;

#[cfg(test)]
mod tests {
    //! Reference values from `crates/core/tests/reference/spatial_reference.py` (esda 2.9.0,
    //! inequality 1.1.2, libpysal 4.14), tolerance 1e-9 relative.
    use super::*;
    use crate::Error;

    const V13: [f64; 13] = [
        62.4, 48.1, 35.7, 41.2, 29.8, 33.5, 38.9, 27.6, 44.3, 31.2, 25.4, 36.8, 22.9,
    ];
    const Y2: [f64; 13] = [
        50.0, 20.0, 60.0, 55.0, 58.0, 22.0, 45.0, 57.0, 59.0, 61.0, 18.0, 25.0, 15.0,
    ];

    fn heilongjiang() -> SpatialWeights {
        SpatialWeights::from_neighbours(vec![
            vec![6, 7, 8, 9, 11],
            vec![5, 10, 11],
            vec![4, 8, 9],
            vec![6, 7],
            vec![2, 7, 8],
            vec![1, 11],
            vec![0, 3, 7, 10, 11],
            vec![0, 3, 4, 6, 8],
            vec![0, 2, 4, 7, 9],
            vec![0, 2, 8],
            vec![1, 6, 11, 12],
            vec![0, 1, 5, 6, 10],
            vec![10],
        ])
        .unwrap()
    }

    fn check(name: &str, got: f64, expected: f64) {
        let tol = 1e-9 * expected.abs().max(1e-12);
        assert!(
            (got - expected).abs() <= tol,
            "{name}: got {got:.17e}, expected {expected:.17e}"
        );
    }

    #[test]
    fn weights_moments_match_libpysal() {
        let w = heilongjiang();
        assert!(w.is_symmetric());
        check("S0", w.s0(), 12.999_999_999_999_996);
        check("S1", w.s1(), 8.187_777_777_777_779);
        check("S2", w.s2(), 54.562_222_222_222_225);
    }

    #[test]
    fn moran_matches_esda() {
        let w = heilongjiang();
        let m = moran(&V13, &w, 0, 0).unwrap();
        check("I", m.i, -0.043_564_091_076_823_12);
        check("EI", m.expected, -0.083_333_333_333_333_33);
        check("VI_norm", m.variance_normal, 0.034_666_768_416_768_44);
        check("z_norm", m.z_normal, 0.213_594_780_858_040_37);
        check("p_norm", m.p_normal, 0.830_863_069_749_94);
        check("VI_rand", m.variance_random.unwrap(), 0.030_587_957_929_854_002);
        check("z_rand", m.z_random.unwrap(), 0.227_390_373_035_986_5);
        check("p_rand", m.p_random.unwrap(), 0.820_120_205_446_137_4);
        assert!(m.permutation.is_none());
        let m2 = moran(&Y2, &w, 999, 12_345).unwrap();
        check("I2", m2.i, 0.839_276_326_294_972_6);
        check("z2", m2.z_normal, 4.955_201_479_443_824);
        check("z2 rand", m2.z_random.unwrap(), 4.643_644_814_455_315);
        // esda with numpy seed 12345 gives p_sim = 0.001; no permutation of 999 reaches I here
        let p = m2.permutation.unwrap();
        assert_eq!(p.p_value, 0.001);
        assert_eq!(p.resolution.distinct, Some(6_227_020_800));
        assert!(!p.resolution.limited);
        assert!(p.z.unwrap() > 3.0);
    }

    #[test]
    fn moran_hand_checked_path() {
        // y = 1..4 on a path: z = (−1.5, −0.5, 0.5, 1.5), lags (−0.5, −0.5, 0.5, 0.5),
        // Σ z·lag = 2, Σ z² = 5, S0 = 4: I = (4/4)(2/5) = 0.4; E[I] = −1/3;
        // S1 = ½·[(1 + ½)²·4 + (½ + ½)²·2] = 5.5, S2 = (1 + ½)²·2 + (1 + 1.5)²·2 = 17:
        // VI_norm = (16·5.5 − 4·17 + 48)/(15·16) − 1/9 = 68/240 − 1/9
        let w = SpatialWeights::from_neighbours(vec![vec![1], vec![0, 2], vec![1, 3], vec![2]]).unwrap();
        let m = moran(&[1.0, 2.0, 3.0, 4.0], &w, 0, 0).unwrap();
        check("I", m.i, 0.4);
        check("S1", w.s1(), 5.5);
        check("S2", w.s2(), 17.0);
        check("VI", m.variance_normal, 68.0 / 240.0 - 1.0 / 9.0);
    }

    #[test]
    fn permutations_are_seeded_and_reproducible() {
        let w = heilongjiang();
        let a = moran(&V13, &w, 199, 42).unwrap();
        let b = moran(&V13, &w, 199, 42).unwrap();
        assert_eq!(a, b);
        let la = local_moran(&V13, &w, 199, 42, 0.05).unwrap();
        let lb = local_moran(&V13, &w, 199, 42, 0.05).unwrap();
        assert_eq!(la, lb);
        let p = a.permutation.unwrap();
        assert!(p.p_value >= p.resolution.min_p_value() && p.p_value <= 0.5 + 1e-12);
    }

    #[test]
    fn local_moran_matches_esda() {
        let w = heilongjiang();
        let l = local_moran(&V13, &w, 999, 1, 0.05).unwrap();
        let is = [
            -0.224_350_630_890_359_78,
            -0.484_753_067_038_519_06,
            0.015_341_160_482_010_86,
            -0.137_124_610_101_624_3,
            0.054_302_829_629_438_006,
            -0.163_141_562_027_533_2,
            0.036_386_284_743_848_224,
            -0.529_054_671_840_398_4,
            0.038_933_474_676_060_88,
            -0.523_701_194_506_348_9,
            0.007_879_695_024_014_562,
            0.001_993_126_903_159_208_5,
            1.384_520_072_024_374_9,
        ];
        let q = [4, 4, 3, 4, 3, 2, 1, 2, 1, 2, 3, 1, 3];
        for (u, (e, q)) in l.units.iter().zip(is.iter().zip(q)) {
            check("Is", u.i, *e);
            let code = match u.quadrant {
                Quadrant::HH => 1,
                Quadrant::LH => 2,
                Quadrant::LL => 3,
                Quadrant::HL => 4,
            };
            assert_eq!(code, q, "quadrant of unit {}", u.unit);
        }
        // Daxing'anling has one neighbour: C(12, 1) = 12 distinct draws, fewer than 1000
        let r = l.units[12].test.unwrap().resolution;
        assert_eq!(r.distinct, Some(12));
        assert!(r.limited);
        assert_eq!(l.n_significant, l.units.iter().filter(|u| u.significant).count());
        assert!(matches!(local_moran(&V13, &w, 9, 1, 1.5), Err(Error::Settings(_))));
    }

    #[test]
    fn spatial_gini_matches_pysal() {
        let w = heilongjiang();
        let s = spatial_gini(&V13, &w, 0, 0).unwrap();
        check("g", s.gini, 0.151_399_040_473_966_9);
        check("wg", s.neighbour_sad, 614.6);
        check("wcg", s.non_neighbour_sad, 1_266.199_999_999_996_2);
        check("wcg_share", s.non_neighbour_gini, 0.101_925_491_837_588_63);
        check("polarization", s.polarization.unwrap(), 0.861_538_916_664_198_8);
        check("sum", s.neighbour_gini + s.non_neighbour_gini, s.gini);
        let s2 = spatial_gini(&Y2, &w, 999, 12_345).unwrap();
        check("wcg2", s2.non_neighbour_sad, 2_975.999_999_999_999_5);
        // PySAL (numpy seed 12345) gives p_sim = 0.001
        assert!(s2.test.unwrap().p_value <= 0.002);
        assert!(s2.polarization_p_value.unwrap() <= 0.002);
    }

    fn square(x: f64, y: f64, jitter: &[f64]) -> Vec<Vec<Vec<[f64; 2]>>> {
        let c = [[x, y], [x + 1.0, y], [x + 1.0, y + 1.0], [x, y + 1.0]];
        let mut ring: Vec<[f64; 2]> = c
            .iter()
            .enumerate()
            .map(|(k, p)| [p[0] + jitter[2 * k], p[1] + jitter[2 * k + 1]])
            .collect();
        ring.push(ring[0]);
        vec![vec![ring]]
    }

    proptest::proptest! {
        /// Rounding noise below the tolerance (±3e-7 per coordinate: shared vertices stay within
        /// 6e-7·√2 < 1e-6) does not change queen contiguity of a grid.
        #[test]
        fn queen_contiguity_of_a_jittered_grid(cols in 1usize..6, rows in 1usize..6, jitter in proptest::collection::vec(-3e-7f64..3e-7, 8 * 36)) {
            let polys: Vec<_> = (0..cols * rows)
                .map(|k| square((k % cols) as f64, (k / cols) as f64, &jitter[8 * k..8 * k + 8]))
                .collect();
            let nb = queen_contiguity(&polys, 1e-6);
            for (k, list) in nb.iter().enumerate() {
                let (x, y) = ((k % cols) as i64, (k / cols) as i64);
                let expected: Vec<usize> = (0..cols * rows)
                    .filter(|&j| j != k && ((j % cols) as i64 - x).abs() <= 1 && ((j / cols) as i64 - y).abs() <= 1)
                    .collect();
                proptest::prop_assert_eq!(list, &expected);
            }
        }

        /// Moran's I is unchanged by a positive affine transformation of the values.
        #[test]
        fn moran_is_affine_invariant(y in proptest::collection::vec(0.0f64..100.0, 13), a in -50.0f64..50.0, b in 0.1f64..10.0) {
            let w = heilongjiang();
            if let Ok(m) = moran(&y, &w, 0, 0) {
                let t: Vec<f64> = y.iter().map(|v| a + b * v).collect();
                let mt = moran(&t, &w, 0, 0).unwrap();
                proptest::prop_assert!((m.i - mt.i).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn degenerate_input_is_an_error() {
        let w = heilongjiang();
        assert!(matches!(moran(&[1.0; 13], &w, 9, 0), Err(Error::Degenerate(_))));
        assert!(matches!(moran(&V13[..12], &w, 9, 0), Err(Error::Domain(_))));
        let islands = SpatialWeights::from_neighbours(vec![vec![], vec![], vec![]]).unwrap();
        assert!(matches!(
            moran(&[1.0, 2.0, 3.0], &islands, 9, 0),
            Err(Error::Degenerate(_))
        ));
        let mut neg = V13;
        neg[0] = -1.0;
        assert!(matches!(spatial_gini(&neg, &w, 9, 0), Err(Error::Domain(_))));
    }
}
