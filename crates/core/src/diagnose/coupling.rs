//! Coupling coordination degree of two subsystems, standard and adjusted (Wang et al. 2021).

use super::grade::CoordinationGrade;
use crate::{Error, Result};

/// Which coupling degree `C` to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouplingModel {
    /// `C = 2 sqrt(U1 U2) / (U1 + U2)`.
    Standard,
    /// `C = sqrt((1 − |U2 − U1|) · min(U1, U2)/max(U1, U2))` (Wang et al. 2021).
    Adjusted,
}

/// Coupling coordination of one unit.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coupling {
    /// Development level of subsystem 1.
    pub u1: f64,
    /// Development level of subsystem 2.
    pub u2: f64,
    /// Coupling degree `C` in [0, 1].
    pub coupling: f64,
    /// Comprehensive development index `T = α U1 + β U2`.
    pub development: f64,
    /// Coupling coordination degree `D = sqrt(C T)`.
    pub coordination: f64,
    /// Grade of `D`.
    pub grade: CoordinationGrade,
    /// The model used for `C`.
    pub model: CouplingModel,
}

/// Coupling coordination degree of two subsystems with levels `U1, U2 ∈ [0, 1]`.
///
/// ```text
/// Standard:  C = 2 sqrt(U1 U2) / (U1 + U2)   ( = sqrt(U1 U2 / ((U1 + U2)/2)²) )
/// Adjusted:  C = sqrt( (1 − |U2 − U1|) · U_min / U_max )
/// T = α U1 + β U2   (α, β ≥ 0, α + β = 1; usually α = β = 0.5)
/// D = sqrt(C · T)
/// ```
///
/// References: the standard two-system model as normalised by 王淑佳, 孔伟, 任亮, 治丹丹, 戴彬婷
/// (2021), "国内耦合协调度模型的误区及修正" (Research on misuses and modification of coupling
/// coordination degree model in China), 《自然资源学报》 36(3): 793–810, which also proposes the
/// adjusted `C` — for n systems `C = sqrt{[1 − Σ_{i>j} |U_i − U_j| / Σ_{m=1}^{n−1} m] ·
/// [Π_i (U_i / max U)]^{1/(n−1)}}`, which for two systems is the form above. Grades: see
/// [`CoordinationGrade::from_degree`].
///
/// # Errors
/// [`Error::Domain`] for a level outside [0, 1] or not finite; [`Error::Degenerate`] when both
/// levels are zero (C is 0/0); [`Error::Settings`] for α or β negative or `α + β ≠ 1`.
///
/// # Example
/// ```
/// use govgap::diagnose::{coupling_coordination, CouplingModel, CoordinationGrade};
/// let c = coupling_coordination(0.4, 0.6, 0.5, 0.5, CouplingModel::Standard).unwrap();
/// assert!((c.coupling - 2.0 * 0.24f64.sqrt()).abs() < 1e-15);
/// let a = coupling_coordination(0.4, 0.6, 0.5, 0.5, CouplingModel::Adjusted).unwrap();
/// assert!((a.coupling - (0.8f64 * 0.4 / 0.6).sqrt()).abs() < 1e-15);
/// assert_eq!(a.grade, CoordinationGrade::PrimaryCoordination); // D = sqrt(0.7303 · 0.5) = 0.604
/// ```
pub fn coupling_coordination(u1: f64, u2: f64, alpha: f64, beta: f64, model: CouplingModel) -> Result<Coupling> {
    if !(alpha >= 0.0 && beta >= 0.0 && ((alpha + beta) - 1.0).abs() <= 1e-9) {
        return Err(Error::Settings(format!(
            "coupling coordination: α and β must be non-negative and sum to 1, got α = {alpha}, β = {beta}"
        )));
    }
    for (name, u) in [("U1", u1), ("U2", u2)] {
        if !(u.is_finite() && (0.0..=1.0).contains(&u)) {
            return Err(Error::Domain(format!(
                "coupling coordination: {name} = {u}; subsystem levels must lie in [0, 1]"
            )));
        }
    }
    if u1 == 0.0 && u2 == 0.0 {
        return Err(Error::Degenerate(
            "coupling coordination: both subsystem levels are zero, so the coupling degree is 0/0".into(),
        ));
    }
    let coupling = match model {
        CouplingModel::Standard => 2.0 * (u1 * u2).sqrt() / (u1 + u2),
        CouplingModel::Adjusted => ((1.0 - (u2 - u1).abs()) * u1.min(u2) / u1.max(u2)).sqrt(),
    };
    let development = alpha * u1 + beta * u2;
    let coordination = (coupling * development).sqrt();
    Ok(Coupling {
        u1,
        u2,
        coupling,
        development,
        coordination,
        grade: CoordinationGrade::from_degree(coordination),
        model,
    })
}

/// [`coupling_coordination`] for every unit of two aligned slices.
///
/// # Errors
/// As [`coupling_coordination`], and [`Error::Domain`] when the slices differ in length.
///
/// # Example
/// ```
/// use govgap::diagnose::{coupling_coordination_all, CouplingModel};
/// let all = coupling_coordination_all(&[0.2, 0.9], &[0.3, 0.9], 0.5, 0.5, CouplingModel::Standard).unwrap();
/// assert!((all[1].coupling - 1.0).abs() < 1e-15);
/// ```
pub fn coupling_coordination_all(
    u1: &[f64],
    u2: &[f64],
    alpha: f64,
    beta: f64,
    model: CouplingModel,
) -> Result<Vec<Coupling>> {
    if u1.len() != u2.len() {
        return Err(Error::Domain(format!(
            "coupling coordination: {} levels of subsystem 1 for {} of subsystem 2",
            u1.len(),
            u2.len()
        )));
    }
    u1.iter()
        .zip(u2)
        .map(|(&a, &b)| coupling_coordination(a, b, alpha, beta, model))
        .collect()
}
