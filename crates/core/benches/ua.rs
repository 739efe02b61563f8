//! Speed of the uncertainty kernel [`replay_design`] on synthetic data (seeded, generated here):
//! size M (337 units x 40 indicators in 5 dimensions) and the last year of size L (2,850 x 60 in 6
//! dimensions), each with a seeded design of 1,000 replications (min-max or z-score, weight
//! multipliers in [0.75, 1.25)). Criterion reports the times; nothing asserts them.
//!
//! Run with `cargo bench -p govgap --bench ua`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use govgap::uncertainty::{ReplayInput, UaDesign, replay_design};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A uniform draw in `[0, 1)`.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal draw (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u, v) = (1.0 - uniform(rng), uniform(rng));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// `n` units x `k` indicators in `d` dimensions, like the benchmark kit's generator: a latent
/// maturity plus dimension and indicator noise, heterogeneous scales, every fifth indicator "lower
/// is better", about 2 % of cells missing (never a unit's whole dimension).
fn synthetic(n: usize, k: usize, d: usize, seed: u64) -> Option<ReplayInput> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dim_of: Vec<usize> = (0..k).map(|c| c * d / k).collect();
    let latent: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
    let dim_effect: Vec<f64> = (0..n * d).map(|_| 0.5 * normal(&mut rng)).collect();
    let direction: Vec<f64> = (0..k).map(|c| if c % 5 == 4 { -1.0 } else { 1.0 }).collect();
    let mut x = Vec::with_capacity(n * k);
    for c in 0..k {
        let scale = 10f64.powf(3.0 * uniform(&mut rng));
        let loading = 0.4 + 0.6 * uniform(&mut rng);
        let first_of_dim = c == 0 || dim_of[c - 1] != dim_of[c];
        for i in 0..n {
            let f = direction[c] * (latent[i] * loading + dim_effect[i * d + dim_of[c]]) + 0.6 * normal(&mut rng);
            let missing = !first_of_dim && uniform(&mut rng) < 0.02;
            x.push(if missing {
                None
            } else {
                Some(scale * (2.0 + 0.4 * f).exp())
            });
        }
    }
    ReplayInput::new(x, n, k, direction, dim_of, d).ok()
}

fn bench_replay(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    for (name, n, k, d) in [("M_337x40_R1000", 337, 40, 5), ("L_2850x60_R1000", 2850, 60, 6)] {
        let (Some(input), Ok(design)) = (synthetic(n, k, d, 20_240_601), UaDesign::random(1000, k, d, 0.25, 7)) else {
            eprintln!("synthetic data or design of size {name} is not valid; benchmark skipped");
            continue;
        };
        group.bench_function(name, |b| {
            b.iter(|| replay_design(black_box(&input), black_box(&design), &|_, _| true));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_replay);
criterion_main!(benches);
