//! Tests of the pipeline's orchestration on small synthetic datasets (made up, not real places).

use std::collections::BTreeMap;

use super::*;
use crate::Source;
use crate::error::Location;
use crate::model::{Node, NodeRole, RawDataset, RawValue, Unit, UnitKind};
use crate::settings::UnitSelection;

fn node(code: &str, role: NodeRole, parent: Option<&str>) -> (Node, Location) {
    (
        Node {
            code: code.into(),
            role,
            parent: parent.map(str::to_string),
            weight: 1.0,
            ..Node::default()
        },
        Location::default(),
    )
}

/// INDEX <- D1 <- (a, b), D2 <- (c); units U1..U4 (U4 a country), years 2020 and 2021 (synthetic).
fn dataset() -> Dataset {
    let fw = Framework::new(
        "t",
        "test",
        "",
        "",
        vec![
            node("INDEX", NodeRole::Aggregate, None),
            node("D1", NodeRole::Aggregate, Some("INDEX")),
            node("D2", NodeRole::Aggregate, Some("INDEX")),
            node("a", NodeRole::Indicator, Some("D1")),
            node("b", NodeRole::Indicator, Some("D1")),
            node("c", NodeRole::Indicator, Some("D2")),
        ],
    )
    .unwrap();
    let mut raw = RawDataset::default();
    for (i, code) in ["U1", "U2", "U3", "U4"].iter().enumerate() {
        let kind = if i == 3 {
            UnitKind::Country
        } else {
            UnitKind::Prefecture
        };
        raw.units.push((
            Unit {
                code: (*code).into(),
                kind,
                ..Unit::default()
            },
            Location::default(),
        ));
    }
    raw.sources.push((
        Source {
            id: "s".into(),
            citation: "synthetic".into(),
            ..Source::default()
        },
        Location::default(),
    ));
    let mut v = |unit: &str, year: i32, ind: &str, value: f64| {
        raw.values.push(RawValue {
            unit: unit.into(),
            year: Some(year),
            indicator: ind.into(),
            value,
            source: "s".into(),
            quality: crate::Quality::Official,
            origin: Location::default(),
        });
    };
    // 2020: a and c for U1..U3; b only for U1
    v("U1", 2020, "a", 1.0);
    v("U2", 2020, "a", 2.0);
    v("U3", 2020, "a", 3.0);
    v("U1", 2020, "b", 10.0);
    v("U1", 2020, "c", 5.0);
    v("U2", 2020, "c", 3.0);
    v("U3", 2020, "c", 1.0);
    // 2021: only a changes for U1 and U2
    v("U1", 2021, "a", 4.0);
    v("U2", 2021, "a", 2.0);
    v("U4", 2021, "a", 9.0);
    v("U4", 2021, "c", 9.0);
    Dataset::new(fw, raw).unwrap()
}

#[test]
fn default_run_ranks_within_each_year() {
    let ds = dataset();
    let res = run(&ds, &Settings::default()).unwrap();
    assert_eq!(res.years(), vec![Some(2020), Some(2021)]);
    let r2020 = res.ranking_in(res.index_node(), Some(2020));
    assert_eq!(r2020.len(), 3);
    assert_eq!(r2020[0].rank, 1);
}

#[test]
fn snapshot_takes_each_indicators_latest_value() {
    let ds = dataset();
    let s = Settings {
        years: YearSelection::Snapshot { up_to: None },
        units: UnitSelection::Kinds(vec![UnitKind::Prefecture]),
        ..Settings::default()
    };
    let res = run(&ds, &s).unwrap();
    assert_eq!(res.rows.len(), 3);
    let a = res.framework.position("a").unwrap();
    let c = res.framework.position("c").unwrap();
    // U1: a from 2021 (4.0), c from 2020
    let u1 = res.rows_of("U1")[0];
    assert_eq!(res.treated[a].get(u1), Some(4.0));
    assert_eq!(res.value_years[a][u1], Some(2021));
    assert_eq!(res.value_years[c][u1], Some(2020));
    // U3: a only in 2020
    let u3 = res.rows_of("U3")[0];
    assert_eq!(res.value_years[a][u3], Some(2020));
}

#[test]
fn thin_indicators_are_left_out_and_weights_follow_the_data() {
    let ds = dataset();
    let s = Settings {
        years: YearSelection::Only(vec![2020]),
        min_indicator_share: 0.5,
        ..Settings::default()
    };
    let res = run(&ds, &s).unwrap();
    let b = res.framework.position("b").unwrap();
    assert!(!res.treated[b].any_present());
    assert!(res.notes.iter().any(|n| n.contains("'b' left out")));
    assert_eq!(res.effective_weights[b], 0.0);
    let total: f64 = res.framework.indicators().map(|k| res.effective_weights[k]).sum();
    assert!((total - 1.0).abs() < 1e-12);
}

