//! `govgap report` run through the library (the CLI handler and the core's `build_report`), not the
//! binary: every chart exists, is a real PNG of the stated size and not blank, every profile is
//! linked, every page carries its method and sources.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};

use clap::Parser;
use govgap::analysis::{GapOptions, analyse};
use govgap::model::UnitKind;
use govgap::report::{ChartFormat, ReportOptions, build_report};
use govgap::{Lang, Settings};
use govgap_app::cli::Cli;

fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("govgap-report-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn prefecture_codes() -> Vec<String> {
    let ds = govgap::io::read_native_dir(shipped_dir()).unwrap();
    ds.units()
        .iter()
        .filter(|u| u.kind == UnitKind::Prefecture)
        .map(|u| u.code.clone())
        .collect()
}

fn files_with_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_with_ext(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Width and height from the IHDR chunk (bytes 16..24, big-endian), after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "the first chunk is not IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

/// Total length of the IDAT chunks, walking the chunk list to IEND.
fn idat_bytes(bytes: &[u8]) -> usize {
    let mut pos = 8;
    let mut total = 0;
    let mut seen_end = false;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        if kind == b"IDAT" {
            total += len;
        }
        if kind == b"IEND" {
            seen_end = true;
            break;
        }
        pos += 12 + len;
    }
    assert!(seen_end, "the PNG has no IEND chunk: truncated");
    total
}

#[test]
fn the_cli_report_writes_real_pngs_and_links_every_profile() {
    let out = temp_dir("cli");
    let data = shipped_dir();
    let args = [
        "govgap",
        "report",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--ua-reps",
        "60",
    ];
    let cmd = Cli::try_parse_from(args).unwrap().command.unwrap();
    let code = govgap_app::cli::run(cmd);
    assert_eq!(format!("{code:?}"), format!("{:?}", std::process::ExitCode::SUCCESS));

    let defaults = ReportOptions::default();
    let mut pngs = Vec::new();
    files_with_ext(&out, "png", &mut pngs);
    // ranking, map, heatmap, Lorenz, Theil, Dagum, coverage, trends, rank intervals + one radar each
    assert!(pngs.len() >= 9 + 13, "only {} PNG files", pngs.len());
    for path in &pngs {
        let bytes = std::fs::read(path).unwrap();
        let (w, h) = png_size(&bytes);
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "coverage.png" {
            assert!(
                w >= defaults.width_px && h >= defaults.height_px,
                "{}: {w} × {h}",
                path.display()
            );
        } else {
            assert_eq!((w, h), (defaults.width_px, defaults.height_px), "{}", path.display());
        }
        assert!(
            bytes.len() > 10_000,
            "{} is only {} bytes: blank?",
            path.display(),
            bytes.len()
        );
        assert!(
            idat_bytes(&bytes) > 8_000,
            "{} has almost no image data: blank?",
            path.display()
        );
    }
    for chart in [
        "ranking",
        "map",
        "heatmap",
        "lorenz",
        "theil",
        "dagum",
        "coverage",
        "trends_egdi",
        "rank_intervals",
    ] {
        assert!(
            out.join("charts").join(format!("{chart}.png")).is_file(),
            "charts/{chart}.png is missing"
        );
    }

    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"overview.html\""));
    for code in prefecture_codes() {
        let link = format!("profiles/{code}.html");
        assert!(
            index.contains(&format!("href=\"{link}\"")),
            "index.html does not link {link}"
        );
        let page = std::fs::read_to_string(out.join(&link)).unwrap();
        assert!(
            page.contains(&format!("src=\"../charts/radar/{code}.png\"")),
            "{link} has no radar"
        );
        assert!(
            page.contains("<footer>") && page.contains("Sources") && page.contains("Method"),
            "{link}"
        );
        assert!(
            page.contains("hlj_inf2017"),
            "{link} does not cite the source of its index values"
        );
        assert!(
            page.contains("† secondary"),
            "{link} does not explain the secondary mark"
        );
        assert!(!page.contains("not run"), "{link}: the uncertainty analysis was run");
        // every image the page shows exists
        for src in page.split("src=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
            assert!(
                out.join("profiles").join(src).is_file(),
                "{link} shows a missing image {src}"
            );
        }
    }
    let overview = std::fs::read_to_string(out.join("overview.html")).unwrap();
    assert!(overview.contains("charts/map.png") && overview.contains("Gini"));
    assert!(
        overview.contains("single cross-section"),
        "the snapshot's missing densities are explained"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_chinese_svg_report_is_built_in_memory_with_every_page() {
    let dir = shipped_dir();
    let ds = govgap::io::read_native_dir(&dir).unwrap();
    let settings = Settings::from_toml(&std::fs::read_to_string(dir.join("settings.toml")).unwrap()).unwrap();
    let res = govgap::pipeline::run(&ds, &settings).unwrap();
    let regions = govgap::io::read_geojson(dir.join("prefectures.geojson"), "code").unwrap();
    let gaps = analyse(
        &ds,
        &res,
        &GapOptions {
            regions: regions.clone(),
            permutations: 99,
            ..GapOptions::default()
        },
    )
    .unwrap();
    let opts = ReportOptions {
        lang: Lang::Zh,
        format: ChartFormat::Svg,
        regions,
        uncertainty: None,
        ..ReportOptions::default()
    };
    let mut calls = Vec::new();
    let report = build_report(&ds, &res, &gaps, &opts, &mut |done, total, what| {
        calls.push((done, total, what.to_string()));
    })
    .unwrap();

    // progress: one call per file, ending at total
    assert_eq!(calls.len(), report.files.len());
    assert_eq!(
        calls.last().map(|c| (c.0, c.1)),
        Some((report.files.len(), report.files.len()))
    );
    // paths are relative and distinct
    let mut paths: Vec<&str> = report.files.iter().map(|(p, _)| p.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), report.files.len());
    assert!(paths.iter().all(|p| !p.starts_with('/') && !p.contains("..")));
    assert!(
        !paths.contains(&"charts/rank_intervals.svg"),
        "no rank intervals without an uncertainty analysis"
    );

    for chart in &report.charts {
        assert!(Path::new(&chart.path).extension().is_some_and(|e| e == "svg"));
        let (_, bytes) = report.files.iter().find(|(p, _)| *p == chart.path).unwrap();
        let svg = std::str::from_utf8(bytes).unwrap();
        assert!(
            svg.contains("<svg") && svg.contains(&format!("width=\"{}\"", chart.width_px)),
            "{}",
            chart.path
        );
    }
    let page = |path: &str| {
        let (_, bytes) = report.files.iter().find(|(p, _)| p == path).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let index = page("index.html");
    assert!(index.contains("lang=\"zh-CN\""));
    assert_eq!(report.profiles.len(), 13);
    for (code, name) in [
        ("230100", "哈尔滨市"),
        ("232700", "大兴安岭地区"),
        ("230900", "七台河市"),
    ] {
        assert!(index.contains(&format!("href=\"profiles/{code}.html\"")));
        let profile = page(&format!("profiles/{code}.html"));
        assert!(profile.contains(name), "{code}");
        assert!(profile.contains("资料来源") && profile.contains("方法"), "{code}");
        assert!(
            profile.contains("不确定性分析：未运行"),
            "{code}: says the uncertainty analysis was not run"
        );
        assert!(profile.contains(&format!("../charts/radar/{code}.svg")));
    }
    let overview = page("overview.html");
    for word in ["全省概览", "基尼系数", "泰尔", "标杆", "核密度需要多个年份"] {
        assert!(overview.contains(word), "overview lacks {word}");
    }
}
