//! Statistical coherence of a run: each node's distribution, its correlation with its parent and its
//! siblings, and Cronbach's alpha of each aggregate's children (the JRC audit's first checks).

use polars::prelude::{Column, DataFrame};
use serde::{Deserialize, Serialize};

use super::correlation::{pearson, spearman};
use super::cronbach::cronbach_alpha;
use super::describe::{Description, Flag, FlagThresholds, describe_with};
use crate::model::NodeRole;
use crate::pipeline::Results;
use crate::{Error, Framework, Result};

/// One row of the coherence table: a framework node's scores.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NodeStats {
    /// Node code.
    pub code: String,
    /// Parent code (`None` for the index).
    pub parent: Option<String>,
    /// Level: 1 for indicators, 2 for dimensions ...
    pub level: u8,
    /// Distribution of the node's scores, with flags (including [`Flag::Collinear`] and
    /// [`Flag::NegativeWithSibling`]).
    pub stats: Description,
    /// Pearson correlation with the parent's scores (pairwise-complete rows).
    pub corr_with_parent_pearson: Option<f64>,
    /// Spearman correlation with the parent's scores (pairwise-complete rows).
    pub corr_with_parent_spearman: Option<f64>,
    /// Mean of the Pearson correlations with each sibling (those that are defined).
    pub mean_corr_with_siblings: Option<f64>,
    /// Aggregates: Cronbach's alpha of the children's scores (complete rows); `None` for indicators.
    pub cronbach_alpha: Option<f64>,
}

/// The coherence table of a run: one row per indicator and aggregate, sorted by level, then code.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Coherence {
    /// One row per node.
    pub nodes: Vec<NodeStats>,
}

impl Coherence {
    /// The row of a node code.
    ///
    /// # Example
    /// ```
    /// assert!(govgap::stats::Coherence::default().node("INDEX").is_none());
    /// ```
    #[must_use]
    pub fn node(&self, code: &str) -> Option<&NodeStats> {
        self.nodes.iter().find(|n| n.code == code)
    }

    /// The table as a polars `DataFrame`: columns `code`, `parent`, `level`, `n`, `missing`, `min`,
    /// `max`, `mean`, `median`, `sd`, `skew`, `kurtosis`, `flags` (labels joined by `"; "`),
    /// `corr_with_parent_pearson`, `corr_with_parent_spearman`, `mean_corr_with_siblings`,
    /// `cronbach_alpha`; undefined values are null.
    ///
    /// # Errors
    /// [`Error::Table`] if polars rejects the columns (not expected).
    ///
    /// # Example
    /// ```
    /// let frame = govgap::stats::Coherence::default().to_frame()?;
    /// assert_eq!(frame.width(), 17);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn to_frame(&self) -> Result<DataFrame> {
        let f = |get: fn(&NodeStats) -> Option<f64>| self.nodes.iter().map(get).collect::<Vec<Option<f64>>>();
        let columns = vec![
            Column::new(
                "code".into(),
                self.nodes.iter().map(|r| r.code.clone()).collect::<Vec<String>>(),
            ),
            Column::new(
                "parent".into(),
                self.nodes
                    .iter()
                    .map(|r| r.parent.clone())
                    .collect::<Vec<Option<String>>>(),
            ),
            Column::new(
                "level".into(),
                self.nodes.iter().map(|r| u32::from(r.level)).collect::<Vec<u32>>(),
            ),
            Column::new(
                "n".into(),
                self.nodes.iter().map(|r| r.stats.n as u64).collect::<Vec<u64>>(),
            ),
            Column::new(
                "missing".into(),
                self.nodes.iter().map(|r| r.stats.missing as u64).collect::<Vec<u64>>(),
            ),
            Column::new("min".into(), f(|r| r.stats.min)),
            Column::new("max".into(), f(|r| r.stats.max)),
            Column::new("mean".into(), f(|r| r.stats.mean)),
            Column::new("median".into(), f(|r| r.stats.median)),
            Column::new("sd".into(), f(|r| r.stats.sd)),
            Column::new("skew".into(), f(|r| r.stats.skew)),
            Column::new("kurtosis".into(), f(|r| r.stats.kurtosis)),
            Column::new(
                "flags".into(),
                self.nodes
                    .iter()
                    .map(|r| r.stats.flags.iter().map(|fl| fl.label()).collect::<Vec<_>>().join("; "))
                    .collect::<Vec<String>>(),
            ),
            Column::new("corr_with_parent_pearson".into(), f(|r| r.corr_with_parent_pearson)),
            Column::new("corr_with_parent_spearman".into(), f(|r| r.corr_with_parent_spearman)),
            Column::new("mean_corr_with_siblings".into(), f(|r| r.mean_corr_with_siblings)),
            Column::new("cronbach_alpha".into(), f(|r| r.cronbach_alpha)),
        ];
        DataFrame::new(self.nodes.len(), columns).map_err(|e| Error::Table {
            context: "building the coherence table".into(),
            source: e,
        })
    }
}