#[test]
fn weights_in_settings_change_the_ranking_and_are_checked() {
    let ds = dataset();
    let base = Settings {
        years: YearSelection::Only(vec![2020]),
        ..Settings::default()
    };
    let r0 = run(&ds, &base).unwrap();
    let mut w = BTreeMap::new();
    w.insert("D2".to_string(), 10.0);
    let r1 = run(
        &ds,
        &Settings {
            weights: w,
            ..base.clone()
        },
    )
    .unwrap();
    assert_ne!(r0.ranks(r0.index_node()), r1.ranks(r1.index_node()));
    let mut bad = BTreeMap::new();
    bad.insert("nope".to_string(), 1.0);
    assert!(matches!(
        run(&ds, &Settings { weights: bad, ..base }),
        Err(Error::Settings(_))
    ));
}

#[test]
fn settings_round_trip_through_toml() {
    let s = Settings {
        years: YearSelection::Snapshot { up_to: Some(2020) },
        units: UnitSelection::Codes(vec!["U1".into()]),
        min_indicator_share: 0.25,
        ..Settings::default()
    };
    let text = s.to_toml().unwrap();
    assert_eq!(Settings::from_toml(&text).unwrap(), s);
}

#[test]
fn nothing_left_is_a_typed_error() {
    let ds = dataset();
    let s = Settings {
        years: YearSelection::Only(vec![1999]),
        ..Settings::default()
    };
    assert!(matches!(run(&ds, &s), Err(Error::Degenerate(_))));
}

#[test]
fn reaggregate_equals_a_full_run_for_aggregation_changes() {
    let ds = dataset();
    let base_settings = Settings {
        min_share: 0.0,
        ..Settings::default()
    };
    let base = run(&ds, &base_settings).unwrap();
    let mut changes = Vec::new();
    let mut w = base_settings.clone();
    w.weights.insert("D2".into(), 3.0);
    w.weights.insert("a".into(), 0.25);
    changes.push(w);
    changes.push(Settings {
        aggregator: crate::aggregate::Aggregator::Geometric {
            non_positive: crate::aggregate::NonPositivePolicy::Exclude,
        },
        ..base_settings.clone()
    });
    let mut lv = base_settings.clone();
    lv.levels.insert(
        2,
        crate::settings::LevelSettings {
            weighting: Some(crate::weight::Weighting::Equal),
            min_share: Some(0.6),
            ..crate::settings::LevelSettings::default()
        },
    );
    changes.push(lv);
    for s in &changes {
        let fast = reaggregate(&ds, &base, s).unwrap();
        let full = run(&ds, s).unwrap();
        assert_eq!(fast.scores, full.scores, "{s:?}");
        assert_eq!(fast.weights, full.weights);
        assert_eq!(fast.effective_weights, full.effective_weights);
        assert_eq!(fast.notes, full.notes);
        for k in 0..full.framework.nodes().len() {
            assert_eq!(fast.ranks(k), full.ranks(k));
        }
        // and back: reaggregating the changed results with the base settings gives the base
        let back = reaggregate(&ds, &fast, &base_settings).unwrap();
        assert_eq!(back.scores, base.scores);
    }
}

#[test]
fn reaggregate_refuses_indicator_stage_changes() {
    let ds = dataset();
    let base = run(&ds, &Settings::default()).unwrap();
    let other = Settings {
        normaliser: crate::normalise::Normaliser::ZScore { mean: 0.0, sd: 1.0 },
        ..Settings::default()
    };
    assert!(matches!(reaggregate(&ds, &base, &other), Err(Error::Settings(_))));
}

#[test]
fn renormalise_equals_a_full_run_for_normalisation_changes() {
    use crate::normalise::Normaliser;
    let ds = dataset();
    let base_settings = Settings {
        min_share: 0.0,
        // leaves an indicator out when it is too sparse, so that a note comes before normalisation
        min_indicator_share: 0.9,
        ..Settings::default()
    };
    let base = run(&ds, &base_settings).unwrap();
    let mut changes = vec![
        Settings {
            normaliser: Normaliser::ZScore { mean: 0.0, sd: 1.0 },
            ..base_settings.clone()
        },
        Settings {
            normaliser: Normaliser::MinMax { low: 1.0, high: 100.0 },
            aggregator: crate::aggregate::Aggregator::Geometric {
                non_positive: crate::aggregate::NonPositivePolicy::Error,
            },
            ..base_settings.clone()
        },
        Settings {
            normaliser: Normaliser::Rank,
            ..base_settings.clone()
        },
    ];
    let mut per_indicator = base_settings.clone();
    per_indicator.indicators.insert(
        "a".into(),
        crate::settings::IndicatorSettings {
            normaliser: Some(Normaliser::PercentileRank),
            ..crate::settings::IndicatorSettings::default()
        },
    );
    per_indicator.weights.insert("D2".into(), 2.0);
    changes.push(per_indicator);
    for s in &changes {
        let fast = renormalise(&ds, &base, s).unwrap();
        let full = run(&ds, s).unwrap();
        assert_eq!(fast.scores, full.scores, "{s:?}");
        assert_eq!(fast.treated, full.treated);
        assert_eq!(fast.weights, full.weights);
        assert_eq!(fast.effective_weights, full.effective_weights);
        assert_eq!(fast.notes, full.notes, "{s:?}");
        for k in 0..full.framework.nodes().len() {
            assert_eq!(fast.ranks(k), full.ranks(k));
        }
        // the treated values are shared with the base, not copied
        assert!(
            fast.treated
                .iter()
                .zip(&base.treated)
                .all(|(a, b)| std::sync::Arc::ptr_eq(a, b))
        );
        // and rerun picks the same path and gives the same
        assert_eq!(rerun(&ds, &base, s).unwrap().scores, full.scores);
    }
}

