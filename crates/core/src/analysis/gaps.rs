use std::collections::BTreeMap;

use crate::gap::{self, DagumDecomposition, Ddof, LorenzPoint, TheilDecomposition, TheilIndex};
use crate::io::Region;
use crate::model::NodeRole;
use crate::pipeline::Results;
use crate::spatial::{self, LocalMoran, Moran, SpatialGini, SpatialWeights};
use crate::{Dataset, Error, Result};

/// Options of a gap analysis.
#[derive(Debug, Clone)]
pub struct GapOptions {
    /// Year of the cross-section (`None` = the run's latest year).
    pub year: Option<i32>,
    /// Grouping variable for the decompositions (e.g. `group`: central / coal / ecological).
    pub grouping: Option<String>,
    /// Context variable used as population weights (e.g. `pop_total`), if present for every unit.
    pub population: Option<String>,
    /// Boundaries for the spatial statistics (matched to units by code).
    pub regions: Vec<Region>,
    /// Permutations for the spatial inference.
    pub permutations: usize,
    /// Seed of the permutations.
    pub seed: u64,
    /// How many strengths and weaknesses to list per unit.
    pub top_k: usize,
}

impl Default for GapOptions {
    fn default() -> Self {
        Self {
            year: None,
            grouping: Some("group".into()),
            population: Some("pop_total".into()),
            regions: Vec::new(),
            permutations: 999,
            seed: 20_240_601,
            top_k: 3,
        }
    }
}

/// Inequality of one node's scores across units. Measures that are undefined for the data (a zero
/// in a log-based measure ...) are `None` and explained in [`GapAnalysis::notes`].
#[derive(Debug, Clone, PartialEq)]
pub struct NodeInequality {
    /// Node code.
    pub node: String,
    /// Units with a score.
    pub n: usize,
    /// Mean score.
    pub mean: f64,
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
    /// `max - min`.
    pub range: f64,
    /// `max / min`.
    pub max_min_ratio: Option<f64>,
    /// Standard deviation (n − 1).
    pub sd: f64,
    /// Coefficient of variation with n.
    pub cv_pop: Option<f64>,
    /// Coefficient of variation with n − 1.
    pub cv_sample: Option<f64>,
    /// Gini (unweighted, no small-sample correction).
    pub gini: Option<f64>,
    /// Theil T = GE(1).
    pub theil_t: Option<f64>,
    /// Theil L = GE(0) (mean log deviation).
    pub theil_l: Option<f64>,
    /// GE(2) (half the squared CV).
    pub ge2: Option<f64>,
    /// Atkinson with ε = 0.5.
    pub atkinson_05: Option<f64>,
    /// Population-weighted Gini, if population weights are available.
    pub gini_pop: Option<f64>,
    /// Population-weighted Theil T.
    pub theil_t_pop: Option<f64>,
}

/// Spatial statistics of the index.
#[derive(Debug, Clone)]
pub struct SpatialSummary {
    /// Unit codes in the order of the statistics.
    pub units: Vec<String>,
    /// Neighbour lists (queen contiguity from shared boundary points).
    pub neighbours: Vec<Vec<usize>>,
    /// Global Moran's I.
    pub moran: Moran,
    /// Local Moran (LISA).
    pub local: LocalMoran,
    /// Spatial Gini.
    pub gini: SpatialGini,
}

/// Diagnosis of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDiagnosis {
    /// Unit code.
    pub unit: String,
    /// Obstacle factors: (indicator code, obstacle degree in %), largest first.
    pub obstacles: Vec<(String, f64)>,
    /// Obstacle degree summed per dimension: (dimension code, %), largest first.
    pub dimension_obstacles: Vec<(String, f64)>,
    /// Best-ranked indicators: (code, rank among units).
    pub strengths: Vec<(String, u32)>,
    /// Worst-ranked indicators.
    pub weaknesses: Vec<(String, u32)>,
    /// Gap to the best unit per dimension and the index: (node code, leader score − unit score).
    pub gap_to_leader: Vec<(String, f64)>,
}