/// Coherence of a run's scores over all its rows (every year pooled), under `COINr`'s default flag
/// thresholds. See [`coherence_of`] for what is computed.
///
/// # Errors
/// None: undefined statistics are `None`.
///
/// # Example
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use govgap::model::{Framework, Node, NodeRole, RawDataset, RawValue, Source, Unit};
/// use govgap::{error::Location, pipeline, Dataset, Settings};
/// let node = |code: &str, role, parent: Option<&str>| {
///     let n = Node { code: code.into(), role, parent: parent.map(Into::into), weight: 1.0, ..Node::default() };
///     (n, Location::default())
/// };
/// let fw = Framework::new("demo", "Demo", "", "", vec![
///     node("INDEX", NodeRole::Aggregate, None),
///     node("a", NodeRole::Indicator, Some("INDEX")),
///     node("b", NodeRole::Indicator, Some("INDEX")),
/// ]).map_err(|p| format!("{p:?}"))?;
/// let mut raw = RawDataset::default();
/// raw.sources.push((Source { id: "s".into(), ..Source::default() }, Location::default()));
/// for (u, a, b) in [("u1", 1.0, 2.0), ("u2", 2.0, 3.0), ("u3", 3.0, 5.0), ("u4", 4.0, 4.0)] {
///     raw.units.push((Unit { code: u.into(), ..Unit::default() }, Location::default()));
///     for (ind, v) in [("a", a), ("b", b)] {
///         raw.values.push(RawValue { unit: u.into(), year: None, indicator: ind.into(), value: v,
///             source: "s".into(), quality: Default::default(), origin: Location::default() });
///     }
/// }
/// let ds = Dataset::new(fw, raw).map_err(|p| p.to_string())?;
/// let res = pipeline::run(&ds, &Settings::default())?;
/// let c = govgap::stats::coherence(&res);
/// // min-max scaling by the same factor leaves alpha as on the raw values:
/// // pingouin.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 5, 4]}))[0] = 0.8888888888888891
/// let alpha = c.node("INDEX").and_then(|n| n.cronbach_alpha).ok_or("no alpha")?;
/// assert!((alpha - 0.888_888_888_888_889_1).abs() < 1e-9);
/// # Ok(()) }
/// ```
#[must_use]
pub fn coherence(results: &Results) -> Coherence {
    let cols: Vec<Vec<Option<f64>>> = results.scores.iter().map(|c| c.to_options()).collect();
    coherence_of(&results.framework, &cols, &FlagThresholds::default())
}

