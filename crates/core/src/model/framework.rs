use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Location, Problem, ProblemKind};

/// Whether more of an indicator is better (+1) or worse (-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub enum Direction {
    /// Higher is better (+1).
    #[default]
    Positive,
    /// Lower is better (-1).
    Negative,
}

impl Direction {
    /// +1.0 or -1.0.
    #[must_use]
    pub fn sign(self) -> f64 {
        match self {
            Self::Positive => 1.0,
            Self::Negative => -1.0,
        }
    }
    /// From +1 / -1; anything else is `None`.
    #[must_use]
    pub fn from_sign(s: f64) -> Option<Self> {
        if s == 1.0 {
            Some(Self::Positive)
        } else if s == -1.0 {
            Some(Self::Negative)
        } else {
            None
        }
    }
}

impl TryFrom<i8> for Direction {
    type Error = String;
    fn try_from(v: i8) -> Result<Self, Self::Error> {
        Self::from_sign(f64::from(v)).ok_or_else(|| format!("direction must be 1 or -1, not {v}"))
    }
}

impl From<Direction> for i8 {
    fn from(d: Direction) -> i8 {
        match d {
            Direction::Positive => 1,
            Direction::Negative => -1,
        }
    }
}

/// Fixed bounds of an indicator's natural scale, used by goalpost normalisation so that years and
/// benchmarks stay comparable. `low < high` always holds in a validated framework.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Goalposts {
    /// The value that maps to the bottom of the scale.
    pub low: f64,
    /// The value that maps to the top of the scale.
    pub high: f64,
}

/// What a framework node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeRole {
    /// A measured indicator that is aggregated into its parent (level 1).
    #[default]
    Indicator,
    /// A dimension, sub-index or the index: a weighted aggregate of its children.
    Aggregate,
    /// A measured variable that is shown and used as a denominator or context, never aggregated.
    Context,
}

/// A node of the framework: an indicator, an aggregate, or a context variable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    /// Unique code.
    pub code: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Indicator, aggregate or context.
    pub role: NodeRole,
    /// Code of the parent aggregate; `None` for the index and for context variables.
    pub parent: Option<String>,
    /// +1 if more is better.
    pub direction: Direction,
    /// Weight within the parent (re-normalised over siblings; need not sum to one).
    pub weight: f64,
    /// Unit of measure, e.g. `%`, `per 10,000 people`, `score 0-100`.
    pub unit: String,
    /// Code of a context indicator that this indicator is divided by (denomination).
    pub denominator: Option<String>,
    /// Multiplier applied after division: 100 for "per 100 people", 10,000 for "per 10,000 people".
    pub per: Option<f64>,
    /// Natural scale of the indicator, for goalpost normalisation.
    pub goalposts: Option<Goalposts>,
    /// A target value (for distance-to-target normalisation and planning).
    pub target: Option<f64>,
    /// What the node measures and why.
    pub description: String,
}

impl Node {
    /// The name in the requested language, falling back to English, then the code.
    #[must_use]
    pub fn name(&self, lang: crate::Lang) -> &str {
        let n = match lang {
            crate::Lang::Zh if !self.name_zh.is_empty() => &self.name_zh,
            _ => &self.name_en,
        };
        if n.is_empty() { &self.code } else { n }
    }
}

/// A validated hierarchy: indicators (level 1) aggregate into dimensions, sub-indices and one index.
///
/// Invariants: codes are unique; every indicator has an existing aggregate as parent; there are no
/// cycles; every aggregate has at least one child; exactly one aggregate (the index) has no parent;
/// weights are finite, non-negative and not all zero among siblings; goalposts have `low < high`;
/// denominators name context or indicator nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    /// Short code of the framework.
    pub code: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Description.
    pub description: String,
    nodes: Vec<Node>,
    #[serde(skip)]
    by_code: HashMap<String, usize>,
    #[serde(skip)]
    children: Vec<Vec<usize>>,
    #[serde(skip)]
    level: Vec<u8>,
    #[serde(skip)]
    root: usize,
}

