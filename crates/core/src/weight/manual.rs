//! Manual weights from the framework, re-normalised; documented on [`super::Weighting::Manual`].

use super::{no_children, to_unit_sum};
use crate::Result;

/// `m_j / sum m`; `k` is the number of columns given (0 = not checked).
pub(super) fn weights(k: usize, manual: &[f64]) -> Result<Vec<f64>> {
    if manual.is_empty() {
        return Err(no_children());
    }
    if k > 0 && k != manual.len() {
        return Err(crate::Error::Settings(format!(
            "{} manual weights were given for {k} children; give one weight per child",
            manual.len()
        )));
    }
    if let Some((j, w)) = manual.iter().enumerate().find(|(_, w)| !(w.is_finite() && **w >= 0.0)) {
        return Err(crate::Error::Settings(format!(
            "weight {w} of child {j} must be finite and >= 0"
        )));
    }
    to_unit_sum(manual).ok_or_else(|| {
        crate::Error::Settings("all manual weights are zero; give at least one child a positive weight".into())
    })
}
