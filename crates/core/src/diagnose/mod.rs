//! Diagnosis of a unit's position: obstacle degrees, coupling coordination of two subsystems,
//! strengths and weaknesses, and the gap to the leader.
//!
//! | file | concept |
//! | --- | --- |
//! | `obstacle.rs` | [`obstacle_degree`], [`obstacle_by_dimension`] (障碍度) |
//! | `coupling.rs` | [`coupling_coordination`]: standard and adjusted coupling coordination degree |
//! | `grade.rs` | [`CoordinationGrade`]: the ten bands of `D`, bilingual labels |
//! | `strengths.rs` | [`indicator_ranks`], [`strengths_weaknesses`] |
//! | `leader_gap.rs` | [`gap_to_leader`] |

mod coupling;
mod grade;
mod leader_gap;
mod obstacle;
mod strengths;

pub use coupling::{Coupling, CouplingModel, coupling_coordination, coupling_coordination_all};
pub use grade::CoordinationGrade;
pub use leader_gap::{LeaderGap, gap_to_leader};
pub use obstacle::{DimensionObstacle, ObstacleFactor, UnitObstacles, obstacle_by_dimension, obstacle_degree};
pub use strengths::{IndicatorRank, StrengthsWeaknesses, indicator_ranks, strengths_weaknesses};

#[cfg(test)]
mod tests {
    //! Reference values from `crates/core/tests/reference/diagnose_reference.py` (numpy, from the
    //! formulas), tolerance 1e-9 relative; and the published table of Wang et al. (2021).
    use super::*;
    use crate::{Error, Lang};

    const X: [[f64; 6]; 13] = [
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        [
            0.596_153_846_153_846_1,
            0.553_719_008_264_463,
            0.594_594_594_594_594_6,
            0.586_206_896_551_724_1,
            0.516_129_032_258_064_5,
            0.666_666_666_666_666_6,
        ],
        [
            0.288_461_538_461_538_44,
            0.330_578_512_396_694_17,
            0.378_378_378_378_378_23,
            0.275_862_068_965_517_24,
            0.365_591_397_849_462_26,
            0.358_974_358_974_359,
        ],
        [
            0.384_615_384_615_384_64,
            0.272_727_272_727_272_76,
            0.459_459_459_459_459_4,
            0.189_655_172_413_793_1,
            0.268_817_204_301_075_25,
            0.512_820_512_820_512_8,
        ],
        [
            0.153_846_153_846_153_85,
            0.157_024_793_388_429_76,
            0.135_135_135_135_135_1,
            0.137_931_034_482_758_62,
            0.139_784_946_236_559_1,
            0.179_487_179_487_179_5,
        ],
        [
            0.5,
            0.677_685_950_413_223_2,
            0.702_702_702_702_702_5,
            0.758_620_689_655_172_4,
            0.677_419_354_838_709_6,
            0.564_102_564_102_564_1,
        ],
        [
            0.230_769_230_769_230_78,
            0.090_909_090_909_090_93,
            0.216_216_216_216_216_23,
            0.103_448_275_862_068_96,
            0.118_279_569_892_473_07,
            0.282_051_282_051_282_05,
        ],
        [
            0.346_153_846_153_846_15,
            0.314_049_586_776_859_5,
            0.351_351_351_351_351_15,
            0.344_827_586_206_896_6,
            0.344_086_021_505_376_3,
            0.435_897_435_897_435_9,
        ],
        [
            0.192_307_692_307_692_32,
            0.140_495_867_768_595_02,
            0.297_297_297_297_297_37,
            0.120_689_655_172_413_8,
            0.182_795_698_924_731_2,
            0.307_692_307_692_307_7,
        ],
        [
            0.442_307_692_307_692_3,
            0.404_958_677_685_950_45,
            0.513_513_513_513_513_5,
            0.413_793_103_448_275_86,
            0.440_860_215_053_763_4,
            0.589_743_589_743_589_8,
        ],
        [
            0.096_153_846_153_846_16,
            0.066_115_702_479_338_83,
            0.081_081_081_081_080_99,
            0.068_965_517_241_379_31,
            0.043_010_752_688_172_03,
            0.102_564_102_564_102_56,
        ],
        [
            0.326_923_076_923_076_9,
            0.363_636_363_636_363_7,
            0.432_432_432_432_432_3,
            0.379_310_344_827_586_2,
            0.387_096_774_193_548_3,
            0.384_615_384_615_384_64,
        ],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    ];
    const W: [f64; 6] = [0.12, 0.25, 0.08, 0.20, 0.15, 0.20];
    const U1: [f64; 13] = [
        1.0,
        0.572_301_735_938_099_6,
        0.327_845_073_299_618_7,
        0.335_760_935_760_935_8,
        0.152_285_661_376_570_46,
        0.634_750_452_932_271_2,
        0.150_481_950_481_950_48,
        0.329_242_147_423_965_6,
        0.182_188_164_006_345_85,
        0.434_217_052_398_870_6,
        0.076_786_385_877_294_94,
        0.366_076_566_076_566_1,
        0.0,
    ];
    const U2: [f64; 13] = [
        1.0,
        0.596_352_849_967_977_9,
        0.330_556_355_027_990_13,
        0.328_759_486_712_768_1,
        0.153_547_972_235_402_7,
        0.665_741_007_231_552_3,
        0.172_439_721_939_165_76,
        0.377_741_650_266_678_05,
        0.205_628_631_657_552_69,
        0.485_157_037_993_522_94,
        0.074_104_612_480_585_78,
        0.383_363_021_850_229_86,
        0.0,
    ];