#[test]
fn renormalise_refuses_changes_before_normalisation_and_rerun_runs_them() {
    let ds = dataset();
    let base = run(&ds, &Settings::default()).unwrap();
    let other = Settings {
        imputation: Imputation::Mean,
        ..Settings::default()
    };
    assert!(matches!(renormalise(&ds, &base, &other), Err(Error::Settings(_))));
    let full = run(&ds, &other).unwrap();
    let via = rerun(&ds, &base, &other).unwrap();
    assert_eq!(via.scores, full.scores);
    assert_eq!(via.notes, full.notes);
    // an aggregation-only change goes through reaggregate and shares the normalised columns
    let mut w = Settings::default();
    w.weights.insert("D2".into(), 3.0);
    let via = rerun(&ds, &base, &w).unwrap();
    assert_eq!(via.scores, run(&ds, &w).unwrap().scores);
    let a = base.framework.position("a").unwrap();
    assert!(std::sync::Arc::ptr_eq(&via.scores[a], &base.scores[a]));
}

#[test]
fn unchanged_indicators_share_the_datasets_values() {
    let ds = dataset();
    let plain = run(&ds, &Settings::default()).unwrap();
    for k in plain.framework.indicators() {
        assert!(std::sync::Arc::ptr_eq(&plain.treated[k], ds.column(k).shared_values()));
    }
    // a step that changes values, or a selection of rows, gets its own columns with the same result
    // where nothing changed
    let imputed = run(
        &ds,
        &Settings {
            imputation: Imputation::Mean,
            ..Settings::default()
        },
    )
    .unwrap();
    let latest = run(
        &ds,
        &Settings {
            years: YearSelection::Latest,
            ..Settings::default()
        },
    )
    .unwrap();
    for k in plain.framework.indicators() {
        assert!(!std::sync::Arc::ptr_eq(
            &imputed.treated[k],
            ds.column(k).shared_values()
        ));
        assert!(!std::sync::Arc::ptr_eq(
            &latest.treated[k],
            ds.column(k).shared_values()
        ));
        for (r, v) in imputed.treated[k].iter().enumerate() {
            if !imputed.imputed[k][r] {
                assert_eq!(v, ds.column(k).value(r));
            }
        }
    }
}

proptest::proptest! {
    /// Rows fall into one partition per distinct year, years ascending, rows in their order.
    #[test]
    fn per_year_partitions_bucket_rows_by_year(years in proptest::collection::vec(proptest::option::of(2010i32..2016), 0..60)) {
        let rows: Vec<Obs> = years.iter().enumerate().map(|(unit, &year)| Obs { unit, year }).collect();
        let mut want: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
        for (r, o) in rows.iter().enumerate() {
            want.entry(o.year).or_default().push(r);
        }
        proptest::prop_assert_eq!(partitions(&rows, PanelScope::PerYear), want.into_values().collect::<Vec<_>>());
        let distinct: std::collections::BTreeSet<Option<i32>> = years.iter().copied().collect();
        proptest::prop_assert_eq!(crate::model::distinct_years(&rows), distinct.into_iter().collect::<Vec<_>>());
    }

    /// Years far apart (no offset table) bucket the same way.
    #[test]
    fn per_year_partitions_of_years_far_apart(years in proptest::collection::vec(proptest::option::of(proptest::sample::select(vec![-9000, 15, 2020, 9999])), 0..40)) {
        let rows: Vec<Obs> = years.iter().enumerate().map(|(unit, &year)| Obs { unit, year }).collect();
        let mut want: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
        for (r, o) in rows.iter().enumerate() {
            want.entry(o.year).or_default().push(r);
        }
        proptest::prop_assert_eq!(partitions(&rows, PanelScope::PerYear), want.into_values().collect::<Vec<_>>());
    }
}
