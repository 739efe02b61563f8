//! Weighting schemes: how much each indicator (or aggregate) counts within its parent.
//!
//! [`Weighting::weights`] turns the children's columns (and, for [`Weighting::Manual`], the framework's
//! weights) into one weight per child, non-negative and summing to one. Each scheme sits in its own
//! file: `manual.rs`, `equal.rs`, `entropy.rs`, `critic.rs`, `pca.rs` (with the Jacobi eigen solver in
//! `eigen.rs`).
//!
//! The data-driven schemes (entropy, CRITIC, PCA) read the normalised columns of the children over the
//! same rows. A single child always gets weight 1. Too little data (fewer than two usable rows, a
//! constant column, nothing to tell the children apart) is a [`crate::Error::Degenerate`] naming the
//! child (by position) and what would fix it.

mod critic;
mod eigen;
pub mod entropy;
mod equal;
mod manual;
mod pca;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::Result;
use crate::model::Cells;

/// A weighting method for the children of an aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// The weights written in the framework (re-normalised to sum to one).
    ///
    /// ```text
    /// w_j = m_j / (m_1 + ... + m_k)
    /// ```
    ///
    /// Reference: `COINr` `a_amean` and friends re-scale weights to sum to one in the same way.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if a weight is negative or not finite, all are zero, there are none,
    /// or their number differs from the number of columns (when columns are given).
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// let w = Weighting::Manual.weights(&[], &[1.0, 3.0])?;
    /// assert_eq!(w, vec![0.25, 0.75]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    #[default]
    Manual,
    /// All children equal.
    ///
    /// ```text
    /// w_j = 1 / k
    /// ```
    ///
    /// Reference: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 6.1.
    /// The number of children `k` is the number of columns, or of manual weights when no column is
    /// given.
    ///
    /// # Errors
    /// [`crate::Error::Settings`] if there is no child.
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// let w = Weighting::Equal.weights(&[], &[5.0, 1.0, 0.0, 2.0])?;
    /// assert_eq!(w, vec![0.25; 4]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Equal,
    /// Entropy weights on normalised (non-negative) data.
    ///
    /// ```text
    /// for child j, over its n_j present rows i:
    ///   p_ij = z_ij / sum_i z_ij
    ///   e_j  = -(1 / ln n_j) * sum_i p_ij ln p_ij        (0 ln 0 = 0)
    ///   w_j  = (1 - e_j) / sum_k (1 - e_k)
    /// ```
    ///
    /// Reference: Shannon entropy weighting as in Zou, Yun & Sun (2006), *J. Environ. Sci.* 18(5); the
    /// same definition as the benchmark peer (`peer_py.py`, `entropy_weights`) and scikit-criteria's
    /// `EntropyWeighter` (entropy in base `n`). Sums run in row order (numpy's pairwise sums can differ
    /// in the last bits).
    ///
    /// # Errors
    /// [`crate::Error::Domain`] if a value is negative (entropy needs shares, so normalise to a
    /// non-negative scale such as min-max first). [`crate::Error::Degenerate`] if a child has fewer
    /// than two present values or only zeros, or if every child is perfectly even (all `e_j = 1`, so
    /// no child carries information).
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// let a = [Some(1.0), Some(4.0)];
    /// let b = [Some(2.0), Some(16.0)];
    /// let w = Weighting::Entropy.weights(&[&a, &b], &[])?;
    /// assert!((w[0] - 0.358_889).abs() < 1e-6 && (w[1] - 0.641_111).abs() < 1e-6);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Entropy,
    /// CRITIC (contrast intensity and conflict between criteria).
    ///
    /// ```text
    /// on the rows where every child is present (n rows):
    ///   s_ij = (z_ij - min_i z_ij) / (max_i z_ij - min_i z_ij)      (Diakoulaki's scaling)
    ///   sd_j = standard deviation of s_.j (n - 1)
    ///   r_jk = Pearson correlation of children j and k
    ///   C_j  = sd_j * sum_k (1 - r_jk)
    ///   w_j  = C_j / sum_k C_k
    /// ```
    ///
    /// Reference: Diakoulaki, Mavrotas & Papayannakis (1995), "Determining objective weights in
    /// multiple criteria problems: the CRITIC method", *Computers & Operations Research* 22(7),
    /// 763-770. The min-max scaling is the paper's; it makes the weights independent of the
    /// normaliser chosen upstream (correlations do not change, and the standard deviations are those
    /// of the `[0, 1]` scaled columns).
    ///
    /// # Errors
    /// [`crate::Error::Degenerate`] if fewer than two rows are complete, a child is constant on the
    /// complete rows, or every `C_j` is zero (all children perfectly correlated).
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// let a = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
    /// let b = [Some(4.0), Some(3.0), Some(2.0), Some(1.0)];
    /// let w = Weighting::Critic.weights(&[&a, &b], &[])?;
    /// assert!((w[0] - 0.5).abs() < 1e-15);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Critic,
    /// Squared loadings of the first principal component of the correlation matrix.
    ///
    /// ```text
    /// on the rows where every child is present:
    ///   R        = correlation matrix of the children (k x k)
    ///   R a = l a,  l the largest eigenvalue, |a| = 1  (cyclic Jacobi rotations)
    ///   w_j      = a_j^2 / sum_k a_k^2
    /// ```
    ///
    /// Reference: OECD/JRC *Handbook on Constructing Composite Indicators* (2008), section 6.1,
    /// "weights based on principal components analysis" (here with one component and no rotation).
    /// The sign of an eigenvector is arbitrary; squaring removes it.
    ///
    /// # Errors
    /// [`crate::Error::Degenerate`] if fewer than two rows are complete, a child is constant on the
    /// complete rows, or the largest eigenvalue is tied with the second (for example uncorrelated
    /// children), so that the first component is not unique.
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// // two perfectly correlated children: R = [[1, 1], [1, 1]], first component (1, 1)/sqrt(2)
    /// let a = [Some(1.0), Some(2.0), Some(4.0)];
    /// let b = [Some(3.0), Some(5.0), Some(9.0)];
    /// let w = Weighting::Pca.weights(&[&a, &b], &[])?;
    /// assert!((w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.5).abs() < 1e-12);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    Pca,
}

