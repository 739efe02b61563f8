//! Zeros and negatives in means that need positive values: the [`super::NonPositivePolicy`] at work.

use super::NonPositivePolicy;
use crate::Result;

/// Children ready for a mean of positive values.
pub(super) struct Prepared {
    /// Replacement columns (cells excluded), or `None` to use the children as given.
    columns: Option<Vec<Vec<Option<f64>>>>,
    /// Cells turned into missing values under [`NonPositivePolicy::Exclude`].
    pub(super) excluded: usize,
    /// Constant added before the mean and subtracted after it under [`NonPositivePolicy::Shift`]
    /// (0 when nothing is shifted).
    pub(super) shift: f64,
}

impl Prepared {
    /// The columns to aggregate.
    pub(super) fn columns<'a>(&'a self, children: &[&'a [Option<f64>]]) -> Vec<&'a [Option<f64>]> {
        match &self.columns {
            Some(cols) => cols.iter().map(Vec::as_slice).collect(),
            None => children.to_vec(),
        }
    }
}

/// Applies `policy` to every value `<= 0` of `children` (`method` names the mean in messages).
pub(super) fn prepare(
    children: &[&[Option<f64>]],
    rows: usize,
    policy: NonPositivePolicy,
    method: &str,
) -> Result<Prepared> {
    let untouched = Prepared {
        columns: None,
        excluded: 0,
        shift: 0.0,
    };
    match policy {
        NonPositivePolicy::Error => {
            // fast column-wise scan; the row-wise search below only runs to name the first offender
            if !children.iter().any(|c| c.iter().flatten().any(|&z| z <= 0.0)) {
                return Ok(untouched);
            }
            for i in 0..rows {
                for (j, c) in children.iter().enumerate() {
                    if let Some(z) = c[i].filter(|z| *z <= 0.0) {
                        return Err(crate::Error::Domain(format!(
                            "row {i}, child {j} is {z}, but the {method} needs values > 0; normalise to a \
                             positive range (e.g. min-max [1, 100]) or set non_positive = \"exclude\" or \
                             \"shift\""
                        )));
                    }
                }
            }
            Ok(untouched)
        }
        NonPositivePolicy::Exclude => {
            let excluded = children
                .iter()
                .flat_map(|c| c.iter())
                .filter(|z| z.is_some_and(|z| z <= 0.0))
                .count();
            if excluded == 0 {
                return Ok(untouched);
            }
            let columns = children
                .iter()
                .map(|c| c.iter().map(|z| z.filter(|z| *z > 0.0)).collect())
                .collect();
            Ok(Prepared {
                columns: Some(columns),
                excluded,
                shift: 0.0,
            })
        }
        NonPositivePolicy::Shift => {
            let min = children
                .iter()
                .flat_map(|c| c.iter().flatten())
                .copied()
                .fold(f64::INFINITY, f64::min);
            if min > 0.0 {
                return Ok(untouched);
            }
            Ok(Prepared {
                columns: None,
                excluded: 0,
                shift: 1.0 - min,
            })
        }
    }
}
