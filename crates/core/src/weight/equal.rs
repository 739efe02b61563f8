//! Equal weights; documented on [`super::Weighting::Equal`].

use super::no_children;
use crate::Result;

/// `1 / k` for each of `k` children.
pub(super) fn weights(k: usize) -> Result<Vec<f64>> {
    if k == 0 {
        return Err(no_children());
    }
    Ok(vec![1.0 / k as f64; k])
}