impl Weighting {
    /// Weights for `columns` (each one child's normalised values over the same rows), summing to one.
    /// `manual` are the framework's weights, used by [`Weighting::Manual`] (and, when `columns` is
    /// empty, to count the children for [`Weighting::Equal`]); the data-driven schemes ignore it.
    ///
    /// # Errors
    /// Degenerate input (too few rows, a constant column for methods that need variance), columns of
    /// different lengths or holding NaN ([`crate::Error::Domain`]), and the errors listed under each
    /// variant.
    ///
    /// # Example
    /// ```
    /// use govgap::weight::Weighting;
    /// let w = Weighting::Equal.weights(&[&[Some(1.0)], &[None]], &[])?;
    /// assert_eq!(w, vec![0.5, 0.5]);
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn weights(&self, columns: &[&[Option<f64>]], manual: &[f64]) -> Result<Vec<f64>> {
        self.weights_cells(columns, manual)
    }

    /// [`Weighting::weights`] on columns of any kind of [`Cells`] (a run's dense
    /// [`crate::model::Scores`] columns as well as slices of options).
    ///
    /// # Errors
    /// Those of [`Weighting::weights`].
    pub fn weights_cells<C: Cells + ?Sized>(&self, columns: &[&C], manual: &[f64]) -> Result<Vec<f64>> {
        // manual and equal weights do not read the values; the data-driven schemes check them first
        check_columns(columns, false)?;
        match self {
            Self::Manual => manual::weights(columns.len(), manual),
            Self::Equal => equal::weights(if columns.is_empty() {
                manual.len()
            } else {
                columns.len()
            }),
            Self::Entropy | Self::Critic | Self::Pca => {
                check_columns(columns, true)?;
                match columns.len() {
                    0 => return Err(no_children()),
                    1 => return Ok(vec![1.0]),
                    _ => {}
                }
                // (the schemes read columns of options: a dense column is copied)
                let owned: Vec<Cow<'_, [Option<f64>]>> = columns.iter().map(|c| c.options()).collect();
                let refs: Vec<&[Option<f64>]> = owned.iter().map(AsRef::as_ref).collect();
                match self {
                    Self::Entropy => entropy::weights(&refs),
                    Self::Critic => critic::weights(&refs),
                    _ => pca::weights(&refs),
                }
            }
        }
    }
}

