//! Eigen decomposition of a small symmetric matrix by cyclic Jacobi rotations.
//!
//! ```text
//! repeat sweeps over (p, q), p < q, until the off-diagonal is negligible:
//!   theta = (a_qq - a_pp) / (2 a_pq),  t = sign(theta) / (|theta| + sqrt(theta^2 + 1)),
//!   c = 1 / sqrt(t^2 + 1),  s = t c;  A <- J^T A J,  V <- V J
//! ```
//!
//! Reference: Golub & Van Loan, *Matrix Computations* (4th ed., 2013), section 8.5 (the classical
//! and cyclic Jacobi methods); Press et al., *Numerical Recipes* (3rd ed.), section 11.1.

/// Eigenvalues (descending) and unit eigenvectors (`vectors[i]` belongs to `values[i]`) of the
/// symmetric matrix `a`. Deterministic: the same input always gives the same bits.
pub(super) fn symmetric_eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let k = a.len();
    let mut m: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    let scale: f64 = m.iter().flatten().map(|x| x * x).sum::<f64>().sqrt();
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i][j] * m[i][j])
            .sum::<f64>()
            .sqrt();
        if off <= f64::EPSILON * 1e-3 * scale {
            break;
        }
        for p in 0..k {
            for q in (p + 1)..k {
                let apq = m[p][q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q][q] - m[p][p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + theta.hypot(1.0));
                let c = 1.0 / t.hypot(1.0);
                let s = t * c;
                for row in &mut m {
                    let (xp, xq) = (row[p], row[q]);
                    row[p] = c * xp - s * xq;
                    row[q] = s * xp + c * xq;
                }
                let (upper, lower) = m.split_at_mut(q);
                for (xp, xq) in upper[p].iter_mut().zip(lower[0].iter_mut()) {
                    let (a, b) = (*xp, *xq);
                    *xp = c * a - s * b;
                    *xq = s * a + c * b;
                }
                for row in &mut v {
                    let (xp, xq) = (row[p], row[q]);
                    row[p] = c * xp - s * xq;
                    row[q] = s * xp + c * xq;
                }
                // zero by construction; storing the exact zero keeps rounding from accumulating
                m[p][q] = 0.0;
                m[q][p] = 0.0;
            }
        }
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&i, &j| m[j][j].total_cmp(&m[i][i]).then(i.cmp(&j)));
    let values = order.iter().map(|&i| m[i][i]).collect();
    let vectors = order.iter().map(|&i| v.iter().map(|row| row[i]).collect()).collect();
    (values, vectors)
}

#[cfg(test)]
mod tests {
    use super::symmetric_eigen;

    #[test]
    fn matches_numpy_eigh() {
        // numpy.linalg.eigh([[4, 1, 2], [1, 3, 0], [2, 0, 5]]) eigenvalues, printed with repr().
        let a = vec![vec![4.0, 1.0, 2.0], vec![1.0, 3.0, 0.0], vec![2.0, 0.0, 5.0]];
        let (values, vectors) = symmetric_eigen(&a);
        let expected = EIGH;
        for (g, e) in values.iter().zip(expected) {
            assert!((g - e).abs() < 1e-12, "{values:?}");
        }
        // A v = l v for every pair
        for (l, vec) in values.iter().zip(&vectors) {
            for i in 0..3 {
                let av: f64 = (0..3).map(|j| a[i][j] * vec[j]).sum();
                assert!((av - l * vec[i]).abs() < 1e-12);
            }
        }
    }

    const EIGH: [f64; 3] = [6.669079088282287, 3.4760236029181333, 1.8548973087995761];
}
