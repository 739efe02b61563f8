//! The words of the charts in English and Chinese: default titles, axis names with units, legend
//! entries and notes.
//!
//! ```
//! use govgap::{Lang, chart::labels::Label};
//! assert_eq!(Label::NoData.text(Lang::Zh), "无数据");
//! assert_eq!(Label::NoData.text(Lang::En), "no data");
//! ```

use crate::Lang;

/// The marker put after a secondary-source value or a unit whose value is secondary.
pub const SECONDARY_MARK: &str = "†";

/// A piece of chart text; [`Label::text`] gives it in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// Default title of the ranked bars.
    RankedBarsTitle,
    /// Default title of the radar.
    RadarTitle,
    /// Default title of the map.
    ChoroplethTitle,
    /// Default title of the heatmap.
    HeatmapTitle,
    /// Default title of the Lorenz curves.
    LorenzTitle,
    /// Default title of the Theil decomposition.
    TheilTitle,
    /// Default title of the Dagum decomposition.
    DagumTitle,
    /// Default title of the rank intervals.
    RankIntervalsTitle,
    /// Default title of the benchmark trends.
    TrendsTitle,
    /// Default title of the kernel densities.
    DensitiesTitle,
    /// Default title of the coverage matrix.
    CoverageTitle,
    /// Axis: contribution to the index in points.
    ContributionAxis,
    /// Axis: score on 0–100.
    ScoreAxis,
    /// Axis: the prefectures / units.
    UnitAxis,
    /// Axis: dimensions.
    DimensionAxis,
    /// Axis: indicators.
    IndicatorAxis,
    /// Axis: year.
    YearAxis,
    /// Axis: density.
    DensityAxis,
    /// Axis: cumulative share of units.
    CumulativeUnitsAxis,
    /// Axis: cumulative share of population.
    CumulativePopulationAxis,
    /// Axis: cumulative share of the index.
    CumulativeValueAxis,
    /// Axis: Theil T.
    TheilAxis,
    /// Axis: Gini coefficient (Dagum).
    DagumAxis,
    /// Axis: rank.
    RankAxis,
    /// Axis: series or year of a decomposition.
    SeriesAxis,
    /// Legend: no data.
    NoData,
    /// Legend: no data, or the part of a score not attributed to a dimension.
    NoDataOrUnattributed,
    /// Legend: a radar dimension without data.
    NoDataOnAxis,
    /// Legend note: secondary-source values are marked.
    SecondaryNote,
    /// Legend: hollow marker for a secondary-source value.
    SecondaryPoint,
    /// Legend: the line of equality.
    EqualityLine,
    /// Legend: Gini coefficient (short).
    Gini,
    /// Legend: within groups.
    Within,
    /// Legend: between groups.
    Between,
    /// Legend: transvariation.
    Transvariation,
    /// Legend: nominal rank.
    NominalRank,
    /// Legend: median rank.
    MedianRank,
    /// Legend: 5–95 % interval.
    RankInterval,
    /// Coverage: official.
    Official,
    /// Coverage: secondary source.
    Secondary,
    /// Coverage: derived.
    Derived,
    /// Coverage: no quality flag.
    Unflagged,
    /// Coverage: missing.
    Missing,
    /// Classification: quantiles.
    ClassQuantile,
    /// Classification: equal intervals.
    ClassEqualInterval,
    /// Classification: natural breaks.
    ClassNaturalBreaks,
    /// Note under the trends: editions changed their methods, gaps are not interpolated.
    EditionsNote,
    /// Note under the rank intervals: what the interval is.
    RankIntervalsNote,
    /// Note under the Lorenz curves: how the Gini is computed when not given.
    LorenzNote,
}