fn no_children() -> crate::Error {
    crate::Error::Settings("there are no children to weight; an aggregate needs at least one child".into())
}

/// Same length; with `values`, finite values too.
fn check_columns<C: Cells + ?Sized>(columns: &[&C], values: bool) -> Result<()> {
    let Some(first) = columns.first() else {
        return Ok(());
    };
    for (j, c) in columns.iter().enumerate() {
        if c.n_cells() != first.n_cells() {
            return Err(crate::Error::Domain(format!(
                "child {j} has {} rows but child 0 has {}; weight columns over the same rows",
                c.n_cells(),
                first.n_cells()
            )));
        }
        if !values {
            continue;
        }
        if let Some(row) = c.cells(0..c.n_cells()).position(|v| v.is_some_and(|v| !v.is_finite())) {
            return Err(crate::Error::Domain(format!(
                "child {j}, row {row} is not a finite number"
            )));
        }
    }
    Ok(())
}

/// The rows where every column is present, as one dense vector per column.
fn complete_rows(columns: &[&[Option<f64>]]) -> Vec<Vec<f64>> {
    let n = columns.first().map_or(0, |c| c.len());
    let rows: Vec<usize> = (0..n).filter(|&i| columns.iter().all(|c| c[i].is_some())).collect();
    columns
        .iter()
        .map(|c| rows.iter().filter_map(|&i| c[i]).collect())
        .collect()
}

/// A dense column minus its mean (summed in row order).
fn centred(x: &[f64]) -> Vec<f64> {
    let mean = x.iter().sum::<f64>() / x.len() as f64;
    x.iter().map(|v| v - mean).collect()
}

/// Pearson correlation matrix of dense columns (all of the same length >= 2), or the position of a
/// constant column.
fn correlation(cols: &[Vec<f64>]) -> std::result::Result<Vec<Vec<f64>>, usize> {
    let c: Vec<Vec<f64>> = cols.iter().map(|x| centred(x)).collect();
    let ss: Vec<f64> = c.iter().map(|d| d.iter().map(|v| v * v).sum()).collect();
    if let Some(j) = ss.iter().position(|&s| s <= 0.0) {
        return Err(j);
    }
    let k = cols.len();
    let mut r = vec![vec![1.0; k]; k];
    for j in 0..k {
        for l in (j + 1)..k {
            let cross: f64 = c[j].iter().zip(&c[l]).map(|(a, b)| a * b).sum();
            let v = (cross / (ss[j] * ss[l]).sqrt()).clamp(-1.0, 1.0);
            r[j][l] = v;
            r[l][j] = v;
        }
    }
    Ok(r)
}

/// Rescales non-negative scores to sum to one.
fn to_unit_sum(c: &[f64]) -> Option<Vec<f64>> {
    let total: f64 = c.iter().sum();
    (total > 0.0 && total.is_finite()).then(|| c.iter().map(|v| v / total).collect())
}

#[cfg(test)]
mod tests {
    //! Reference values from outside the project, checked through one data-driven helper.
    use proptest::prelude::*;

    use super::Weighting;

    /// Computes weights and compares with `expected` (absolute tolerance `atol`).
    fn check(method: Weighting, columns: &[Vec<Option<f64>>], manual: &[f64], expected: &[f64], atol: f64) {
        let cols: Vec<&[Option<f64>]> = columns.iter().map(Vec::as_slice).collect();
        let got = method
            .weights(&cols, manual)
            .unwrap_or_else(|e| panic!("{method:?} failed: {e}"));
        assert_eq!(got.len(), expected.len(), "{method:?}: number of weights");
        for (j, (g, e)) in got.iter().zip(expected).enumerate() {
            assert!((g - e).abs() <= atol, "{method:?} child {j}: got {g}, expected {e}");
        }
    }

