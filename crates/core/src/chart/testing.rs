//! Test helpers: synthetic chart inputs (made-up numbers with the real prefecture names) and the checks
//! every chart's test runs.

use std::collections::HashSet;

use super::*;

/// The 13 prefecture-level units of Heilongjiang.
pub(crate) const PREFECTURES: [&str; 13] = [
    "哈尔滨",
    "齐齐哈尔",
    "鸡西",
    "鹤岗",
    "双鸭山",
    "大庆",
    "伊春",
    "佳木斯",
    "七台河",
    "牡丹江",
    "黑河",
    "绥化",
    "大兴安岭",
];

/// Five dimension names.
pub(crate) const DIMENSIONS: [&str; 5] = ["数字基础设施", "数据资源", "政务服务", "数字治理", "保障体系"];

/// The footer every test chart carries (method and sources, marked synthetic).
pub(crate) const FOOTER: &str = "方法：最小–最大标准化，等权重算术平均（0–100）。来源：合成测试数据（synthetic），并非真实统计 / synthetic test data.";

/// A deterministic number in [0, 1) from two integers (no RNG needed for fixtures).
fn noise(a: usize, b: usize) -> f64 {
    let x = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let x = (x ^ (x >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    ((x ^ (x >> 29)) >> 11) as f64 / (1u64 << 53) as f64
}

/// Synthetic dimension score of unit `u` on dimension `d` (0–100).
fn score(u: usize, d: usize) -> f64 {
    (85.0 - 4.5 * u as f64 + 18.0 * (noise(u, d) - 0.5)).clamp(2.0, 99.0)
}

pub(crate) fn synthetic_ranked_bars() -> RankedBars {
    let units = PREFECTURES
        .iter()
        .enumerate()
        .map(|(u, name)| {
            let contributions: Vec<Option<f64>> = (0..5).map(|d| Some(score(u, d) / 5.0)).collect();
            let total: f64 = contributions.iter().flatten().sum();
            match u {
                // No score at all.
                8 => RankedUnit {
                    label: (*name).into(),
                    score: Datum::MISSING,
                    contributions: vec![None; 5],
                },
                // A missing dimension: part of the score is not attributed.
                6 => {
                    let mut c = contributions;
                    c[2] = None;
                    RankedUnit {
                        label: (*name).into(),
                        score: Datum::primary(total),
                        contributions: c,
                    }
                }
                3 => RankedUnit {
                    label: (*name).into(),
                    score: Datum::secondary(total),
                    contributions,
                },
                _ => RankedUnit {
                    label: (*name).into(),
                    score: Datum::primary(total),
                    contributions,
                },
            }
        })
        .collect();
    RankedBars {
        dimensions: DIMENSIONS.iter().map(|d| (*d).to_string()).collect(),
        units,
    }
}

pub(crate) fn synthetic_radar() -> Radar {
    let axes = DIMENSIONS.iter().map(|d| (*d).to_string()).collect();
    let series = vec![
        RadarSeries {
            label: "哈尔滨".into(),
            values: (0..5).map(|d| Datum::primary(score(0, d))).collect(),
        },
        RadarSeries {
            label: "全省平均".into(),
            values: (0..5)
                .map(|d| Datum::primary((0..13).map(|u| score(u, d)).sum::<f64>() / 13.0))
                .collect(),
        },
        RadarSeries {
            label: "杭州（标杆）".into(),
            values: vec![
                Datum::secondary(92.0),
                Datum::primary(88.0),
                Datum::MISSING,
                Datum::primary(90.0),
                Datum::primary(81.0),
            ],
        },
    ];
    Radar {
        axes,
        scale_max: 100.0,
        series,
    }
}

/// Thirteen quadrilaterals on a jittered lattice over Heilongjiang's extent (lon 121.2–135, lat
/// 43.4–53.5): not the real borders. One region has a hole, one an extra island, one no value, one a
/// secondary value.
pub(crate) fn synthetic_choropleth() -> Choropleth {
    let lon = |i: usize, j: usize| 121.2 + 13.8 * i as f64 / 4.0 + 0.5 * (noise(i, j + 7) - 0.5);
    let lat = |i: usize, j: usize| 43.4 + 10.1 * j as f64 / 4.0 + 0.4 * (noise(i + 11, j) - 0.5);
    let p = |i: usize, j: usize| [lon(i, j), lat(i, j)];
    // Cells (column, row) from the north-west; three corner cells are left empty.
    let cells = [
        (0, 3),
        (1, 3),
        (0, 2),
        (1, 2),
        (2, 2),
        (0, 1),
        (1, 1),
        (2, 1),
        (3, 1),
        (1, 0),
        (2, 0),
        (3, 0),
        (3, 2),
    ];
    let regions = cells
        .iter()
        .enumerate()
        .map(|(k, &(i, j))| {
            let name = PREFECTURES[12 - k];
            let mut polygons = vec![vec![vec![p(i, j), p(i + 1, j), p(i + 1, j + 1), p(i, j + 1)]]];
            if k == 4 {
                let (cx, cy) = (
                    f64::midpoint(lon(i, j), lon(i + 1, j)),
                    f64::midpoint(lat(i, j), lat(i, j + 1)),
                );
                polygons[0].push(vec![
                    [cx - 0.9, cy - 0.9],
                    [cx - 0.1, cy - 0.9],
                    [cx - 0.1, cy - 0.45],
                    [cx - 0.9, cy - 0.45],
                ]);
            }
            if k == 11 {
                let (x, y) = (lon(i + 1, j) + 0.3, lat(i + 1, j) + 0.3);
                polygons.push(vec![vec![[x, y], [x + 0.5, y], [x + 0.4, y + 0.4]]]);
            }
            let value = match name {
                "七台河" => Datum::MISSING,
                "鹤岗" => Datum::secondary(score(3, 0)),
                _ => Datum::primary(score(12 - k, 0)),
            };
            Region {
                label: name.into(),
                polygons,
                value,
            }
        })
        .collect();
    Choropleth {
        regions,
        method: ClassMethod::NaturalBreaks,
        classes: 5,
        value_label: "指数得分（0–100）".into(),
    }
}

pub(crate) fn synthetic_heatmap() -> Heatmap {
    let cells = (0..13)
        .map(|u| {
            (0..5)
                .map(|d| match (u, d) {
                    (8, _) | (6, 2) => Datum::MISSING,
                    (3, 1) => Datum::secondary(score(u, d)),
                    _ => Datum::primary(score(u, d)),
                })
                .collect()
        })
        .collect();
    Heatmap {
        rows: PREFECTURES.iter().map(|p| (*p).to_string()).collect(),
        columns: DIMENSIONS.iter().map(|d| (*d).to_string()).collect(),
        cells,
        value_label: "得分（0–100）".into(),
        range: Some((0.0, 100.0)),
    }
}

pub(crate) fn synthetic_lorenz() -> Lorenz {
    let series = [2019, 2021, 2023]
        .iter()
        .enumerate()
        .map(|(t, year)| LorenzSeries {
            label: format!("{year}年"),
            values: (0..13).map(|u| score(u, t) * (1.0 + 0.05 * t as f64)).collect(),
            weights: Some((0..13).map(|u| 1.0 + 9.0 * noise(u, 99)).collect()),
            gini: if t == 0 { Some(0.1234) } else { None },
        })
        .collect();
    Lorenz { series }
}

pub(crate) fn synthetic_decomposition(measure: DecompositionMeasure) -> Decomposition {
    let bars = (2018..=2024)
        .map(|year| {
            let t = f64::from(year - 2018);
            let missing = year == 2020;
            DecompositionBar {
                label: year.to_string(),
                within: (!missing).then_some(0.020 + 0.002 * t),
                between: (!missing).then_some(0.030 - 0.003 * t),
                transvariation: (measure == DecompositionMeasure::Dagum && !missing).then_some(0.010 + 0.001 * t),
            }
        })
        .collect();
    Decomposition {
        measure,
        bars,
        bar_label: Some("年份".into()),
    }
}

pub(crate) fn synthetic_rank_intervals() -> RankIntervals {
    let units = PREFECTURES
        .iter()
        .enumerate()
        .map(|(u, name)| {
            let r = u as f64 + 1.0;
            let spread = 1.0 + 3.0 * noise(u, 5);
            RankInterval {
                label: (*name).into(),
                nominal: (u != 8).then_some(r),
                median: (u != 8).then_some((r + 0.5 * (noise(u, 6) - 0.5)).clamp(1.0, 13.0)),
                interval_5_95: (u != 8).then_some(((r - spread).max(1.0), (r + spread).min(13.0))),
            }
        })
        .collect();
    RankIntervals { units }
}

pub(crate) fn synthetic_trends() -> Trends {
    let editions = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024];
    let series = ["中国", "韩国", "日本", "俄罗斯"]
        .iter()
        .enumerate()
        .map(|(c, name)| TrendSeries {
            label: (*name).into(),
            points: editions
                .iter()
                .enumerate()
                .map(|(e, &year)| {
                    let v = (0.35 + 0.035 * e as f64 + 0.1 * c as f64 * (1.0 - e as f64 / 12.0) + 0.05 * noise(c, e))
                        .min(0.99);
                    let d = match (c, e) {
                        (0, 3) | (3, 5 | 6) => Datum::MISSING,
                        (2, 10) => Datum::secondary(v),
                        _ => Datum::primary(v),
                    };
                    (year, d)
                })
                .collect(),
        })
        .collect();
    Trends {
        series,
        value_label: "EGDI（0–1）".into(),
        note: TrendNote::EditionsChanged,
    }
}

pub(crate) fn synthetic_densities() -> Densities {
    let gaussian =
        |x: f64, m: f64, sd: f64| (-(x - m).powi(2) / (2.0 * sd * sd)).exp() / (sd * (std::f64::consts::TAU).sqrt());
    let series = [(2019, 45.0, 12.0), (2021, 50.0, 11.0), (2023, 56.0, 9.0)]
        .iter()
        .map(|&(year, m, sd)| DensitySeries {
            label: year.to_string(),
            points: (0..=100)
                .map(|x| {
                    (
                        f64::from(x),
                        0.7 * gaussian(f64::from(x), m, sd) + 0.3 * gaussian(f64::from(x), m + 20.0, sd),
                    )
                })
                .collect(),
        })
        .chain(std::iter::once(DensitySeries {
            label: "2020".into(),
            points: Vec::new(),
        }))
        .collect();
    Densities {
        series,
        value_label: None,
    }
}

pub(crate) fn synthetic_coverage() -> Coverage {
    let columns: Vec<String> = (1..=12)
        .map(|i| format!("D{}.{}", (i - 1) / 3 + 1, (i - 1) % 3 + 1))
        .collect();
    let cells = (0..13)
        .map(|u| {
            (0..columns.len())
                .map(|c| match noise(u, c + 40) {
                    x if x < 0.55 => CoverageCell::Official,
                    x if x < 0.7 => CoverageCell::Secondary,
                    x if x < 0.85 => CoverageCell::Derived,
                    _ => CoverageCell::Missing,
                })
                .collect()
        })
        .collect();
    Coverage {
        rows: PREFECTURES.iter().map(|p| (*p).to_string()).collect(),
        columns,
        cells,
        column_label: None,
        column_groups: (1..=4).map(|d| (format!("Dimension {d}"), 3)).collect(),
        row_breaks: vec![10],
    }
}

/// Decodes a PNG into (width, height, RGB bytes).
pub(crate) fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Fails unless the RGB pixels hold a real picture: many colours and enough non-background pixels.
pub(crate) fn assert_not_blank(rgb: &[u8]) {
    let pixels: Vec<[u8; 3]> = rgb.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
    let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    let bg = theme::BACKGROUND;
    let inked = pixels.iter().filter(|p| **p != [bg.0, bg.1, bg.2]).count();
    assert!(colours.len() > 30, "only {} distinct colours", colours.len());
    assert!(
        inked * 100 > pixels.len(),
        "only {inked} of {} pixels are drawn",
        pixels.len()
    );
}

/// Renders a chart as PNG and SVG with Chinese labels at the default size, and as an RGB buffer in
/// English at a small size, and checks each.
pub(crate) fn assert_renders(render: impl Fn(&ChartOptions, Target) -> crate::Result<Rendered>) {
    let opts = ChartOptions::new(Lang::Zh).footer(FOOTER);
    let Rendered::Png(png) = render(&opts, Target::Png).unwrap() else {
        unreachable!("not a PNG")
    };
    let (w, h, rgb) = decode_png(&png);
    assert_eq!((w, h), (opts.width_px, opts.height_px));
    assert_not_blank(&rgb);

    let Rendered::Svg(svg) = render(&opts, Target::Svg).unwrap() else {
        unreachable!("not an SVG")
    };
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("合成测试数据"), "the footer is missing");
    assert!(svg.contains("font-family=\"govgap, WenQuanYi Micro Hei"));

    let small = ChartOptions::new(Lang::En)
        .size_px(800, 500)
        .footer("Synthetic test data.");
    let Rendered::Rgb(image) = render(&small, Target::Rgb).unwrap() else {
        unreachable!("not RGB")
    };
    assert_eq!(image.pixels.len(), 800 * 500 * 3);
    assert_not_blank(&image.pixels);
}

