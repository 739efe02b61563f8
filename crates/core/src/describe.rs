//! The choices of a run in words, in Chinese or English, for report footers, profile pages and the
//! dashboard (never the `Debug` form of a setting).
//!
//! ```
//! use govgap::{Lang, Settings, describe};
//! let s = Settings::default();
//! assert_eq!(describe::normaliser(&s.normaliser, Lang::En), "min-max to [0, 100]");
//! assert_eq!(describe::aggregator(&s.aggregator, Lang::Zh), "加权算术平均");
//! ```

use crate::Lang;
use crate::aggregate::{Aggregator, NonPositivePolicy};
use crate::normalise::Normaliser;
use crate::pipeline::Imputation;
use crate::settings::{PanelScope, UnitSelection, YearSelection};
use crate::weight::Weighting;

/// A number without needless decimals (`100`, `0.5`).
fn n(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Picks the English or the Chinese text.
fn pick(lang: Lang, en: String, zh: String) -> String {
    if lang == Lang::Zh { zh } else { en }
}

/// The normalisation method, e.g. "min-max to [0, 100]" / "极差标准化至 [0, 100]".
#[must_use]
pub fn normaliser(x: &Normaliser, lang: Lang) -> String {
    match x {
        Normaliser::MinMax { low, high } => pick(
            lang,
            format!("min-max to [{}, {}]", n(*low), n(*high)),
            format!("极差标准化至 [{}, {}]", n(*low), n(*high)),
        ),
        Normaliser::ZScore { mean, sd } => pick(
            lang,
            format!("z-score (mean {}, sd {})", n(*mean), n(*sd)),
            format!("Z 分数标准化（均值 {}，标准差 {}）", n(*mean), n(*sd)),
        ),
        Normaliser::Rank => pick(lang, "ranks".into(), "排序值".into()),
        Normaliser::PercentileRank => pick(lang, "percentile ranks".into(), "百分位排序".into()),
        Normaliser::Goalposts { scale } => pick(
            lang,
            format!("goalposts (fixed bounds) to [0, {}]", n(*scale)),
            format!("固定阈值标准化至 [0, {}]", n(*scale)),
        ),
        Normaliser::DistanceToTarget { scale } => pick(
            lang,
            format!("distance to target, scaled to {}", n(*scale)),
            format!("与目标值的距离（满分 {}）", n(*scale)),
        ),
        Normaliser::DistanceToReference { unit, scale } => pick(
            lang,
            format!("relative to unit {unit}, scaled to {}", n(*scale)),
            format!("相对于地区 {unit}（基准 {}）", n(*scale)),
        ),
        Normaliser::DistanceToMax { scale } => pick(
            lang,
            format!("distance to the maximum, scaled to {}", n(*scale)),
            format!("与最大值的距离（满分 {}）", n(*scale)),
        ),
        Normaliser::FractionOfMax { scale } => pick(
            lang,
            format!("fraction of the maximum, scaled to {}", n(*scale)),
            format!("占最大值的比例（满分 {}）", n(*scale)),
        ),
        Normaliser::Vector => pick(lang, "vector normalisation".into(), "向量标准化".into()),
    }
}

/// Pooled or per-year normalisation.
#[must_use]
pub fn panel(x: PanelScope, lang: Lang) -> String {
    match x {
        PanelScope::Pooled => pick(lang, "pooled over years".into(), "各年份合并".into()),
        PanelScope::PerYear => pick(lang, "per year".into(), "逐年".into()),
    }
}

/// The weighting scheme.
#[must_use]
pub fn weighting(x: Weighting, lang: Lang) -> String {
    let (en, zh) = match x {
        Weighting::Manual => ("framework weights", "框架设定权重"),
        Weighting::Equal => ("equal weights", "等权"),
        Weighting::Entropy => ("entropy weights", "熵值法权重"),
        Weighting::Critic => ("CRITIC weights", "CRITIC 权重"),
        Weighting::Pca => ("first principal component", "第一主成分权重"),
    };
    pick(lang, en.into(), zh.into())
}

/// The aggregation method (with its policy for zeros and negatives where it has one).
#[must_use]
pub fn aggregator(x: &Aggregator, lang: Lang) -> String {
    let policy = |p: &NonPositivePolicy| match p {
        NonPositivePolicy::Error => pick(lang, String::new(), String::new()),
        NonPositivePolicy::Exclude => pick(lang, ", values ≤ 0 excluded".into(), "，剔除非正值".into()),
        NonPositivePolicy::Shift => pick(lang, ", shifted above 0".into(), "，平移至正值".into()),
    };
    match x {
        Aggregator::Arithmetic => pick(lang, "weighted arithmetic mean".into(), "加权算术平均".into()),
        Aggregator::Geometric { non_positive } => pick(
            lang,
            format!("weighted geometric mean{}", policy(non_positive)),
            format!("加权几何平均{}", policy(non_positive)),
        ),
        Aggregator::Harmonic { non_positive } => pick(
            lang,
            format!("weighted harmonic mean{}", policy(non_positive)),
            format!("加权调和平均{}", policy(non_positive)),
        ),
        Aggregator::Generalised { p } => pick(
            lang,
            format!("generalised mean (p = {})", n(*p)),
            format!("广义平均（p = {}）", n(*p)),
        ),
        Aggregator::Topsis => pick(lang, "TOPSIS".into(), "TOPSIS 法".into()),
        Aggregator::Copeland => pick(lang, "Copeland (pairwise)".into(), "Copeland 两两比较法".into()),
    }
}

/// The imputation method.
#[must_use]
pub fn imputation(x: &Imputation, lang: Lang) -> String {
    match x {
        Imputation::None => pick(
            lang,
            "none (missing stays missing)".into(),
            "不插补（缺失保持缺失）".into(),
        ),
        Imputation::Mean => pick(lang, "indicator mean".into(), "指标均值".into()),
        Imputation::Median => pick(lang, "indicator median".into(), "指标中位数".into()),
        Imputation::GroupMean { group } => pick(
            lang,
            format!("mean within group '{group}'"),
            format!("按“{group}”分组均值"),
        ),
        Imputation::GroupMedian { group } => pick(
            lang,
            format!("median within group '{group}'"),
            format!("按“{group}”分组中位数"),
        ),
        Imputation::Latest => pick(lang, "latest earlier value".into(), "最近一期数值".into()),
        Imputation::Linear => pick(
            lang,
            "linear interpolation between years".into(),
            "年份间线性插值".into(),
        ),
    }
}

/// Which units are in the run.
#[must_use]
pub fn units(x: &UnitSelection, lang: Lang) -> String {
    match x {
        UnitSelection::All => pick(lang, "all units".into(), "全部地区".into()),
        UnitSelection::Kinds(kinds) => {
            let list: Vec<&str> = kinds
                .iter()
                .map(|k| match (k, lang) {
                    (crate::model::UnitKind::Prefecture, Lang::Zh) => "地级行政区",
                    (crate::model::UnitKind::City, Lang::Zh) => "城市",
                    (crate::model::UnitKind::Province, Lang::Zh) => "省级行政区",
                    (crate::model::UnitKind::Country, Lang::Zh) => "国家",
                    (k, _) => (*k).as_str(),
                })
                .collect();
            pick(
                lang,
                format!("units of kind {}", list.join(", ")),
                format!("类型为{}的地区", list.join("、")),
            )
        }
        UnitSelection::Codes(codes) => pick(
            lang,
            format!("{} chosen units", codes.len()),
            format!("选定的 {} 个地区", codes.len()),
        ),
    }
}

/// Which years are in the run.
#[must_use]
pub fn years(x: &YearSelection, lang: Lang) -> String {
    match x {
        YearSelection::All => pick(lang, "all years".into(), "全部年份".into()),
        YearSelection::Latest => pick(lang, "the latest year".into(), "最新年份".into()),
        YearSelection::Only(ys) => {
            let list: Vec<String> = ys.iter().map(ToString::to_string).collect();
            pick(
                lang,
                format!("years {}", list.join(", ")),
                format!("{} 年", list.join("、")),
            )
        }
        YearSelection::Snapshot { up_to } => match up_to {
            Some(y) => pick(
                lang,
                format!("snapshot: each indicator's latest value up to {y}"),
                format!("快照：各指标截至 {y} 年的最新值"),
            ),
            None => pick(
                lang,
                "snapshot: each indicator's latest value".into(),
                "快照：各指标的最新值".into(),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_debug_forms() {
        let s = crate::Settings::default();
        for lang in [Lang::En, Lang::Zh] {
            for text in [
                normaliser(&s.normaliser, lang),
                weighting(s.weighting, lang),
                aggregator(&s.aggregator, lang),
                imputation(&s.imputation, lang),
                units(&s.units, lang),
                years(&s.years, lang),
                panel(s.panel, lang),
            ] {
                assert!(!text.contains('{') && !text.contains("::"), "{text}");
                assert!(!text.is_empty());
            }
        }
        assert_eq!(
            aggregator(
                &Aggregator::Geometric {
                    non_positive: NonPositivePolicy::Exclude
                },
                Lang::En
            ),
            "weighted geometric mean, values ≤ 0 excluded"
        );
        assert_eq!(n(0.5), "0.5");
    }
}
