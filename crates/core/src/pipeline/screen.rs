//! Unit screening by data availability.

/// Positions of units (0..n_units) whose share of present values is below `min_share`, given for each
/// unit the number of present and possible cells.
///
/// ```text
/// drop unit u  if  present_u / possible_u < min_share
/// ```
///
/// # Example
/// ```
/// let dropped = govgap::pipeline::screen::screen(&[(9, 10), (4, 10), (0, 0)], 0.5);
/// assert_eq!(dropped, vec![1, 2]);
/// ```
#[must_use]
pub fn screen(counts: &[(usize, usize)], min_share: f64) -> Vec<usize> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, (present, possible))| *possible == 0 || (*present as f64) / (*possible as f64) < min_share)
        .map(|(i, _)| i)
        .collect()
}
