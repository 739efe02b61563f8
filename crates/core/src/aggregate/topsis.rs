//! TOPSIS relative closeness (Hwang & Yoon 1981); documented on [`super::Aggregator::Topsis`].

use super::Share;

/// `d- / (d+ + d-)` for rows with every child present, after vector normalisation and weighting.
pub(super) fn apply(children: &[&[Option<f64>]], weights: &[f64], rows: usize, share: Share) -> Vec<Option<f64>> {
    let wsum: f64 = weights.iter().sum();
    // weighted normalised columns, and each child's ideal and anti-ideal value
    let mut v: Vec<Vec<Option<f64>>> = Vec::with_capacity(children.len());
    let mut ideal = Vec::with_capacity(children.len());
    let mut anti = Vec::with_capacity(children.len());
    for (c, &w) in children.iter().zip(weights) {
        let norm = c.iter().flatten().fold(0.0, |acc, z| acc + z * z).sqrt();
        let wn = w / wsum;
        let col: Vec<Option<f64>> = c
            .iter()
            .map(|z| {
                z.map(|z| {
                    if norm > 0.0 && norm.is_finite() {
                        wn * (z / norm)
                    } else {
                        0.0
                    }
                })
            })
            .collect();
        ideal.push(col.iter().flatten().copied().fold(f64::NEG_INFINITY, f64::max));
        anti.push(col.iter().flatten().copied().fold(f64::INFINITY, f64::min));
        v.push(col);
    }
    (0..rows)
        .map(|i| {
            let row: Option<Vec<f64>> = v.iter().map(|col| col[i]).collect();
            let row = row?;
            if !share.passes(row.len()) {
                return None;
            }
            let (mut plus, mut minus) = (0.0, 0.0);
            for ((x, a_pos), a_neg) in row.iter().zip(&ideal).zip(&anti) {
                plus += (x - a_pos) * (x - a_pos);
                minus += (x - a_neg) * (x - a_neg);
            }
            let (d_plus, d_minus) = (plus.sqrt(), minus.sqrt());
            (d_plus + d_minus > 0.0).then(|| d_minus / (d_plus + d_minus))
        })
        .collect()
}