    fn check(name: &str, got: f64, expected: f64) {
        let tol = 1e-9 * expected.abs().max(1e-12);
        assert!(
            (got - expected).abs() <= tol,
            "{name}: got {got:.17e}, expected {expected:.17e}"
        );
    }

    #[test]
    fn obstacle_degree_matches_numpy() {
        let o = obstacle_degree(&X, &W).unwrap();
        let cases: [(usize, [f64; 6], [usize; 6]); 3] = [
            (
                1,
                [
                    11.692_407_355_323_645,
                    26.918_765_457_946_993,
                    7.825_034_523_511_319,
                    19.967_329_473_787_508,
                    17.511_670_002_212_835,
                    16.084_793_187_217_716,
                ],
                [1, 3, 4, 5, 0, 2],
            ),
            (
                4,
                [
                    11.987_727_967_301_256,
                    24.880_614_958_429_54,
                    8.168_541_907_284_721,
                    20.355_337_457_538_706,
                    15.233_671_903_706_384,
                    19.374_105_805_739_404,
                ],
                [1, 3, 5, 4, 0, 2],
            ),
            (12, [12.0, 25.0, 8.0, 20.0, 15.0, 20.0], [1, 3, 5, 4, 0, 2]),
        ];
        for (unit, pct, order) in cases {
            let u = &o[unit];
            assert_eq!(
                u.factors.iter().map(|f| f.indicator).collect::<Vec<_>>(),
                order.to_vec()
            );
            for f in &u.factors {
                check("O_ij", f.obstacle_pct, pct[f.indicator]);
            }
            check("sum", u.factors.iter().map(|f| f.obstacle_pct).sum(), 100.0);
        }
        // ties share a rank: indicators 3 and 5 both 20 % for the last unit
        assert_eq!(
            o[12].factors.iter().map(|f| f.rank).collect::<Vec<_>>(),
            vec![1, 2, 2, 4, 5, 6]
        );
        // the leader on every indicator has no obstacle (numpy gives NaN)
        assert!(o[0].at_frontier && o[0].factors.iter().all(|f| f.obstacle_pct == 0.0));
        let dims = obstacle_by_dimension(&o[4], &[0, 0, 1, 1, 2, 2]).unwrap();
        let expected = [36.868_342_925_730_79, 28.523_879_364_823_43, 34.607_777_709_445_784];
        assert_eq!(dims.iter().map(|d| d.dimension).collect::<Vec<_>>(), vec![0, 2, 1]);
        for d in &dims {
            check("dimension", d.obstacle_pct, expected[d.dimension]);
        }
        assert!(matches!(
            obstacle_degree(&[vec![1.2, 0.0]], &[0.5, 0.5]),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            obstacle_degree(&[vec![0.2, 0.0]], &[0.5]),
            Err(Error::Domain(_))
        ));
        assert!(matches!(obstacle_degree(&[vec![0.2]], &[0.0]), Err(Error::Domain(_))));
    }