/// Coherence of a run's scores in one year (`None`: rows without a year), under `COINr`'s default flag
/// thresholds. A year the run does not have gives rows without values.
///
/// # Errors
/// None: undefined statistics are `None`.
///
/// # Example
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # use govgap::model::{Framework, Node, NodeRole, RawDataset, RawValue, Source, Unit};
/// # use govgap::{error::Location, pipeline, Dataset, Settings};
/// # let node = |code: &str, role, parent: Option<&str>| {
/// #     let n = Node { code: code.into(), role, parent: parent.map(Into::into), weight: 1.0, ..Node::default() };
/// #     (n, Location::default())
/// # };
/// # let fw = Framework::new("demo", "Demo", "", "", vec![
/// #     node("INDEX", NodeRole::Aggregate, None),
/// #     node("a", NodeRole::Indicator, Some("INDEX")),
/// #     node("b", NodeRole::Indicator, Some("INDEX")),
/// # ]).map_err(|p| format!("{p:?}"))?;
/// # let mut raw = RawDataset::default();
/// # raw.sources.push((Source { id: "s".into(), ..Source::default() }, Location::default()));
/// # for (u, a, b) in [("u1", 1.0, 2.0), ("u2", 2.0, 3.0), ("u3", 3.0, 5.0), ("u4", 4.0, 4.0)] {
/// #     raw.units.push((Unit { code: u.into(), ..Unit::default() }, Location::default()));
/// #     for (ind, v) in [("a", a), ("b", b)] {
/// #         raw.values.push(RawValue { unit: u.into(), year: Some(2024), indicator: ind.into(), value: v,
/// #             source: "s".into(), quality: Default::default(), origin: Location::default() });
/// #     }
/// # }
/// # let ds = Dataset::new(fw, raw).map_err(|p| p.to_string())?;
/// let res = pipeline::run(&ds, &Settings::default())?;
/// let c = govgap::stats::coherence_in_year(&res, Some(2024));
/// assert_eq!(c.node("a").map(|n| n.stats.n), Some(4));
/// let none = govgap::stats::coherence_in_year(&res, Some(1999));
/// assert_eq!(none.node("a").map(|n| n.stats.n), Some(0));
/// # Ok(()) }
/// ```
#[must_use]
pub fn coherence_in_year(results: &Results, year: Option<i32>) -> Coherence {
    let rows: Vec<usize> = (0..results.rows.len())
        .filter(|&r| results.rows[r].year == year)
        .collect();
    let scores: Vec<Vec<Option<f64>>> = results
        .scores
        .iter()
        .map(|c| rows.iter().filter(|&&r| r < c.len()).map(|&r| c.get(r)).collect())
        .collect();
    coherence_of(&results.framework, &scores, &FlagThresholds::default())
}