/// Everything the gap analysis found.
#[derive(Debug, Clone)]
pub struct GapAnalysis {
    /// Year of the cross-section.
    pub year: Option<i32>,
    /// Unit codes in the cross-section (sorted).
    pub units: Vec<String>,
    /// Grouping used for decompositions, if any.
    pub grouping: Option<String>,
    /// Population variable used for weighted measures, if any.
    pub population: Option<String>,
    /// Inequality per aggregate node (framework order).
    pub inequality: Vec<NodeInequality>,
    /// Theil T decomposition by group per aggregate node.
    pub theil: Vec<(String, TheilDecomposition<String>)>,
    /// Dagum Gini decomposition by group per aggregate node.
    pub dagum: Vec<(String, DagumDecomposition<String>)>,
    /// Lorenz curve of the index.
    pub lorenz: Vec<LorenzPoint>,
    /// Spatial statistics of the index, if boundaries were given and match.
    pub spatial: Option<SpatialSummary>,
    /// Per unit diagnosis.
    pub diagnoses: Vec<UnitDiagnosis>,
    /// What could not be computed and why.
    pub notes: Vec<String>,
}

fn ok<T>(r: Result<T>, what: &str, node: &str, notes: &mut Vec<String>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            notes.push(format!("{what} of '{node}' not computed: {e}"));
            None
        }
    }
}

