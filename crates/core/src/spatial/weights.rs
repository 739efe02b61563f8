//! Row-standardised spatial weights built from a neighbour list.

use crate::{Error, Result};

/// Row-standardised spatial weights `w_ij = 1/k_i` for `j` a neighbour of `i` (`k_i` neighbours), built
/// from a neighbour list (libpysal `W(neighbors)` with `transform = "r"`).
///
/// ```text
/// w_ij = 1/k_i if j ∈ N(i), else 0;   islands (k_i = 0) have a zero row
/// S0 = Σ_i Σ_j w_ij   S1 = ½ Σ_i Σ_j (w_ij + w_ji)²   S2 = Σ_i (Σ_j w_ij + Σ_j w_ji)²
/// ```
///
/// The neighbour lists are kept sorted and deduplicated; binary (0/1) links are the same lists, as
/// the spatial Gini uses them.
///
/// # Example
/// ```
/// use govgap::spatial::SpatialWeights;
/// let w = SpatialWeights::from_neighbours(vec![vec![1], vec![0, 2], vec![1]]).unwrap();
/// assert_eq!(w.weight(1, 0), 0.5);
/// assert_eq!(w.lag(&[1.0, 2.0, 3.0]).unwrap(), vec![2.0, 2.0, 2.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpatialWeights {
    neighbours: Vec<Vec<usize>>,
}

impl SpatialWeights {
    /// Weights from `neighbours[i]` = the units adjacent to unit `i` (duplicates are dropped, each list
    /// is sorted). Asymmetric lists are accepted.
    ///
    /// # Errors
    /// [`Error::Degenerate`] for an empty list; [`Error::Domain`] for an index out of range or a unit
    /// listed as its own neighbour.
    pub fn from_neighbours(mut neighbours: Vec<Vec<usize>>) -> Result<Self> {
        let n = neighbours.len();
        if n == 0 {
            return Err(Error::Degenerate("spatial weights need at least one unit".into()));
        }
        for (i, list) in neighbours.iter_mut().enumerate() {
            list.sort_unstable();
            list.dedup();
            if let Some(&j) = list.iter().find(|&&j| j >= n) {
                return Err(Error::Domain(format!(
                    "spatial weights: unit {i} lists neighbour {j}, but there are only {n} units (0-based indices)"
                )));
            }
            if list.binary_search(&i).is_ok() {
                return Err(Error::Domain(format!(
                    "spatial weights: unit {i} is listed as its own neighbour; remove it from its list"
                )));
            }
        }
        Ok(Self { neighbours })
    }

    /// Number of units.
    #[must_use]
    pub fn n(&self) -> usize {
        self.neighbours.len()
    }

    /// The neighbours of unit `i`, sorted (empty if `i` is out of range).
    #[must_use]
    pub fn neighbours(&self, i: usize) -> &[usize] {
        self.neighbours.get(i).map_or(&[], Vec::as_slice)
    }

    /// The neighbour lists.
    #[must_use]
    pub fn neighbour_lists(&self) -> &[Vec<usize>] {
        &self.neighbours
    }

    /// Number of neighbours of unit `i`.
    #[must_use]
    pub fn cardinality(&self, i: usize) -> usize {
        self.neighbours(i).len()
    }

    /// Units without neighbours, ascending.
    #[must_use]
    pub fn islands(&self) -> Vec<usize> {
        (0..self.n()).filter(|&i| self.neighbours[i].is_empty()).collect()
    }

    /// Number of directed links `Σ_i k_i` (twice the number of neighbour pairs when symmetric).
    #[must_use]
    pub fn n_links(&self) -> usize {
        self.neighbours.iter().map(Vec::len).sum()
    }

    /// Whether `j ∈ N(i)` exactly when `i ∈ N(j)`.
    #[must_use]
    pub fn is_symmetric(&self) -> bool {
        (0..self.n()).all(|i| {
            self.neighbours[i]
                .iter()
                .all(|&j| self.neighbours[j].binary_search(&i).is_ok())
        })
    }

    /// The row-standardised weight `w_ij`.
    #[must_use]
    pub fn weight(&self, i: usize, j: usize) -> f64 {
        let list = self.neighbours(i);
        if list.binary_search(&j).is_ok() {
            1.0 / list.len() as f64
        } else {
            0.0
        }
    }

    /// `S0 = Σ_i Σ_j w_ij`: the number of units that have neighbours.
    #[must_use]
    pub fn s0(&self) -> f64 {
        self.neighbours.iter().filter(|l| !l.is_empty()).count() as f64
    }

    /// `S1 = ½ Σ_i Σ_j (w_ij + w_ji)²`.
    #[must_use]
    pub fn s1(&self) -> f64 {
        let mut sum = 0.0;
        for i in 0..self.n() {
            for &j in &self.neighbours[i] {
                let (wij, wji) = (self.weight(i, j), self.weight(j, i));
                sum += (wij + wji) * (wij + wji);
                if wji == 0.0 {
                    sum += wij * wij; // the (j, i) term, whose w_ji link is missing from j's list
                }
            }
        }
        sum / 2.0
    }

    /// `S2 = Σ_i (w_i· + w_·i)²` (row sum plus column sum, squared).
    #[must_use]
    pub fn s2(&self) -> f64 {
        let n = self.n();
        let mut col = vec![0.0; n];
        for i in 0..n {
            for &j in &self.neighbours[i] {
                col[j] += self.weight(i, j);
            }
        }
        (0..n)
            .map(|i| {
                let row = if self.neighbours[i].is_empty() { 0.0 } else { 1.0 };
                (row + col[i]) * (row + col[i])
            })
            .sum()
    }

    /// The spatial lag `Σ_j w_ij z_j` (the mean of the neighbours' values; 0 for an island).
    ///
    /// # Errors
    /// [`Error::Domain`] if `z` does not have one value per unit.
    pub fn lag(&self, z: &[f64]) -> Result<Vec<f64>> {
        if z.len() != self.n() {
            return Err(Error::Domain(format!(
                "spatial lag: {} values for {} units; pass one value per unit in the weights' order",
                z.len(),
                self.n()
            )));
        }
        Ok(self.neighbours.iter().map(|l| lag_of(l, z)).collect())
    }
}

/// Mean of `z` over the indices in `list` (0 for an empty list).
pub(crate) fn lag_of(list: &[usize], z: &[f64]) -> f64 {
    if list.is_empty() {
        return 0.0;
    }
    list.iter().map(|&j| z[j]).sum::<f64>() / list.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s1_counts_asymmetric_links_once_each_way() {
        // 0 → 1 only: w_01 = 1, w_10 = 0, so S1 = ½ (1² + 1²) = 1
        let w = SpatialWeights::from_neighbours(vec![vec![1], vec![]]).unwrap();
        assert!((w.s1() - 1.0).abs() < 1e-15);
        assert!(!w.is_symmetric());
        assert_eq!(w.islands(), vec![1]);
        assert!(SpatialWeights::from_neighbours(vec![vec![0]]).is_err());
        assert!(SpatialWeights::from_neighbours(vec![vec![2], vec![]]).is_err());
    }
}
