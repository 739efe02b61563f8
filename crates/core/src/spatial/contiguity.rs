//! Queen contiguity from polygon outlines: neighbours share at least one vertex.

use std::collections::HashMap;

/// Vertices by grid cell: (region, point).
type Grid = HashMap<(i64, i64), Vec<(usize, [f64; 2])>>;

/// Queen contiguity: two regions are neighbours if they share at least one vertex, to within `tol`.
///
/// ```text
/// i ~ j  ⇔  ∃ p ∈ vertices(i), q ∈ vertices(j):  ‖p − q‖₂ ≤ tol        (tol > 0)
///        ⇔  ∃ p ∈ vertices(i) ∩ vertices(j) exactly                   (tol ≤ 0 or not finite)
/// ```
///
/// `polygons[r]` is region `r` as a multipolygon: polygons → rings → points `[lon, lat]`. Vertices are
/// hashed into a grid of cell size `tol` (quantised coordinates), and each vertex is compared only
/// with the vertices in its own and the eight surrounding cells, so the cost is about linear in the
/// total number of points (plus sorting the links). Non-finite points are ignored. Reference: libpysal
/// `Queen.from_dataframe` (vertex-sharing rule); the tolerance absorbs rounding in shared borders.
///
/// Returns `neighbours[r]`, sorted ascending, without `r` itself; the relation is symmetric.
///
/// # Example
/// ```
/// let square = |x: f64, y: f64| vec![vec![vec![[x, y], [x + 1.0, y], [x + 1.0, y + 1.0], [x, y + 1.0], [x, y]]]];
/// // a 2×2 block of unit squares: all four touch, diagonally at the centre vertex
/// let polys = vec![square(0.0, 0.0), square(1.0, 0.0), square(0.0, 1.0), square(1.0, 1.0)];
/// let nb = govgap::spatial::queen_contiguity(&polys, 1e-9);
/// assert_eq!(nb[0], vec![1, 2, 3]);
/// ```
#[must_use]
pub fn queen_contiguity(polygons: &[Vec<Vec<Vec<[f64; 2]>>>], tol: f64) -> Vec<Vec<usize>> {
    let n = polygons.len();
    let mut links: Vec<Vec<usize>> = vec![Vec::new(); n];
    let points = polygons.iter().enumerate().flat_map(|(r, poly)| {
        poly.iter()
            .flatten()
            .flatten()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .map(move |p| (r, *p))
    });
    if tol > 0.0 && tol.is_finite() {
        let cell = |p: [f64; 2]| ((p[0] / tol).floor() as i64, (p[1] / tol).floor() as i64);
        let mut grid: Grid = HashMap::new();
        for (r, p) in points.clone() {
            let bucket = grid.entry(cell(p)).or_default();
            // one copy of a region's vertex per position is enough
            if !bucket
                .iter()
                .any(|&(s, q)| s == r && q[0].to_bits() == p[0].to_bits() && q[1].to_bits() == p[1].to_bits())
            {
                bucket.push((r, p));
            }
        }
        let tol2 = tol * tol;
        for (&(cx, cy), bucket) in &grid {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(other) = grid.get(&(cx.saturating_add(dx), cy.saturating_add(dy))) else {
                        continue;
                    };
                    for &(r, p) in bucket {
                        for &(s, q) in other {
                            if r != s {
                                let (ex, ey) = (p[0] - q[0], p[1] - q[1]);
                                if ex * ex + ey * ey <= tol2 {
                                    links[r].push(s);
                                }
                            }
                        }
                    }
                }
            }
        }
    } else {
        let mut exact: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
        for (r, p) in points {
            let regions = exact
                .entry(((p[0] + 0.0).to_bits(), (p[1] + 0.0).to_bits()))
                .or_default();
            if !regions.contains(&r) {
                regions.push(r);
            }
        }
        for regions in exact.values() {
            for &r in regions {
                for &s in regions {
                    if r != s {
                        links[r].push(s);
                    }
                }
            }
        }
    }
    for list in &mut links {
        list.sort_unstable();
        list.dedup();
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> Vec<Vec<Vec<[f64; 2]>>> {
        vec![vec![vec![
            [x, y],
            [x + 1.0, y],
            [x + 1.0, y + 1.0],
            [x, y + 1.0],
            [x, y],
        ]]]
    }

    #[test]
    fn rook_and_diagonal_neighbours_on_a_grid() {
        // 3×3 grid of unit squares, row-major
        let polys: Vec<_> = (0..9).map(|k| square(f64::from(k % 3), f64::from(k / 3))).collect();
        let nb = queen_contiguity(&polys, 1e-9);
        assert_eq!(nb[4], vec![0, 1, 2, 3, 5, 6, 7, 8]);
        assert_eq!(nb[0], vec![1, 3, 4]);
        assert_eq!(queen_contiguity(&polys, 0.0), nb);
    }

    #[test]
    fn tolerance_absorbs_rounding_but_not_gaps() {
        let a = square(0.0, 0.0);
        let b = square(1.0 + 1e-7, 0.0);
        assert_eq!(queen_contiguity(&[a.clone(), b.clone()], 1e-6), vec![vec![1], vec![0]]);
        assert_eq!(
            queen_contiguity(&[a.clone(), b], 0.0),
            vec![Vec::<usize>::new(), vec![]]
        );
        let far = square(1.1, 0.0);
        assert_eq!(queen_contiguity(&[a, far], 1e-6), vec![Vec::<usize>::new(), vec![]]);
    }
}