    #[test]
    fn coupling_coordination_matches_numpy() {
        let c_std = [
            1.0,
            0.999_788_205_802_894_7,
            0.999_991_521_098_082_9,
            0.999_944_493_830_466,
            0.999_991_482_071_287,
            0.999_716_028_110_418,
            0.997_685_511_564_848_6,
            0.997_644_204_912_202_6,
            0.998_171_703_989_008,
            0.998_463_838_697_651_4,
            0.999_842_049_212_066,
            0.999_733_948_054_591_5,
        ];
        let d_std = [
            1.0,
            0.764_332_084_779_372,
            0.573_757_721_432_346_4,
            0.576_404_171_346_146_3,
            0.391_044_133_406_246_1,
            0.806_263_653_263_154_2,
            0.401_356_620_690_899_95,
            0.593_851_112_962_201_8,
            0.439_947_583_107_005_2,
            0.677_481_285_163_048_2,
            0.274_651_747_678_581_1,
            0.612_062_169_255_077_3,
        ];
        let c_adj = [
            1.0,
            0.967_775_043_187_650_8,
            0.994_539_481_215_531_8,
            0.986_048_713_813_351_9,
            0.995_252_285_737_435_3,
            0.961_198_004_672_720_8,
            0.923_851_891_227_233_8,
            0.910_677_875_937_339_1,
            0.930_181_394_854_607_5,
            0.921_635_314_981_186_9,
            0.981_064_102_051_648_3,
            0.968_711_210_110_899_7,
        ];
        let d_adj = [
            1.0,
            0.751_995_592_522_556_1,
            0.572_191_495_463_059_7,
            0.572_385_144_759_584_5,
            0.390_116_407_568_113_94,
            0.790_578_837_499_265_6,
            0.386_220_013_583_261_6,
            0.567_377_521_233_891,
            0.424_699_875_169_918_9,
            0.650_894_626_412_115_9,
            0.272_060_417_749_119_65,
            0.602_490_883_800_568_6,
        ];
        let s = coupling_coordination_all(&U1[..12], &U2[..12], 0.5, 0.5, CouplingModel::Standard).unwrap();
        let a = coupling_coordination_all(&U1[..12], &U2[..12], 0.5, 0.5, CouplingModel::Adjusted).unwrap();
        for i in 0..12 {
            check("C std", s[i].coupling, c_std[i]);
            check("D std", s[i].coordination, d_std[i]);
            check("C adj", a[i].coupling, c_adj[i]);
            check("D adj", a[i].coordination, d_adj[i]);
            assert_eq!(s[i].grade, CoordinationGrade::from_degree(d_std[i]));
        }
        assert_eq!(s[1].grade, CoordinationGrade::IntermediateCoordination);
        assert_eq!(s[10].grade.label(Lang::Zh), "中度失调");
        // the last unit has U1 = U2 = 0: C is 0/0
        assert!(matches!(
            coupling_coordination(U1[12], U2[12], 0.5, 0.5, CouplingModel::Standard),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(
            coupling_coordination(0.5, 1.2, 0.5, 0.5, CouplingModel::Standard),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            coupling_coordination(0.5, 0.2, 0.6, 0.5, CouplingModel::Standard),
            Err(Error::Settings(_))
        ));
    }

    /// Wang et al. (2021), 《自然资源学报》 36(3), Table 8, 2008 row: C of the 13 Beijing–Tianjin–Hebei
    /// cities by the original and by the modified model (4 decimals). From the original C the ratio
    /// `r = U_min/U_max` follows; the modified C then gives `|U2 − U1|`, hence both levels. The
    /// published pairs are consistent with the adjusted formula only if those levels lie in [0, 1];
    /// recomputing both C from them must give the table back.
    #[test]
    fn adjusted_coupling_consistent_with_wang_2021_table8() {
        let original: [f64; 13] = [
            0.9989, 0.9935, 0.8868, 0.9073, 0.6821, 0.8328, 0.6816, 0.7789, 0.6871, 0.6101, 0.8017, 0.7867, 0.7191,
        ];
        let modified: [f64; 13] = [
            0.9404, 0.8660, 0.5440, 0.5769, 0.3006, 0.4780, 0.3344, 0.4171, 0.3278, 0.2700, 0.4374, 0.4196, 0.3738,
        ];
        for (&c, &m) in original.iter().zip(&modified) {
            let sqrt_r = (1.0 - (1.0 - c * c).sqrt()) / c;
            let r = sqrt_r * sqrt_r;
            let d = 1.0 - m * m / r;
            let u_max = d / (1.0 - r);
            let u_min = r * u_max;
            assert!(
                (0.0..=1.0).contains(&u_min) && (0.0..=1.0).contains(&u_max),
                "{c} {m}: {u_min} {u_max}"
            );
            let s = coupling_coordination(u_min, u_max, 0.5, 0.5, CouplingModel::Standard).unwrap();
            let a = coupling_coordination(u_min, u_max, 0.5, 0.5, CouplingModel::Adjusted).unwrap();
            assert!((s.coupling - c).abs() < 1e-12 && (a.coupling - m).abs() < 1e-12);
            // the adjusted C is never above the standard one
            assert!(a.coupling <= s.coupling);
        }
    }

    #[test]
    fn grade_bands() {
        assert_eq!(CoordinationGrade::from_degree(0.0), CoordinationGrade::ExtremeImbalance);
        assert_eq!(CoordinationGrade::from_degree(0.1), CoordinationGrade::ExtremeImbalance);
        assert_eq!(
            CoordinationGrade::from_degree(0.100_001),
            CoordinationGrade::SeriousImbalance
        );
        assert_eq!(CoordinationGrade::from_degree(0.5), CoordinationGrade::VergeOfImbalance);
        assert_eq!(
            CoordinationGrade::from_degree(1.0),
            CoordinationGrade::QualityCoordination
        );
        assert_eq!(CoordinationGrade::GoodCoordination.band(), (0.8, 0.9));
        for g in CoordinationGrade::ALL {
            assert!(!g.label(Lang::En).is_empty() && !g.label(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn strengths_weaknesses_and_leader_gap() {
        let ranks = indicator_ranks(&X).unwrap();
        assert_eq!(ranks[0], vec![1; 6]);
        assert_eq!(ranks[12], vec![13; 6]);
        // unit 5 is second on indicators 1 to 4, third on 0 and fourth on 5
        assert_eq!(ranks[5], vec![3, 2, 2, 2, 2, 4]);
        let sw = strengths_weaknesses(&ranks[5], 2).unwrap();
        assert_eq!(
            sw.strengths,
            vec![
                IndicatorRank { indicator: 1, rank: 2 },
                IndicatorRank { indicator: 2, rank: 2 }
            ]
        );
        assert_eq!(
            sw.weaknesses,
            vec![
                IndicatorRank { indicator: 5, rank: 4 },
                IndicatorRank { indicator: 0, rank: 3 }
            ]
        );
        assert!(matches!(strengths_weaknesses(&[0, 1], 1), Err(Error::Domain(_))));
        let g = gap_to_leader(&X).unwrap();
        assert!(g.iter().flatten().all(|x| x.leader == 0 && x.gap >= 0.0));
        check("gap", g[4][1].gap, 1.0 - X[4][1]);
        assert_eq!(g[12][0].gap_pct_of_leader, Some(100.0));
        assert!(matches!(gap_to_leader::<Vec<f64>>(&[]), Err(Error::Degenerate(_))));
    }
}
