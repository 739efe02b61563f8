//! Every label of the dashboard in English and Chinese, in one table.
//!
//! Panels never write a user-visible literal: they ask [`tr`] for a [`K`]ey. Names of units and
//! framework nodes come from the dataset itself (`Unit::name(lang)`, `Node::name(lang)`).

use govgap::Lang;

macro_rules! table {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A label key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum K {
            $($key,)*
        }

        impl K {
            /// Every key, for tests that check the table is complete.
            pub const ALL: &'static [K] = &[$(K::$key,)*];

            /// The English label.
            #[must_use]
            pub fn en(self) -> &'static str {
                match self {
                    $(K::$key => $en,)*
                }
            }

            /// The Chinese label.
            #[must_use]
            pub fn zh(self) -> &'static str {
                match self {
                    $(K::$key => $zh,)*
                }
            }
        }
    };
}

table! {
    AppTitle => "govgap: smart-government maturity of Heilongjiang", "govgap：黑龙江智慧政府成熟度";
    Overview => "Overview", "总览";
    Dimensions => "Dimensions", "维度";
    Gaps => "Gaps", "差距";
    Benchmarks => "Benchmarks", "标杆对比";
    WhatIf => "What-if", "情景模拟";
    Uncertainty => "Uncertainty", "不确定性";
    Data => "Data", "数据";
    Losi => "LOSI assessment", "LOSI 评估";
    SwitchLanguage => "中文", "English";
    Open => "Open dataset…", "打开数据集…";
    ImportCoinr => "Import COINr iData/iMeta…", "导入 COINr iData/iMeta…";
    ImportData => "Import", "导入";
    SaveSettings => "Save settings…", "保存设置…";
    LoadSettings => "Load settings…", "载入设置…";
    ExportChart => "Export chart…", "导出图表…";
    Undo => "Undo", "撤销";
    Reset => "Reset", "重置";
    Dismiss => "Dismiss", "关闭";
    ErrorTitle => "Something went wrong", "出现错误";
    ErrorLoad => "The file could not be loaded", "文件无法载入";
    ErrorKeepNote => "Nothing was replaced: the dataset and your unsaved assessment are unchanged.", "未替换任何内容：当前数据集和未保存的评估均保持不变。";
    Problems => "Problems", "问题";
    Fix => "Fix", "修正";
    NoData => "No dataset is loaded.", "尚未载入数据集。";
    NotAvailable => "Not available yet in this build of govgap core", "govgap 核心库暂未提供此功能";
    ColourBy => "Colour by", "着色依据";
    Ranking => "Ranking", "排名";
    Rank => "Rank", "名次";
    Unit => "Unit", "地区";
    Score => "Score", "得分";
    Coverage => "Coverage", "覆盖率";
    HeadlineGaps => "Headline gap measures", "主要差距指标";
    Measure => "Measure", "指标";
    Value => "Value", "数值";
    Selected => "Selected", "已选";
    StackedBars => "Contribution of each dimension to the index", "各维度对指数的贡献";
    Profile => "Profile of the selected unit against the mean", "所选地区与平均水平的对比";
    Mean => "Mean", "平均";
    Lorenz => "Lorenz curve", "洛伦兹曲线";
    Equality => "Line of equality", "绝对平等线";
    Decomposition => "Decomposition by group", "分组分解";
    Grouping => "Grouping", "分组变量";
    Between => "Between groups", "组间";
    Within => "Within groups", "组内";
    Total => "Total", "合计";
    Spatial => "Spatial clusters", "空间集聚";
    Convergence => "Convergence", "收敛性";
    OneYearOnly => "The data has one year only: convergence needs at least two.", "数据只有一个年份：收敛分析至少需要两年。";
    Node => "Node", "节点";
    Exemplars => "Exemplars", "标杆";
    Target => "Target", "目标值";
    Source => "Source", "来源";
    Quality => "Quality", "质量";
    SecondaryMark => "† secondary source (a third party's copy)", "† 二手来源（第三方转载）";
    DerivedMark => "‡ derived by the project", "‡ 项目推算";
    Missing => "missing", "缺失";
    Weights => "Weights", "权重";
    DimensionWeights => "Dimension weights", "维度权重";
    IndicatorWeights => "Indicator weights", "指标权重";
    Normalisation => "Normalisation", "标准化方法";
    Aggregation => "Aggregation", "加总方法";
    Baseline => "Baseline", "基准";
    Change => "Change", "变化";
    RunUncertainty => "Run uncertainty analysis", "运行不确定性分析";
    Cancel => "Cancel", "取消";
    Samples => "Samples", "样本数";
    Seed => "Seed", "随机种子";
    RankInterval => "Rank interval (5th–95th percentile)", "名次区间（第5–95百分位）";
    Median => "Median", "中位数";
    Running => "Running…", "运行中…";
    Cancelled => "Cancelled.", "已取消。";
    ValuesTable => "Values", "数值表";
    CoverageMatrix => "Coverage matrix", "覆盖率矩阵";
    Validation => "Validation", "校验";
    NoProblems => "No problems found.", "未发现问题。";
    Year => "Year", "年份";
    Indicator => "Indicator", "指标";
    Prefecture => "Prefecture", "地级市";
    Criterion => "Criterion", "准则";
    Met => "Met", "满足";
    Evidence => "Evidence URL", "证据链接";
    SaveAssessment => "Save assessment", "保存评估";
    OpenAssessment => "Open assessment…", "打开评估…";
    Saved => "Saved", "已保存";
    Unsaved => "Unsaved changes", "有未保存的修改";
    LosiScore => "LOSI score (share of items met)", "LOSI 得分（满足项目的比例）";
    Edition => "Edition", "版本";
    EditionMismatch => "Benchmark cities are compared only where the LOSI edition matches.", "仅在 LOSI 版本相同时与标杆城市比较。";
    NoItems => "The LOSI item catalogue was not found.", "未找到 LOSI 项目目录。";
    Language => "Language", "语言";
    Index => "Index", "指数";
    Settings => "Settings", "设置";
    Notes => "Notes", "说明";
    Dropped => "Dropped units", "剔除的地区";
    Items => "items", "项";
    ShortcutsHint => "Ctrl+O open · Ctrl+S save settings · Ctrl+Z undo · Ctrl+E export", "Ctrl+O 打开 · Ctrl+S 保存设置 · Ctrl+Z 撤销 · Ctrl+E 导出";
    Exported => "Exported", "已导出";
    Loaded => "Loaded", "已载入";
    SettingsNotUsed => "settings file not used (default build instead)", "设置文件未采用（改用默认方法）";
    UncertaintyHint => "Runs the index many times with every weight varied at random (each by up to ±25 %) and shows, for each prefecture, the range its rank stays in: a rank that barely moves can be trusted, a wide range means the ranking depends on the weighting.", "多次重算指数，每次随机调整各项权重（各 ±25% 以内），显示每个地区排名的变动范围：排名几乎不变的结果可靠，范围宽则说明排名取决于权重设定。";
    SettingsDefaultNote => "The data is open with the default build (min-max 0-100, equal weights, arithmetic mean). Correct the file and open the folder again, or load another settings file.", "数据已按默认方法打开（最小-最大 0-100、等权重、算术平均）。请修正该文件后重新打开文件夹，或载入其他设置文件。";
    Cells => "cells", "个单元格";
    Units => "units", "个地区";
    Gini => "Gini coefficient", "基尼系数";
    TheilT => "Theil T", "泰尔指数 T";
    TheilL => "Theil L (mean log deviation)", "泰尔指数 L（平均对数偏差）";
    Cv => "Coefficient of variation", "变异系数";
    Sd => "Standard deviation", "标准差";
    RangeM => "Range (max − min)", "极差（最大值 − 最小值）";
    MaxMinRatio => "Max / min ratio", "最大值/最小值比";
    Atkinson1 => "Atkinson (ε = 1)", "阿特金森指数（ε = 1）";
    MoransI => "Moran's I", "莫兰指数 I";
    PValue => "p-value", "p 值";
    Cluster => "Cluster", "集聚类型";
    Sigma => "σ-convergence (coefficient of variation by year)", "σ 收敛（各年变异系数）";
    Beta => "β-convergence coefficient", "β 收敛系数";
    PopulationShare => "Cumulative share of units", "地区累计比例";
    ValueShare => "Cumulative share of the score", "得分累计比例";
    Groups => "groups", "组";
    Inequality => "Inequality", "不平等程度";
    Contribution => "Contribution", "贡献";
    GroupN => "n", "数量";
    NormMinMax => "Min-max (0–100)", "最小-最大（0–100）";
    NormZScore => "z-score", "z 分数";
    NormRank => "Rank", "排序";
    NormPercentile => "Percentile rank", "百分位排序";
    NormGoalposts => "Goalposts (0–100)", "目标区间（0–100）";
    NormTarget => "Distance to target", "距目标距离";
    NormMax => "Distance to the best", "距最优距离";
    NormFracMax => "Fraction of the best", "占最优比例";
    AggArithmetic => "Arithmetic mean", "算术平均";
    AggGeometric => "Geometric mean", "几何平均";
    AggHarmonic => "Harmonic mean", "调和平均";
    AggTopsis => "TOPSIS", "TOPSIS 法";
    AggCopeland => "Copeland", "Copeland 法";
    Other => "Other", "其他";
    Assessed => "Assessed", "已评估";
    GapToExemplar => "Dimension scores on the goalposts (gap to the exemplar in brackets)", "目标区间上的维度得分（括号内为与标杆的差距）";
    GapNote => "Each pair is compared on the indicators both have; hover for which.", "每对地区只比较双方都有数据的指标；悬停查看具体指标。";
    SharedIndicators => "Shared indicators", "共同指标";
    NoGeometry => "This dataset has no boundaries (no *.geojson in its folder).", "该数据集没有边界数据（文件夹中没有 *.geojson）。";
    NotSignificant => "not significant", "不显著";
}

/// The label of `key` in `lang`.
#[must_use]
pub fn tr(lang: Lang, key: K) -> &'static str {
    match lang {
        Lang::En => key.en(),
        Lang::Zh => key.zh(),
    }
}

#[cfg(test)]
mod tests {
    use super::K;

    #[test]
    fn every_key_has_both_languages() {
        for k in K::ALL {
            assert!(!k.en().is_empty() && !k.zh().is_empty(), "{k:?}");
        }
    }
}