/// Runs the gap analysis on the cross-section of `res` in `opts.year`.
///
/// # Errors
/// [`Error::Degenerate`] when fewer than two units have an index score in that year.
pub fn analyse(ds: &Dataset, res: &Results, opts: &GapOptions) -> Result<GapAnalysis> {
    let fw = &res.framework;
    let root = fw.root();
    let year = opts.year.or_else(|| res.years().last().copied().flatten());
    let rows: Vec<usize> = (0..res.rows.len())
        .filter(|&r| res.rows[r].year == year || (year.is_some() && res.rows[r].year.is_none()))
        .filter(|&r| res.scores[root].get(r).is_some())
        .collect();
    if rows.len() < 2 {
        return Err(Error::Degenerate(format!(
            "{} unit(s) have an index score{}; a gap needs at least two",
            rows.len(),
            year.map_or_else(String::new, |y| format!(" in {y}"))
        )));
    }
    let mut notes = Vec::new();
    let units: Vec<String> = rows.iter().map(|&r| res.unit_codes[r].clone()).collect();
    let unit_pos: Vec<usize> = rows.iter().map(|&r| res.rows[r].unit).collect();
    // groups
    let grouping = opts
        .grouping
        .clone()
        .filter(|g| unit_pos.iter().all(|&u| ds.units()[u].group(g).is_some()));
    if let (Some(g), None) = (&opts.grouping, &grouping) {
        notes.push(format!(
            "grouping '{g}' is not given for every unit: no decomposition by group"
        ));
    }
    let labels: Vec<String> = grouping
        .as_ref()
        .map(|g| {
            unit_pos
                .iter()
                .map(|&u| ds.units()[u].group(g).unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    // population weights
    let mut population = None;
    let mut pop: Option<Vec<f64>> = None;
    if let Some(code) = &opts.population
        && let Some(k) = ds.framework().position(code)
    {
        let vals: Option<Vec<f64>> = unit_pos
            .iter()
            .map(|&u| {
                crate::benchmark::latest_value(ds, u, k, year)
                    .map(|(c, _)| c.value)
                    .filter(|v| *v > 0.0)
            })
            .collect();
        match vals {
            Some(v) => {
                pop = Some(v);
                population = Some(code.clone());
            }
            None => notes.push(format!(
                "population '{code}' is not known for every unit: unweighted measures only"
            )),
        }
    }
    let aggregates: Vec<usize> = fw.aggregates().collect();
    let mut inequality = Vec::new();
    let mut theil = Vec::new();
    let mut dagum = Vec::new();
    for &a in &aggregates {
        let code = fw.nodes()[a].code.clone();
        let pairs: Vec<(usize, f64)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, &r)| res.scores[a].get(r).map(|v| (i, v)))
            .collect();
        if pairs.len() < 2 {
            notes.push(format!(
                "'{code}': fewer than two units have a score; no inequality measure"
            ));
            continue;
        }
        let v: Vec<f64> = pairs.iter().map(|p| p.1).collect();
        let n = v.len();
        let mean = v.iter().sum::<f64>() / n as f64;
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt();
        let w: Option<Vec<f64>> = pop.as_ref().map(|p| pairs.iter().map(|&(i, _)| p[i]).collect());
        let cv = |d| {
            ok(
                gap::coefficient_of_variation(&v, None, d),
                "coefficient of variation",
                &code,
                &mut Vec::new(),
            )
            .map(|m| m.value)
        };
        inequality.push(NodeInequality {
            node: code.clone(),
            n,
            mean,
            min,
            max,
            range: max - min,
            max_min_ratio: (min > 0.0).then(|| max / min),
            sd,
            cv_pop: cv(Ddof::Population),
            cv_sample: cv(Ddof::Sample),
            gini: ok(gap::gini(&v, None), "Gini", &code, &mut notes).map(|m| m.value),
            theil_t: ok(gap::theil_t(&v, None), "Theil T", &code, &mut notes).map(|m| m.value),
            theil_l: ok(gap::theil_l(&v, None), "Theil L", &code, &mut notes).map(|m| m.value),
            ge2: ok(gap::generalised_entropy(&v, None, 2.0), "GE(2)", &code, &mut notes).map(|m| m.value),
            atkinson_05: ok(gap::atkinson(&v, None, 0.5), "Atkinson(0.5)", &code, &mut notes).map(|m| m.value),
            gini_pop: w
                .as_ref()
                .and_then(|w| ok(gap::gini(&v, Some(w)), "weighted Gini", &code, &mut notes))
                .map(|m| m.value),
            theil_t_pop: w
                .as_ref()
                .and_then(|w| ok(gap::theil_t(&v, Some(w)), "weighted Theil T", &code, &mut notes))
                .map(|m| m.value),
        });
        if grouping.is_some() {
            let g: Vec<String> = pairs.iter().map(|&(i, _)| labels[i].clone()).collect();
            if let Some(d) = ok(
                gap::theil_decomposition(&v, &g, None, TheilIndex::T),
                "Theil decomposition",
                &code,
                &mut notes,
            ) {
                theil.push((code.clone(), d));
            }
            if let Some(d) = ok(
                gap::dagum_decomposition(&v, &g, None),
                "Dagum decomposition",
                &code,
                &mut notes,
            ) {
                dagum.push((code.clone(), d));
            }
        }
    }
    let index_v: Vec<f64> = rows.iter().filter_map(|&r| res.scores[root].get(r)).collect();
    let lorenz = gap::lorenz_curve(&index_v, None).unwrap_or_default();
    // spatial
    let spatial = if opts.regions.is_empty() {
        None
    } else {
        let by_code: BTreeMap<&str, &Region> = opts.regions.iter().map(|r| (r.code.as_str(), r)).collect();
        let matched: Vec<usize> = (0..units.len())
            .filter(|&i| by_code.contains_key(units[i].as_str()))
            .collect();
        if matched.len() < 3 {
            notes.push(format!(
                "only {} unit(s) have boundaries: no spatial statistics",
                matched.len()
            ));
            None
        } else {
            let polys: Vec<Vec<Vec<Vec<[f64; 2]>>>> = matched
                .iter()
                .map(|&i| by_code[units[i].as_str()].polygons.clone())
                .collect();
            let neighbours = spatial::queen_contiguity(&polys, 1e-6);
            let y: Vec<f64> = matched.iter().map(|&i| index_v[i]).collect();
            let sp = SpatialWeights::from_neighbours(neighbours.clone()).and_then(|w| {
                Ok((
                    spatial::moran(&y, &w, opts.permutations, opts.seed)?,
                    spatial::local_moran(&y, &w, opts.permutations, opts.seed, 0.05)?,
                    spatial::spatial_gini(&y, &w, opts.permutations, opts.seed)?,
                ))
            });
            ok(sp, "spatial statistics", &fw.nodes()[root].code, &mut notes).map(|(moran, local, gini)| {
                SpatialSummary {
                    units: matched.iter().map(|&i| units[i].clone()).collect(),
                    neighbours,
                    moran,
                    local,
                    gini,
                }
            })
        }
    };
    // diagnostics: obstacle degree over indicators with data for every unit of the cross-section
    let inds: Vec<usize> = fw
        .indicators()
        .filter(|&k| rows.iter().all(|&r| res.scores[k].get(r).is_some()))
        .filter(|&k| res.effective_weights[k] > 0.0)
        .collect();
    let mut diagnoses: Vec<UnitDiagnosis> = units
        .iter()
        .map(|u| UnitDiagnosis {
            unit: u.clone(),
            obstacles: Vec::new(),
            dimension_obstacles: Vec::new(),
            strengths: Vec::new(),
            weaknesses: Vec::new(),
            gap_to_leader: Vec::new(),
        })
        .collect();
    if inds.is_empty() {
        notes.push("no indicator has a value for every unit: no obstacle degree".into());
    } else {
        // rescale each indicator's scores to [0, 1] across the cross-section (x' of the obstacle model)
        let mut x = vec![vec![0.0; inds.len()]; rows.len()];
        for (j, &k) in inds.iter().enumerate() {
            let col: Vec<f64> = rows.iter().filter_map(|&r| res.scores[k].get(r)).collect();
            let lo = col.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for (i, v) in col.iter().enumerate() {
                x[i][j] = if hi > lo { (v - lo) / (hi - lo) } else { 1.0 };
            }
        }
        let w: Vec<f64> = inds.iter().map(|&k| res.effective_weights[k]).collect();
        if let Some(obs) = ok(
            crate::diagnose::obstacle_degree(&x, &w),
            "obstacle degree",
            &fw.nodes()[root].code,
            &mut notes,
        ) {
            for o in obs {
                let d = &mut diagnoses[o.unit];
                let mut per_dim: BTreeMap<String, f64> = BTreeMap::new();
                for f in &o.factors {
                    let k = inds[f.indicator];
                    d.obstacles.push((fw.nodes()[k].code.clone(), f.obstacle_pct));
                    let dim = fw.parent(k).map_or_else(String::new, |p| fw.nodes()[p].code.clone());
                    *per_dim.entry(dim).or_insert(0.0) += f.obstacle_pct;
                }
                let mut pd: Vec<(String, f64)> = per_dim.into_iter().collect();
                pd.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                d.dimension_obstacles = pd;
            }
        }
    }
    for (i, &r) in rows.iter().enumerate() {
        let mut ranked: Vec<(String, u32)> = fw
            .indicators()
            .filter(|&k| res.treated[k].iter().flatten().count() >= 2)
            .filter_map(|k| {
                res.ranks(k)
                    .get(r)
                    .copied()
                    .flatten()
                    .map(|rk| (fw.nodes()[k].code.clone(), rk))
            })
            .collect();
        ranked.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        diagnoses[i].strengths = ranked.iter().take(opts.top_k).cloned().collect();
        let mut worst = ranked.clone();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        diagnoses[i].weaknesses = worst.into_iter().take(opts.top_k).collect();
        for &a in &aggregates {
            let best = rows
                .iter()
                .filter_map(|&q| res.scores[a].get(q))
                .fold(f64::NEG_INFINITY, f64::max);
            if let Some(v) = res.scores[a].get(r) {
                diagnoses[i].gap_to_leader.push((fw.nodes()[a].code.clone(), best - v));
            }
        }
    }
    let _ = NodeRole::Indicator;
    Ok(GapAnalysis {
        year,
        units,
        grouping,
        population,
        inequality,
        theil,
        dagum,
        lorenz,
        spatial,
        diagnoses,
        notes,
    })
}