    /// Rows-as-given table to columns.
    fn columns(rows: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        let k = rows.first().map_or(0, |r| r.len());
        (0..k).map(|j| rows.iter().map(|r| Some(r[j])).collect()).collect()
    }

    /// Diakoulaki, Mavrotas & Papayannakis (1995), table 1: eight alternatives, three criteria.
    const DIAKOULAKI: [&[f64]; 8] = [
        &[61.0, 1.08, 4.33],
        &[20.7, 0.26, 4.34],
        &[16.3, 1.98, 2.53],
        &[9.0, 3.29, 1.65],
        &[5.4, 2.77, 2.33],
        &[4.0, 4.12, 1.21],
        &[-6.1, 3.52, 2.10],
        &[-34.6, 3.31, 0.98],
    ];

    #[test]
    fn manual_and_equal() {
        check(Weighting::Manual, &[], &[2.0, 0.0, 6.0], &[0.25, 0.0, 0.75], 0.0);
        check(
            Weighting::Equal,
            &columns(&[&[1.0, 2.0, 3.0]]),
            &[],
            &[1.0 / 3.0; 3],
            0.0,
        );
    }

    #[test]
    fn critic_matches_diakoulaki_1995() {
        // scikit-criteria's test `test_critic_weight_weights_diakoulaki1995determining` (scale = True,
        // pearson) pins these weights for the paper's table; the paper reports 0.20, 0.48, 0.32.
        check(
            Weighting::Critic,
            &columns(&DIAKOULAKI),
            &[],
            &[0.202_225_54, 0.480_901_73, 0.316_872_73],
            1e-8,
        );
    }

    #[test]
    fn entropy_matches_published_and_peer_values() {
        // scikit-criteria `test_EntropyWeighter_simple_matrix`: [[1, 2], [4, 16]] -> [0.358889, 0.641111].
        check(
            Weighting::Entropy,
            &columns(&[&[1.0, 2.0], &[4.0, 16.0]]),
            &[],
            &[0.358_889, 0.641_111],
            1e-6,
        );
        // peer_py.py `entropy_weights` on the Diakoulaki table's last two (positive) criteria with one
        // cell missing (NaN excluded per column), printed with repr().
        let mut cols = columns(&DIAKOULAKI);
        cols.remove(0);
        cols[0][2] = None;
        check(Weighting::Entropy, &cols, &[], &ENTROPY_PEER, 1e-15);
    }

    #[test]
    fn entropy_names_a_value_that_is_not_finite() {
        for bad in [f64::NAN, f64::INFINITY] {
            let a = [Some(1.0), Some(bad), Some(2.0)];
            let b = [Some(2.0), Some(3.0), None];
            let err = super::entropy::entropy_weights(&[&b[..], &a[..]])
                .unwrap_err()
                .to_string();
            assert!(err.contains("child 1, row 1"), "{err}");
            // in a dense column a NaN is a missing cell, an infinity is an error
            let dense = crate::model::Scores::from(a.to_vec());
            let got = super::entropy::entropy_weights(&[&crate::model::Scores::from(b.to_vec()), &dense]);
            assert_eq!(got.is_err(), bad.is_infinite());
        }
    }

    /// See `entropy_matches_published_and_peer_values`.
    const ENTROPY_PEER: [f64; 2] = [0.5962808747670908, 0.4037191252329092];

    #[test]
    fn pca_matches_numpy_eigh() {
        // numpy.linalg.eigh(np.corrcoef(table.T)): squared eigenvector of the largest eigenvalue.
        check(Weighting::Pca, &columns(&DIAKOULAKI), &[], &PCA_NUMPY, 1e-12);
    }

    /// See `pca_matches_numpy_eigh` (numpy 2.4.6; eigenvalues 2.607, 0.358, 0.035).
    const PCA_NUMPY: [f64; 3] = [0.295469557423293, 0.3325499577432251, 0.3719804848334819];