/// Coherence of score columns (one per framework position, all of the same rows; context nodes and
/// positions without a column are skipped).
///
/// For every indicator and aggregate: [`describe_with`] of its scores; Pearson and Spearman
/// correlation with its parent's scores; the mean Pearson correlation with its siblings (other
/// children of the same parent), flagging [`Flag::Collinear`] when one exceeds
/// `thresholds.collinear` and [`Flag::NegativeWithSibling`] when one is below `thresholds.negative`.
/// For every aggregate: Cronbach's alpha of its children's scores.
///
/// ```text
/// corr_with_parent   = r(x_node, x_parent)                   pairwise-complete rows
/// mean_corr_siblings = mean_{s ∈ siblings, r defined} r(x_node, x_s)
/// alpha(aggregate)   = k/(k-1) · (1 - Σ var(child) / var(Σ child))   complete rows, k children
/// ```
///
/// Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, §1.5 and Step 4
/// (multivariate analysis); Saisana, M. et al. (2005), "Uncertainty and sensitivity analysis
/// techniques as tools for the quality assessment of composite indicators", *J. R. Stat. Soc. A*
/// 168(2), 307–323; `COINr`'s `get_stats`, `get_corr(withparent = TRUE)`, `get_corr_flags` and
/// `get_cronbach`.
///
/// # Errors
/// None: undefined statistics are `None`.
///
/// # Example
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use govgap::model::{Framework, Node, NodeRole};
/// use govgap::{error::Location, stats};
/// let node = |code: &str, role, parent: Option<&str>| {
///     let n = Node { code: code.into(), role, parent: parent.map(Into::into), weight: 1.0, ..Node::default() };
///     (n, Location::default())
/// };
/// let fw = Framework::new("demo", "Demo", "", "", vec![
///     node("INDEX", NodeRole::Aggregate, None),
///     node("a", NodeRole::Indicator, Some("INDEX")),
///     node("b", NodeRole::Indicator, Some("INDEX")),
/// ]).map_err(|p| format!("{p:?}"))?;
/// let a = vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
/// let b = vec![Some(2.0), Some(3.0), Some(5.0), Some(4.0)];
/// let index: Vec<Option<f64>> = a.iter().zip(&b).map(|(x, y)| Some((x.unwrap_or(0.0) + y.unwrap_or(0.0)) / 2.0)).collect();
/// let c = stats::coherence_of(&fw, &[index, a, b], &stats::FlagThresholds::default());
/// // pandas: pd.Series([1, 2, 3, 4]).corr(pd.Series([2, 3, 5, 4])) = 0.7999999999999998
/// assert!((c.node("a").and_then(|n| n.mean_corr_with_siblings).ok_or("none")? - 0.8).abs() < 1e-12);
/// # Ok(()) }
/// ```
#[must_use]
pub fn coherence_of<C: AsRef<[Option<f64>]>>(
    framework: &Framework,
    scores: &[C],
    thresholds: &FlagThresholds,
) -> Coherence {
    let nodes = framework.nodes();
    let scores: Vec<&[Option<f64>]> = scores.iter().map(AsRef::as_ref).collect();
    let in_table = |k: usize| nodes[k].role != NodeRole::Context && k < scores.len();
    let mut out: Vec<NodeStats> = (0..nodes.len())
        .filter(|&k| in_table(k))
        .map(|k| {
            let col = scores[k];
            let mut stats = describe_with(col, thresholds);
            let parent = framework.parent(k).filter(|&p| in_table(p));
            let (corr_p, corr_s) = match parent {
                Some(p) => (pearson(col, scores[p]), spearman(col, scores[p])),
                None => (None, None),
            };
            let sibling_corrs: Vec<f64> = parent
                .map(|p| framework.children(p))
                .unwrap_or_default()
                .iter()
                .filter(|&&s| s != k && in_table(s))
                .filter_map(|&s| pearson(col, scores[s]))
                .collect();
            if sibling_corrs.iter().any(|&r| r > thresholds.collinear) {
                stats.flags.push(Flag::Collinear);
            }
            if sibling_corrs.iter().any(|&r| r < thresholds.negative) {
                stats.flags.push(Flag::NegativeWithSibling);
            }
            stats.flags.sort_unstable();
            let alpha = (nodes[k].role == NodeRole::Aggregate)
                .then(|| {
                    let children: Vec<&[Option<f64>]> = framework
                        .children(k)
                        .iter()
                        .filter(|&&c| in_table(c))
                        .map(|&c| scores[c])
                        .collect();
                    cronbach_alpha(&children)
                })
                .flatten();
            NodeStats {
                code: nodes[k].code.clone(),
                parent: nodes[k].parent.clone(),
                level: framework.level(k),
                stats,
                corr_with_parent_pearson: corr_p,
                corr_with_parent_spearman: corr_s,
                mean_corr_with_siblings: super::moments::mean(&sibling_corrs),
                cronbach_alpha: alpha,
            }
        })
        .collect();
    out.sort_by(|a, b| a.level.cmp(&b.level).then_with(|| a.code.cmp(&b.code)));
    Coherence { nodes: out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::model::Node;

    fn framework() -> Framework {
        let node = |code: &str, role, parent: Option<&str>| {
            let n = Node {
                code: code.into(),
                role,
                parent: parent.map(Into::into),
                weight: 1.0,
                ..Node::default()
            };
            (n, Location::default())
        };
        let nodes = vec![
            node("INDEX", NodeRole::Aggregate, None),
            node("D1", NodeRole::Aggregate, Some("INDEX")),
            node("D2", NodeRole::Aggregate, Some("INDEX")),
            node("a", NodeRole::Indicator, Some("D1")),
            node("b", NodeRole::Indicator, Some("D1")),
            node("c", NodeRole::Indicator, Some("D1")),
            node("d", NodeRole::Indicator, Some("D2")),
            node("pop", NodeRole::Context, None),
        ];
        let fw = Framework::new("t", "T", "", "", nodes);
        assert!(fw.is_ok(), "{fw:?}");
        fw.unwrap_or_else(|_| unreachable!())
    }

    fn close(got: Option<f64>, want: Option<f64>, what: &str) {
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{what}: got {g}, want {w}"),
            (g, w) => assert_eq!(g, w, "{what}"),
        }
    }

    #[test]
    fn coherence_table_matches_pandas() {
        let nan = None;
        let a = vec![Some(2.0), Some(4.0), Some(3.0), Some(5.0), Some(4.0), Some(1.0), nan];
        let b = vec![
            Some(3.0),
            Some(5.0),
            Some(3.0),
            Some(4.0),
            Some(5.0),
            Some(2.0),
            Some(4.0),
        ];
        let c = vec![
            Some(1.0),
            Some(4.0),
            Some(2.0),
            Some(5.0),
            Some(3.0),
            Some(2.0),
            Some(5.0),
        ];
        let d = vec![
            Some(7.0),
            Some(1.0),
            Some(3.0),
            Some(2.0),
            Some(6.0),
            Some(5.0),
            Some(4.0),
        ];
        // D1 = row mean of present a, b, c; D2 = d; INDEX = mean(D1, D2)
        let d1: Vec<Option<f64>> = (0..7)
            .map(|r| {
                let v: Vec<f64> = [&a, &b, &c].iter().filter_map(|col| col[r]).collect();
                crate::stats::mean(&v)
            })
            .collect();
        let index: Vec<Option<f64>> = (0..7)
            .map(|r| Some(f64::midpoint(d1[r].unwrap_or(0.0), d[r].unwrap_or(0.0))))
            .collect();
        let scores = vec![index, d1, d.clone(), a, b, c, d, vec![]];
        let t = coherence_of(&framework(), &scores, &FlagThresholds::default());
        let codes: Vec<&str> = t.nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes, vec!["a", "b", "c", "d", "D1", "D2", "INDEX"]);
        // df = pd.DataFrame({"a": [2, 4, 3, 5, 4, 1, nan], "b": [3, 5, 3, 4, 5, 2, 4],
        //                    "c": [1, 4, 2, 5, 3, 2, 5], "d": [7, 1, 3, 2, 6, 5, 4]})
        // df["D1"] = df[["a", "b", "c"]].mean(axis=1); df["INDEX"] = (df.D1 + df.d) / 2
        // df.a.corr(df.D1) = 0.9697523294220954; df.a.corr(df.D1, method="spearman") = 0.9856107606091624
        // (df.a.corr(df.b) + df.a.corr(df.c)) / 2 = 0.8344535986806444
        // pingouin.cronbach_alpha(df[["a", "b", "c"]], nan_policy="listwise")[0] = 0.9068181818181817
        let row = t.node("a").cloned().unwrap_or_default();
        close(
            row.corr_with_parent_pearson,
            Some(0.969_752_329_422_095_4),
            "a~D1 pearson",
        );
        close(
            row.corr_with_parent_spearman,
            Some(0.985_610_760_609_162_4),
            "a~D1 spearman",
        );
        close(row.mean_corr_with_siblings, Some(0.834_453_598_680_644_4), "a~siblings");
        close(row.cronbach_alpha, None, "indicator alpha");
        assert_eq!((row.stats.n, row.stats.missing, row.level), (6, 1, 1));
        let d1_row = t.node("D1").cloned().unwrap_or_default();
        close(d1_row.cronbach_alpha, Some(0.906_818_181_818_181_7), "alpha D1");
        // D2 has one child (alpha undefined) and d equals D2 exactly
        let d_row = t.node("d").cloned().unwrap_or_default();
        close(d_row.corr_with_parent_pearson, Some(1.0), "d~D2");
        close(d_row.mean_corr_with_siblings, None, "d has no sibling");
        close(t.node("D2").and_then(|n| n.cronbach_alpha), None, "alpha D2");
        close(
            t.node("INDEX").and_then(|n| n.corr_with_parent_pearson),
            None,
            "index has no parent",
        );
        assert!(t.node("pop").is_none());
    }

    #[test]
    fn sibling_flags() {
        let x = vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0)];
        let near = vec![Some(1.1), Some(2.0), Some(2.9), Some(4.2), Some(5.0)];
        let opposite = vec![Some(5.0), Some(4.0), Some(3.0), Some(2.0), Some(1.0)];
        let empty = vec![None; 5];
        let scores = vec![x.clone(), x.clone(), empty.clone(), x, near, opposite, empty, vec![]];
        let t = coherence_of(&framework(), &scores, &FlagThresholds::default());
        let flags = |code: &str| t.node(code).map(|n| n.stats.flags.clone()).unwrap_or_default();
        assert_eq!(flags("a"), vec![Flag::Collinear, Flag::NegativeWithSibling]);
        assert_eq!(flags("c"), vec![Flag::NegativeWithSibling]);
        assert_eq!(flags("d"), vec![Flag::LowAvailability]);
    }

    #[test]
    fn frame_has_one_row_per_node() {
        let scores = vec![vec![Some(1.0), Some(2.0)]; 7];
        let t = coherence_of(&framework(), &scores, &FlagThresholds::default());
        let frame = t.to_frame();
        assert!(frame.is_ok());
        if let Ok(f) = frame {
            assert_eq!(f.shape(), (7, 17));
            assert_eq!(f.get_column_names()[0].as_str(), "code");
        }
    }
}