impl Framework {
    /// Validates a list of nodes (in framework order), each with the place it was read from.
    ///
    /// # Errors
    /// Every structural problem at once (see [`ProblemKind`]).
    pub fn new(
        code: impl Into<String>,
        name_en: impl Into<String>,
        name_zh: impl Into<String>,
        description: impl Into<String>,
        nodes: Vec<(Node, Location)>,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut by_code = HashMap::new();
        for (i, (n, loc)) in nodes.iter().enumerate() {
            let loc = loc.clone().indicator(&n.code);
            if n.code.trim().is_empty() {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc.clone(),
                    "a node has an empty code",
                    "give every node a unique, non-empty code",
                ));
            }
            if by_code.insert(n.code.clone(), i).is_some() {
                problems.push(Problem::error(
                    ProblemKind::DuplicateNode,
                    loc.clone(),
                    format!("node code '{}' appears more than once", n.code),
                    "rename or remove one of the duplicates",
                ));
            }
            if !n.weight.is_finite() || n.weight < 0.0 {
                problems.push(Problem::error(
                    ProblemKind::BadWeight,
                    loc.clone(),
                    format!("weight {} is negative or not finite", n.weight),
                    "use a finite weight >= 0",
                ));
            }
            if let Some(g) = n.goalposts
                && !(g.low.is_finite() && g.high.is_finite() && g.low < g.high)
            {
                problems.push(Problem::error(
                    ProblemKind::BadGoalposts,
                    loc.clone(),
                    format!("goalposts low {} and high {} do not satisfy low < high", g.low, g.high),
                    "set low below high (both finite)",
                ));
            }
            if let Some(per) = n.per
                && !(per.is_finite() && per > 0.0)
            {
                problems.push(Problem::error(
                    ProblemKind::BadDenominator,
                    loc.clone(),
                    format!("'per' multiplier {per} is not a positive number"),
                    "use e.g. per = 100 for 'per 100 people'",
                ));
            }
        }
        let n = nodes.len();
        let mut children = vec![Vec::new(); n];
        let mut parent_of = vec![None; n];
        for (i, (node, loc)) in nodes.iter().enumerate() {
            let loc = loc.clone().indicator(&node.code);
            match (&node.parent, node.role) {
                (None, NodeRole::Indicator) => problems.push(Problem::error(
                    ProblemKind::IndicatorWithoutParent,
                    loc,
                    format!(
                        "indicator '{}' has no parent, so it would not enter the index",
                        node.code
                    ),
                    "set its parent to a dimension code, or mark it role = \"context\" if it is context only",
                )),
                (Some(p), NodeRole::Context) => problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc,
                    format!(
                        "context variable '{}' has parent '{p}', but context is never aggregated",
                        node.code
                    ),
                    "remove the parent, or make the node an indicator",
                )),
                (Some(p), _) => match by_code.get(p) {
                    None => problems.push(Problem::error(
                        ProblemKind::UnknownParent,
                        loc,
                        format!("parent '{p}' of '{}' does not exist", node.code),
                        "add the parent node to the framework or correct the code",
                    )),
                    Some(&j) if nodes[j].0.role != NodeRole::Aggregate => problems.push(Problem::error(
                        ProblemKind::UnknownParent,
                        loc,
                        format!("parent '{p}' of '{}' is not an aggregate", node.code),
                        "point the parent at a dimension, sub-index or index node",
                    )),
                    Some(&j) => {
                        children[j].push(i);
                        parent_of[i] = Some(j);
                    }
                },
                (None, _) => {}
            }
            if let Some(d) = &node.denominator {
                match by_code.get(d) {
                    Some(&j) if matches!(nodes[j].0.role, NodeRole::Context | NodeRole::Indicator) => {}
                    _ => problems.push(Problem::error(
                        ProblemKind::BadDenominator,
                        loc_for(&nodes, i),
                        format!(
                            "denominator '{d}' of '{}' is not an indicator or context variable",
                            node.code
                        ),
                        "name a context variable (e.g. population) defined in the framework",
                    )),
                }
            }
        }
        // cycles: follow parents; a chain longer than n is a cycle
        let mut reported_cycle = false;
        for start in 0..n {
            let mut cur = start;
            let mut steps = 0;
            while let Some(p) = parent_of[cur] {
                cur = p;
                steps += 1;
                if steps > n {
                    if !reported_cycle {
                        problems.push(Problem::error(
                            ProblemKind::Cycle,
                            loc_for(&nodes, start),
                            format!("the parent chain from '{}' loops back on itself", nodes[start].0.code),
                            "make the hierarchy a tree: each node's parent must be a higher level",
                        ));
                        reported_cycle = true;
                    }
                    break;
                }
            }
        }
        let mut roots = Vec::new();
        for (i, (node, _)) in nodes.iter().enumerate() {
            if node.role == NodeRole::Aggregate {
                if children[i].is_empty() {
                    problems.push(Problem::error(
                        ProblemKind::EmptyAggregate,
                        loc_for(&nodes, i),
                        format!("aggregate '{}' has no children", node.code),
                        "give it indicators or sub-aggregates, or remove it",
                    ));
                } else if children[i].iter().all(|&c| nodes[c].0.weight == 0.0) {
                    problems.push(Problem::error(
                        ProblemKind::BadWeight,
                        loc_for(&nodes, i),
                        format!("all children of '{}' have weight 0", node.code),
                        "give at least one child a positive weight",
                    ));
                }
                if node.parent.is_none() {
                    roots.push(i);
                }
            }
        }
        if roots.len() != 1 && !reported_cycle {
            let list: Vec<&str> = roots.iter().map(|&i| nodes[i].0.code.as_str()).collect();
            problems.push(Problem::error(
                ProblemKind::UnknownParent,
                nodes.first().map(|(_, l)| l.clone()).unwrap_or_default(),
                format!(
                    "the framework needs exactly one top aggregate (the index); found {}: [{}]",
                    roots.len(),
                    list.join(", ")
                ),
                "give every aggregate but the index a parent",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut level = vec![0u8; n];
        for i in 0..n {
            lvl(i, &nodes, &children, &mut level);
        }
        Ok(Self {
            code: code.into(),
            name_en: name_en.into(),
            name_zh: name_zh.into(),
            description: description.into(),
            nodes: nodes.into_iter().map(|(n, _)| n).collect(),
            by_code,
            children,
            level,
            root: roots[0],
        })
    }

    /// All nodes in framework order.
    #[must_use]
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// Position of a node by code.
    #[must_use]
    pub fn position(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }
    /// A node by code.
    #[must_use]
    pub fn node(&self, code: &str) -> Option<&Node> {
        self.position(code).map(|i| &self.nodes[i])
    }
    /// Children of node `i` (positions), in framework order.
    #[must_use]
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }
    /// Level of node `i`: 1 for indicators and context, 1 + the highest child level for aggregates.
    #[must_use]
    pub fn level(&self, i: usize) -> u8 {
        self.level[i]
    }
    /// Position of the index (the single top aggregate).
    #[must_use]
    pub fn root(&self) -> usize {
        self.root
    }
    /// Position of the parent of node `i`.
    #[must_use]
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.nodes[i].parent.as_deref().and_then(|p| self.position(p))
    }
    /// Positions of the measured nodes (indicators and context), in framework order.
    pub fn measured(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].role != NodeRole::Aggregate)
    }
    /// Positions of the indicators that enter the index, in framework order.
    pub fn indicators(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].role == NodeRole::Indicator)
    }
    /// Positions of the aggregates, in framework order.
    pub fn aggregates(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].role == NodeRole::Aggregate)
    }
    /// Aggregates in the order they must be computed (children before parents).
    #[must_use]
    pub fn aggregation_order(&self) -> Vec<usize> {
        let mut aggs: Vec<usize> = self.aggregates().collect();
        aggs.sort_by_key(|&i| (self.level[i], i));
        aggs
    }
    /// The indicators below node `i` (itself if it is an indicator), in framework order.
    #[must_use]
    pub fn leaves_under(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            if self.nodes[j].role == NodeRole::Aggregate {
                stack.extend(self.children[j].iter().copied());
            } else {
                out.push(j);
            }
        }
        out.sort_unstable();
        out
    }
    /// The dimension-level ancestor map: for each indicator, the path of ancestor positions up to the
    /// root, nearest first.
    #[must_use]
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = i;
        while let Some(p) = self.parent(cur) {
            out.push(p);
            cur = p;
        }
        out
    }
    /// Number of nodes per level, for summaries.
    #[must_use]
    pub fn level_counts(&self) -> BTreeMap<u8, usize> {
        let mut m = BTreeMap::new();
        for &l in &self.level {
            *m.entry(l).or_insert(0) += 1;
        }
        m
    }
    /// A copy with different weights for some nodes (code → weight), for what-if analysis.
    ///
    /// # Errors
    /// An unknown code, or a negative or non-finite weight, or all siblings at zero.
    pub fn with_weights(&self, weights: &BTreeMap<String, f64>) -> crate::Result<Self> {
        let mut f = self.clone();
        for (code, &w) in weights {
            let i = self
                .position(code)
                .ok_or_else(|| crate::Error::Settings(format!("weight given for unknown node '{code}'")))?;
            if !w.is_finite() || w < 0.0 {
                return Err(crate::Error::Settings(format!(
                    "weight {w} for '{code}' must be finite and >= 0"
                )));
            }
            f.nodes[i].weight = w;
        }
        for a in f.aggregates() {
            if f.children[a].iter().all(|&c| f.nodes[c].weight == 0.0) {
                return Err(crate::Error::Settings(format!(
                    "all children of '{}' have weight 0; give at least one a positive weight",
                    f.nodes[a].code
                )));
            }
        }
        Ok(f)
    }
}

fn loc_for(nodes: &[(Node, Location)], i: usize) -> Location {
    nodes[i].1.clone().indicator(&nodes[i].0.code)
}

/// Level of node `i`: 1 for indicators and context, 1 + the deepest child for aggregates (memoised in `level`).
fn lvl(i: usize, nodes: &[(Node, Location)], children: &[Vec<usize>], level: &mut [u8]) -> u8 {
    if level[i] > 0 {
        return level[i];
    }
    let l = if nodes[i].0.role == NodeRole::Aggregate {
        1 + children[i]
            .iter()
            .map(|&c| lvl(c, nodes, children, level))
            .max()
            .unwrap_or(0)
    } else {
        1
    };
    level[i] = l;
    l
}