    #[test]
    fn degenerate_inputs_are_typed_errors() {
        let c = |v: &[Option<f64>]| v.to_vec();
        let one_row = [c(&[Some(1.0)]), c(&[Some(2.0)])];
        let constant = [
            c(&[Some(1.0), Some(1.0), Some(1.0)]),
            c(&[Some(1.0), Some(2.0), Some(3.0)]),
        ];
        let missing = [c(&[Some(1.0), None, Some(3.0)]), c(&[None, Some(2.0), Some(4.0)])];
        let refs: Vec<&[Option<f64>]> = one_row.iter().map(Vec::as_slice).collect();
        assert!(matches!(
            Weighting::Entropy.weights(&refs, &[]),
            Err(crate::Error::Degenerate(_))
        ));
        for method in [Weighting::Critic, Weighting::Pca] {
            // one row, one complete row, a constant child
            for cols in [&one_row[..], &missing[..], &constant[..]] {
                let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
                assert!(
                    matches!(method.weights(&refs, &[]), Err(crate::Error::Degenerate(_))),
                    "{method:?}"
                );
            }
        }
        // uncorrelated children: the first principal component is not unique
        let flat = columns(&[&[1.0, 1.0], &[1.0, -1.0], &[-1.0, 1.0], &[-1.0, -1.0]]);
        let refs: Vec<&[Option<f64>]> = flat.iter().map(Vec::as_slice).collect();
        assert!(matches!(
            Weighting::Pca.weights(&refs, &[]),
            Err(crate::Error::Degenerate(_))
        ));
        // every child perfectly even: entropy carries no information
        let even = columns(&[&[2.0, 5.0], &[2.0, 5.0]]);
        let refs: Vec<&[Option<f64>]> = even.iter().map(Vec::as_slice).collect();
        assert!(matches!(
            Weighting::Entropy.weights(&refs, &[]),
            Err(crate::Error::Degenerate(_))
        ));
        let negative = columns(&[&[-1.0, 5.0], &[2.0, 5.0]]);
        let refs: Vec<&[Option<f64>]> = negative.iter().map(Vec::as_slice).collect();
        assert!(matches!(
            Weighting::Entropy.weights(&refs, &[]),
            Err(crate::Error::Domain(_))
        ));
        assert!(matches!(
            Weighting::Manual.weights(&[], &[0.0, 0.0]),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Weighting::Manual.weights(&[], &[-1.0, 2.0]),
            Err(crate::Error::Settings(_))
        ));
        assert!(matches!(
            Weighting::Equal.weights(&[], &[]),
            Err(crate::Error::Settings(_))
        ));
        let ragged: [&[Option<f64>]; 2] = [&[Some(1.0)], &[Some(1.0), Some(2.0)]];
        assert!(matches!(
            Weighting::Equal.weights(&ragged, &[]),
            Err(crate::Error::Domain(_))
        ));
        // a single child always gets everything
        assert_eq!(Weighting::Pca.weights(&[&[Some(1.0)]], &[]).ok(), Some(vec![1.0]));
    }

    fn table() -> impl Strategy<Value = Vec<Vec<Option<f64>>>> {
        (2usize..6, 3usize..30).prop_flat_map(|(k, n)| {
            prop::collection::vec(prop::collection::vec(prop::option::weighted(0.9, 0.0..100.0f64), n), k)
        })
    }

    proptest! {
        #[test]
        fn weights_sum_to_one(cols in table(), manual in prop::collection::vec(0.0..10.0f64, 2..6)) {
            let refs: Vec<&[Option<f64>]> = cols.iter().map(Vec::as_slice).collect();
            let methods = [Weighting::Equal, Weighting::Entropy, Weighting::Critic, Weighting::Pca];
            for method in methods {
                if let Ok(w) = method.weights(&refs, &[]) {
                    prop_assert_eq!(w.len(), cols.len());
                    prop_assert!(w.iter().all(|v| v.is_finite() && *v >= 0.0), "{:?}: {:?}", method, w);
                    prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{:?}: {:?}", method, w);
                }
            }
            if let Ok(w) = Weighting::Manual.weights(&[], &manual) {
                prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
        }
    }
}