impl Label {
    /// The text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = self.pair();
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Self::RankedBarsTitle => (
                "Smart-government maturity index: ranking and dimension contributions",
                "智慧政府成熟度指数：排名与维度贡献",
            ),
            Self::RadarTitle => ("Dimension scores against benchmarks", "各维度得分与标杆对比"),
            Self::ChoroplethTitle => ("Smart-government maturity by region", "智慧政府成熟度空间分布"),
            Self::HeatmapTitle => ("Dimension scores by unit", "各地区维度得分"),
            Self::LorenzTitle => ("Lorenz curves of the index", "指数洛伦兹曲线"),
            Self::TheilTitle => ("Theil index decomposition by group", "泰尔指数分组分解"),
            Self::DagumTitle => ("Dagum Gini decomposition by group", "Dagum基尼系数分组分解"),
            Self::RankIntervalsTitle => ("Rank uncertainty (Monte Carlo)", "排名不确定性（蒙特卡洛模拟）"),
            Self::TrendsTitle => ("Benchmark trends across survey editions", "标杆指标历年变化"),
            Self::DensitiesTitle => ("Kernel density of the index by year", "指数核密度分布（分年份）"),
            Self::CoverageTitle => ("Data coverage and quality", "数据覆盖与质量"),
            Self::ContributionAxis => (
                "Contribution to the index (points, 0–100 scale)",
                "对指数的贡献（分，0–100）",
            ),
            Self::ScoreAxis => ("Score (0–100)", "得分（0–100）"),
            Self::UnitAxis => ("Region", "地区"),
            Self::DimensionAxis => ("Dimension", "维度"),
            Self::IndicatorAxis => ("Indicator", "指标"),
            Self::YearAxis => ("Year", "年份"),
            Self::DensityAxis => ("Density (per score point)", "密度（每分）"),
            Self::CumulativeUnitsAxis => ("Cumulative share of units (%)", "地区累计占比（%）"),
            Self::CumulativePopulationAxis => ("Cumulative share of population (%)", "人口累计占比（%）"),
            Self::CumulativeValueAxis => ("Cumulative share of the index (%)", "指数累计占比（%）"),
            Self::TheilAxis => ("Theil T index", "泰尔T指数"),
            Self::DagumAxis => ("Gini coefficient", "基尼系数"),
            Self::RankAxis => ("Rank (1 = best)", "排名（1 = 最优）"),
            Self::SeriesAxis => ("Series", "序列"),
            Self::NoData => ("no data", "无数据"),
            Self::NoDataOrUnattributed => ("no data / not attributed", "无数据 / 未分解部分"),
            Self::NoDataOnAxis => ("no data on this dimension (not zero)", "该维度无数据（非零值）"),
            Self::SecondaryNote => ("† secondary-source value", "† 二手来源数据"),
            Self::SecondaryPoint => ("hollow marker: secondary source", "空心标记：二手来源"),
            Self::EqualityLine => ("line of equality", "绝对平均线"),
            Self::Gini => ("Gini", "基尼系数"),
            Self::Within => ("within groups", "组内差异"),
            Self::Between => ("between groups", "组间差异"),
            Self::Transvariation => ("transvariation (overlap)", "超变密度"),
            Self::NominalRank => ("nominal rank", "名义排名"),
            Self::MedianRank => ("median rank", "中位排名"),
            Self::RankInterval => ("5–95 % interval", "5%–95% 区间"),
            Self::Official => ("official", "官方数据"),
            Self::Secondary => ("secondary source †", "二手来源 †"),
            Self::Derived => ("derived", "推算数据"),
            Self::Unflagged => ("no quality flag", "未标注质量"),
            Self::Missing => ("missing", "缺失"),
            Self::ClassQuantile => ("quantile classes", "分位数分级"),
            Self::ClassEqualInterval => ("equal intervals", "等间距分级"),
            Self::ClassNaturalBreaks => ("natural breaks (Jenks)", "自然断点分级（Jenks）"),
            Self::EditionsNote => (
                "Survey methods changed between editions, so values are not strictly comparable over time; \
                 missing editions are left as gaps, not interpolated.",
                "各期调查方法有所调整，不同年份的数值不能严格比较；缺失年份留空，未作插值。",
            ),
            Self::RankIntervalsNote => (
                "Ranks over the Monte Carlo runs of the uncertainty analysis: line = 5th–95th percentile, \
                 dot = nominal rank, bar = median.",
                "不确定性分析蒙特卡洛模拟中的排名：线段为第5–95百分位，圆点为名义排名，竖线为中位排名。",
            ),
            Self::LorenzNote => (
                "Gini, where not given: 1 − Σ (X[k] − X[k−1]) · (Y[k] + Y[k−1]) over the points of the Lorenz curve.",
                "未给定基尼系数时按洛伦兹曲线计算：1 − Σ (X[k] − X[k−1]) · (Y[k] + Y[k−1])。",
            ),
        }
    }
}

/// `label` followed by [`SECONDARY_MARK`] when `secondary`.
pub(crate) fn marked(label: &str, grade: super::SourceGrade) -> String {
    match grade {
        super::SourceGrade::Primary => label.to_string(),
        super::SourceGrade::Secondary => format!("{label}{SECONDARY_MARK}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        let all = [
            Label::RankedBarsTitle,
            Label::RadarTitle,
            Label::ChoroplethTitle,
            Label::HeatmapTitle,
            Label::LorenzTitle,
            Label::TheilTitle,
            Label::DagumTitle,
            Label::RankIntervalsTitle,
            Label::TrendsTitle,
            Label::DensitiesTitle,
            Label::CoverageTitle,
            Label::NoData,
            Label::EditionsNote,
        ];
        for label in all {
            assert!(!label.text(Lang::En).is_empty());
            assert!(
                label.text(Lang::Zh).chars().any(|c| u32::from(c) > 0x2E80),
                "{label:?} has no Chinese"
            );
        }
    }
}
