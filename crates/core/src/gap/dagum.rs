//! Dagum's (1997) decomposition of the Gini coefficient into within-group, net between-group and
//! transvariation parts.

use super::common::{Weighting, Zeros, group_index, prepare};
use super::gini::gini_of;
use super::theil_decomposition::ZERO_TOTAL;
use crate::Result;

/// One group in a Dagum decomposition.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DagumGroup<L> {
    /// The group label.
    pub label: L,
    /// Number of units in the group (with positive weight).
    pub n: usize,
    /// The group's (weighted) mean `μ_j`.
    pub mean: f64,
    /// Population share `p_j`.
    pub population_share: f64,
    /// Share of the total value `s_j = p_j μ_j / μ`.
    pub value_share: f64,
    /// The group's own Gini `G_jj` (0 when every value in the group is zero).
    pub gini: f64,
    /// Its contribution to `G_w`: `G_jj p_j s_j`.
    pub within_contribution: f64,
}

/// One pair of groups in a Dagum decomposition (`j` before `h` in label order).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DagumPair<L> {
    /// Label of the first group.
    pub j: L,
    /// Label of the second group.
    pub h: L,
    /// Between-group Gini `G_jh`.
    pub gini: f64,
    /// Gross economic affluence `d_jh`: mean positive difference of the richer group (higher mean)
    /// over the poorer one.
    pub gross_affluence: f64,
    /// First moment of transvariation `p_jh`: mean positive difference the other way.
    pub transvariation: f64,
    /// Relative economic affluence `D_jh = (d_jh − p_jh)/(d_jh + p_jh)` in [0, 1] (0 when both are 0).
    pub relative_affluence: f64,
    /// Its contribution to `G_nb`: `G_jh (p_j s_h + p_h s_j) D_jh`.
    pub net_between_contribution: f64,
    /// Its contribution to `G_t`: `G_jh (p_j s_h + p_h s_j)(1 − D_jh)`.
    pub transvariation_contribution: f64,
}

/// The Gini coefficient split into within-group, net between-group and transvariation parts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DagumDecomposition<L> {
    /// The Gini over all units, `G = G_w + G_nb + G_t`.
    pub gini: f64,
    /// Within-group part `G_w`.
    pub within: f64,
    /// Net between-group part `G_nb`.
    pub net_between: f64,
    /// Transvariation (overlap) part `G_t`.
    pub transvariation: f64,
    /// `G_w / G` (`None` when `G` is below 1e-14).
    pub within_share: Option<f64>,
    /// `G_nb / G`.
    pub net_between_share: Option<f64>,
    /// `G_t / G`.
    pub transvariation_share: Option<f64>,
    /// One entry per non-empty group, sorted by label.
    pub groups: Vec<DagumGroup<L>>,
    /// One entry per pair of groups, in label order (`(0,1), (0,2), …, (1,2), …`).
    pub pairs: Vec<DagumPair<L>>,
    /// Number of units used.
    pub n: usize,
    /// Number of zero values among them.
    pub n_zero: usize,
    /// How units were weighted.
    pub weighting: Weighting,
}