/// Writes every chart to /tmp/govgap-charts/ as PNG and SVG, for a look by eye.
#[test]
#[ignore = "writes files for a visual check: cargo test -p govgap --lib chart::testing -- --ignored"]
fn write_all_charts_for_a_look() {
    type Chart = Box<dyn Fn(&ChartOptions, Target) -> crate::Result<Rendered>>;
    let dir = std::path::Path::new("/tmp/govgap-charts");
    std::fs::create_dir_all(dir).unwrap();
    let charts: Vec<(&str, Chart)> = vec![
        (
            "01-ranked-bars",
            Box::new(|o, t| ranked_bars(&synthetic_ranked_bars(), o, t)),
        ),
        ("02-radar", Box::new(|o, t| radar(&synthetic_radar(), o, t))),
        (
            "03-choropleth",
            Box::new(|o, t| choropleth(&synthetic_choropleth(), o, t)),
        ),
        ("04-heatmap", Box::new(|o, t| heatmap(&synthetic_heatmap(), o, t))),
        ("05-lorenz", Box::new(|o, t| lorenz(&synthetic_lorenz(), o, t))),
        (
            "06-theil",
            Box::new(|o, t| decomposition(&synthetic_decomposition(DecompositionMeasure::Theil), o, t)),
        ),
        (
            "06-dagum",
            Box::new(|o, t| decomposition(&synthetic_decomposition(DecompositionMeasure::Dagum), o, t)),
        ),
        (
            "07-rank-intervals",
            Box::new(|o, t| rank_intervals(&synthetic_rank_intervals(), o, t)),
        ),
        ("08-trends", Box::new(|o, t| trends(&synthetic_trends(), o, t))),
        ("09-densities", Box::new(|o, t| densities(&synthetic_densities(), o, t))),
        ("10-coverage", Box::new(|o, t| coverage(&synthetic_coverage(), o, t))),
        (
            "10-coverage-wide",
            Box::new(|o, t| coverage(&super::coverage::tests::wide_coverage(), o, t)),
        ),
    ];
    for (name, chart) in &charts {
        let zh = ChartOptions::new(Lang::Zh).footer(FOOTER);
        std::fs::write(
            dir.join(format!("{name}.png")),
            chart(&zh, Target::Png).unwrap().as_bytes(),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{name}.svg")),
            chart(&zh, Target::Svg).unwrap().as_bytes(),
        )
        .unwrap();
        let en = ChartOptions::new(Lang::En)
            .footer("Method: min–max normalisation, equal-weight arithmetic mean. Source: synthetic test data.");
        std::fs::write(
            dir.join(format!("{name}-en.png")),
            chart(&en, Target::Png).unwrap().as_bytes(),
        )
        .unwrap();
        let small = ChartOptions::new(Lang::Zh).size_px(800, 500).footer(FOOTER);
        std::fs::write(
            dir.join(format!("{name}-small.png")),
            chart(&small, Target::Png).unwrap().as_bytes(),
        )
        .unwrap();
    }
}
