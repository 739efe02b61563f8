//! Weighted Copeland scores (Munda & Nardo 2009); documented on [`super::Aggregator::Copeland`].

use super::Share;

/// Relative margin below which a weighted pairwise comparison counts as a tie.
const TIE: f64 = 1e-12;

/// Wins minus losses over all pairs of participating rows.
pub(super) fn apply(children: &[&[Option<f64>]], weights: &[f64], rows: usize, share: Share) -> Vec<Option<f64>> {
    let tol = TIE * weights.iter().sum::<f64>();
    let participating: Vec<usize> = (0..rows)
        .filter(|&i| share.passes(children.iter().filter(|c| c[i].is_some()).count()))
        .collect();
    let mut net = vec![0i64; rows];
    for (pos, &a) in participating.iter().enumerate() {
        for &b in &participating[pos + 1..] {
            let mut e = 0.0;
            for (c, &w) in children.iter().zip(weights) {
                if let (Some(za), Some(zb)) = (c[a], c[b]) {
                    if za > zb {
                        e += w;
                    } else if zb > za {
                        e -= w;
                    }
                }
            }
            if e > tol {
                net[a] += 1;
                net[b] -= 1;
            } else if e < -tol {
                net[a] -= 1;
                net[b] += 1;
            }
        }
    }
    let mut scores = vec![None; rows];
    for &a in &participating {
        scores[a] = Some(net[a] as f64);
    }
    scores
}