/// Dagum's decomposition of the Gini coefficient by an exhaustive grouping of the units.
///
/// ```text
/// p_i unit weights (1 unweighted), group j: P_j = Σ_{i∈j} p_i / Σ p, mean μ_j, s_j = P_j μ_j / μ
/// G_jj = Σ_{i∈j} Σ_{r∈j} p_i p_r |y_i − y_r| / (2 (Σ_{i∈j} p_i)² μ_j)
/// G_jh = Σ_{i∈j} Σ_{r∈h} p_i p_r |y_i − y_r| / ((Σ_{i∈j} p_i)(Σ_{r∈h} p_r)(μ_j + μ_h))
/// with μ_j ≥ μ_h:  d_jh = E[(y_j − y_h)⁺],  p_jh = E[(y_h − y_j)⁺],  D_jh = (d_jh − p_jh)/(d_jh + p_jh)
/// G_w  = Σ_j G_jj P_j s_j
/// G_nb = Σ_{j<h} G_jh (P_j s_h + P_h s_j) D_jh
/// G_t  = Σ_{j<h} G_jh (P_j s_h + P_h s_j) (1 − D_jh)
/// G    = G_w + G_nb + G_t
/// ```
///
/// Reference: Dagum, C. (1997), "A new approach to the decomposition of the Gini income inequality
/// ratio", *Empirical Economics* 22, 515–531. The total `G` is [`crate::gap::gini`] (`PySAL`'s
/// arithmetic when unweighted); the pairwise sums are computed on sorted groups in
/// `O(n log n)`. Zeros are valid values; a group whose values are all zero has `G_jj = 0`, and a pair
/// whose values are all equal has `D_jh = 0`.
///
/// # Errors
/// [`crate::Error::Degenerate`] for fewer than two units or an all-zero vector;
/// [`crate::Error::Domain`] for NaN, infinite or negative values, a label count different from the
/// value count, or bad weights.
///
/// # Example
/// ```
/// // two groups that do not overlap: no transvariation, the between part is all net
/// let d = govgap::gap::dagum_decomposition(&[1.0, 2.0, 5.0, 6.0], &[0, 0, 1, 1], None).unwrap();
/// assert!(d.transvariation.abs() < 1e-15);
/// assert!((d.within + d.net_between - d.gini).abs() < 1e-15);
/// assert_eq!(d.pairs[0].relative_affluence, 1.0);
/// ```
pub fn dagum_decomposition<L: Ord + Clone>(
    v: &[f64],
    groups: &[L],
    weights: Option<&[f64]>,
) -> Result<DagumDecomposition<L>> {
    let what = "Dagum Gini decomposition";
    let (labels, gidx) = group_index(what, v.len(), groups)?;
    let s = prepare(what, v, weights, Zeros::Allowed)?;
    let used: Vec<usize> = match weights {
        Some(w) => (0..v.len()).filter(|&i| w[i] > 0.0).map(|i| gidx[i]).collect(),
        None => gidx,
    };
    // per group: (value, unit weight) sorted by value; unit weight is 1 unweighted
    let k = labels.len();
    let mut members: Vec<Vec<(f64, f64)>> = vec![Vec::new(); k];
    for (i, &g) in used.iter().enumerate() {
        let q = match &s.p {
            Some(p) => p[i],
            None => 1.0,
        };
        members[g].push((s.y[i], q));
    }
    for m in &mut members {
        m.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let q_all: f64 = members.iter().flatten().map(|m| m.1).sum();
    let present: Vec<usize> = (0..k).filter(|&g| !members[g].is_empty()).collect();
    let q_g: Vec<f64> = (0..k).map(|g| members[g].iter().map(|m| m.1).sum()).collect();
    let mu_g: Vec<f64> = (0..k)
        .map(|g| {
            if q_g[g] > 0.0 {
                members[g].iter().map(|m| m.0 * m.1).sum::<f64>() / q_g[g]
            } else {
                0.0
            }
        })
        .collect();
    let p_share: Vec<f64> = q_g.iter().map(|q| q / q_all).collect();
    let s_share: Vec<f64> = (0..k).map(|g| p_share[g] * mu_g[g] / s.mean).collect();

    let mut out_groups = Vec::with_capacity(present.len());
    let mut within = 0.0;
    for &g in &present {
        let sad = within_abs_sum(&members[g]);
        let gjj = if mu_g[g] > 0.0 {
            sad / (2.0 * q_g[g] * q_g[g] * mu_g[g])
        } else {
            0.0
        };
        let wc = gjj * p_share[g] * s_share[g];
        within += wc;
        out_groups.push(DagumGroup {
            label: labels[g].clone(),
            n: members[g].len(),
            mean: mu_g[g],
            population_share: p_share[g],
            value_share: s_share[g],
            gini: gjj,
            within_contribution: wc,
        });
    }
    let mut pairs = Vec::new();
    let (mut net_between, mut transvariation) = (0.0, 0.0);
    for (a, &j) in present.iter().enumerate() {
        for &h in &present[a + 1..] {
            let (rich, poor) = if mu_g[j] >= mu_g[h] { (j, h) } else { (h, j) };
            let qq = q_g[j] * q_g[h];
            let d = positive_cross_sum(&members[rich], &members[poor]) / qq;
            let p = positive_cross_sum(&members[poor], &members[rich]) / qq;
            let mu_sum = mu_g[j] + mu_g[h];
            let gjh = if mu_sum > 0.0 { (d + p) / mu_sum } else { 0.0 };
            let big_d = if d + p > 0.0 {
                ((d - p) / (d + p)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let weight = p_share[j] * s_share[h] + p_share[h] * s_share[j];
            let nb = gjh * weight * big_d;
            let t = gjh * weight * (1.0 - big_d);
            net_between += nb;
            transvariation += t;
            pairs.push(DagumPair {
                j: labels[j].clone(),
                h: labels[h].clone(),
                gini: gjh,
                gross_affluence: d,
                transvariation: p,
                relative_affluence: big_d,
                net_between_contribution: nb,
                transvariation_contribution: t,
            });
        }
    }
    let gini = gini_of(&s);
    let share = |x: f64| if gini > ZERO_TOTAL { Some(x / gini) } else { None };
    Ok(DagumDecomposition {
        gini,
        within,
        net_between,
        transvariation,
        within_share: share(within),
        net_between_share: share(net_between),
        transvariation_share: share(transvariation),
        groups: out_groups,
        pairs,
        n: s.n(),
        n_zero: s.n_zero,
        weighting: s.weighting,
    })
}

/// `Σ_i Σ_r q_i q_r |a_i − a_r|` over ordered pairs, for `a` sorted ascending.
pub(crate) fn within_abs_sum(a: &[(f64, f64)]) -> f64 {
    let (mut cq, mut cqy, mut sum) = (0.0, 0.0, 0.0);
    for &(y, q) in a {
        sum += q * (y * cq - cqy);
        cq += q;
        cqy += q * y;
    }
    2.0 * sum
}

/// `Σ_i Σ_r q_i q_r max(a_i − b_r, 0)` for `a` and `b` sorted ascending (a merge, `O(n_a + n_b)`).
pub(crate) fn positive_cross_sum(a: &[(f64, f64)], b: &[(f64, f64)]) -> f64 {
    let (mut r, mut cq, mut cqy, mut sum) = (0usize, 0.0, 0.0, 0.0);
    for &(y, q) in a {
        while r < b.len() && b[r].0 < y {
            cq += b[r].1;
            cqy += b[r].1 * b[r].0;
            r += 1;
        }
        sum += q * (y * cq - cqy);
    }
    sum
}
