//! The shipped datasets: every value has a known source and a valid flag (validation guarantees it),
//! the 13 prefectures and 6 benchmarks are present, the map's neighbours are right, and the index
//! can be built from what exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use govgap::model::UnitKind;
use govgap::{Quality, Settings, io, pipeline};

fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data").join(dir)
}

const PREFECTURES: [&str; 13] = [
    "230100", "230200", "230300", "230400", "230500", "230600", "230700", "230800", "230900", "231000", "231100",
    "231200", "232700",
];

#[test]
fn heilongjiang_loads_with_every_value_sourced() {
    let ds = io::read_native_dir(data("heilongjiang")).unwrap();
    let codes: BTreeSet<&str> = ds.units().iter().map(|u| u.code.as_str()).collect();
    for p in PREFECTURES {
        assert!(codes.contains(p), "prefecture {p} missing");
        assert_eq!(ds.units()[ds.unit_position(p).unwrap()].kind, UnitKind::Prefecture);
    }
    assert_eq!(ds.units().iter().filter(|u| u.kind == UnitKind::Prefecture).count(), 13);
    let benchmarks: BTreeSet<&str> = ds
        .units()
        .iter()
        .filter(|u| u.benchmark)
        .map(|u| u.name_en.as_str())
        .collect();
    assert_eq!(benchmarks.len(), 6, "{benchmarks:?}");
    for name in ["Copenhagen", "Seoul", "New York", "Shanghai", "Guangdong", "Zhejiang"] {
        assert!(
            benchmarks.iter().any(|b| b.contains(name)),
            "benchmark {name} missing from {benchmarks:?}"
        );
    }
    // every cell's source resolves and its flag is one of the three of the native format
    let fw = ds.framework();
    let mut n = 0;
    for k in fw.measured() {
        for c in ds.column(k).iter().flatten() {
            assert!((c.source as usize) < ds.sources().len());
            assert!(matches!(
                c.quality,
                Quality::Official | Quality::Secondary | Quality::Derived
            ));
            n += 1;
        }
    }
    assert!(n > 500, "only {n} values");
    for s in ds.sources() {
        assert!(!s.citation.is_empty(), "source {} has no citation", s.id);
        assert!(
            !s.url.is_empty() || !s.repository.is_empty() || !s.notes.is_empty(),
            "source {} has no URL, repository or (for derived values) formula notes",
            s.id
        );
    }
}

#[test]
fn china_census_loads() {
    let ds = io::read_native_dir(data("china_census")).unwrap();
    assert!(ds.units().len() >= 360, "{} units", ds.units().len());
}

#[test]
fn index_for_all_thirteen_prefectures_from_what_exists() {
    let dir = data("heilongjiang");
    let ds = io::read_native_dir(&dir).unwrap();
    let settings = Settings::from_toml(&std::fs::read_to_string(dir.join("settings.toml")).unwrap()).unwrap();
    let res = pipeline::run(&ds, &settings).unwrap();
    let ranking = res.ranking(res.index_node());
    assert_eq!(ranking.len(), 13);
    let got: BTreeSet<&str> = ranking.iter().map(|r| r.unit_code.as_str()).collect();
    assert_eq!(got, PREFECTURES.into_iter().collect());
    // the indicators with data carry all of the index's weight
    let fw = &res.framework;
    let with_data: f64 = fw
        .indicators()
        .filter(|&k| res.treated[k].any_present())
        .map(|k| res.effective_weights[k])
        .sum();
    assert!((with_data - 1.0).abs() < 1e-12, "{with_data}");
    // each value's year is known
    for k in fw.indicators() {
        for (v, y) in res.treated[k].iter().zip(&res.value_years[k]) {
            if v.is_some() {
                assert!(y.is_some());
            }
        }
    }
}

#[test]
fn neighbours_from_the_map() {
    let regions = io::read_geojson(data("heilongjiang").join("prefectures.geojson"), "code").unwrap();
    assert_eq!(regions.len(), 13);
    let polys: Vec<_> = regions.iter().map(|r| r.polygons.clone()).collect();
    let nb = govgap::spatial::queen_contiguity(&polys, 1e-6);
    let pos = |c: &str| regions.iter().position(|r| r.code == c).unwrap();
    let (harbin, suihua, heihe) = (pos("230100"), pos("231200"), pos("231100"));
    assert!(nb[harbin].contains(&suihua), "Harbin and Suihua share a border");
    assert!(!nb[harbin].contains(&heihe), "Harbin and Heihe do not");
    // symmetric
    for (i, list) in nb.iter().enumerate() {
        for &j in list {
            assert!(nb[j].contains(&i));
        }
    }
}

#[test]
fn coverage_counts_every_prefecture() {
    let ds = io::read_native_dir(data("heilongjiang")).unwrap();
    let cov = govgap::coverage::coverage(&ds);
    for p in PREFECTURES {
        assert!(
            cov.iter()
                .any(|r| r.unit == p && r.year.is_none() && r.counts.present() > 0),
            "{p}"
        );
    }
}

#[test]
fn benchmark_comparison_rests_on_shared_goalposts() {
    let ds = io::read_native_dir(data("heilongjiang")).unwrap();
    let c = govgap::benchmark::compare(&ds, "230100", "310000", None).unwrap();
    for g in &c.indicators {
        if g.gap.is_some() {
            assert!(ds.framework().node(&g.indicator).unwrap().goalposts.is_some());
        }
    }
    for d in &c.dimensions {
        assert_eq!(d.gap.is_some(), !d.shared.is_empty());
    }
}
