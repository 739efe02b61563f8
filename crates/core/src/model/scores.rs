//! Columns of optional numbers: the dense [`Scores`] a run stores, and the [`Cells`] view the
//! numeric kernels read, so that they take a `Scores` column and a plain `[Option<f64>]` slice alike.

use std::borrow::Cow;
use std::ops::Range;

/// A column of optional numbers stored densely, 8 bytes a cell (an `Option<f64>` takes 16): NaN
/// marks a missing cell, so a present value is never NaN.
///
/// The normalised indicators and aggregate scores of a run ([`crate::pipeline::Results::scores`]) are
/// columns of this kind: for a large panel they are most of a run's memory, and half the memory is
/// half the pages the operating system must hand out and clear. Read it cell by cell ([`Scores::get`]),
/// as a whole ([`Scores::iter`], [`Scores::present`]), or as the raw dense slice ([`Scores::raw`]).
///
/// A NaN given as a present value is stored as what it is, no number: a missing cell. The pipeline
/// never produces one (its normalisers and aggregators reject values that are not finite, naming
/// them).
///
/// ```
/// use govgap::model::Scores;
/// let s = Scores::from(vec![Some(1.5), None, Some(-2.0)]);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s.get(1), None);
/// assert_eq!(s.present().sum::<f64>(), -0.5);
/// assert_eq!(s.to_options(), vec![Some(1.5), None, Some(-2.0)]);
/// ```
#[derive(Clone, Default)]
pub struct Scores {
    v: Vec<f64>,
}

impl Scores {
    /// `n` missing cells.
    #[must_use]
    pub fn missing(n: usize) -> Self {
        Self { v: vec![f64::NAN; n] }
    }

    /// A column from its dense form, NaN for a missing cell.
    #[must_use]
    pub fn from_raw(v: Vec<f64>) -> Self {
        Self { v }
    }

    /// Number of cells.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// Whether the column has no cells.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }

    /// Cell `i`: `None` if it is missing or `i` is out of range.
    #[must_use]
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        self.v.get(i).copied().filter(|x| !x.is_nan())
    }

    /// Every cell in order.
    #[must_use]
    #[inline]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<f64>> + ExactSizeIterator + Clone + '_ {
        self.v.iter().map(|&x| (!x.is_nan()).then_some(x))
    }

    /// The present values in order.
    #[must_use]
    #[inline]
    pub fn present(&self) -> impl DoubleEndedIterator<Item = f64> + Clone + '_ {
        self.v.iter().copied().filter(|x| !x.is_nan())
    }

    /// Whether any cell is present.
    #[must_use]
    #[inline]
    pub fn any_present(&self) -> bool {
        self.v.iter().any(|x| !x.is_nan())
    }

    /// The dense form: NaN for a missing cell.
    #[must_use]
    #[inline]
    pub fn raw(&self) -> &[f64] {
        &self.v
    }

    /// The cells as options (a copy).
    #[must_use]
    pub fn to_options(&self) -> Vec<Option<f64>> {
        self.iter().collect()
    }
}

impl From<Vec<Option<f64>>> for Scores {
    fn from(v: Vec<Option<f64>>) -> Self {
        v.into_iter().collect()
    }
}

impl From<&[Option<f64>]> for Scores {
    fn from(v: &[Option<f64>]) -> Self {
        v.iter().copied().collect()
    }
}

impl FromIterator<Option<f64>> for Scores {
    fn from_iter<I: IntoIterator<Item = Option<f64>>>(iter: I) -> Self {
        Self {
            v: iter.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect(),
        }
    }
}

/// Two columns are equal when every cell is: both missing, or the same number.
impl PartialEq for Scores {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A column of optional numbers as the numeric kernels read it: a dense [`Scores`] column, or any
/// slice, array or vector of `Option<f64>`.
pub trait Cells: Sync {
    /// Number of cells.
    fn n_cells(&self) -> usize;

    /// Cell `i` (`None`: missing or out of range).
    fn cell(&self, i: usize) -> Option<f64>;

    /// The cells of `range`, in order.
    fn cells(&self, range: Range<usize>) -> impl Iterator<Item = Option<f64>> + '_;

    /// The cells as a slice of options: borrowed where they are stored so, else a copy.
    fn options(&self) -> Cow<'_, [Option<f64>]>;

    /// The cells of `range` as plain numbers, NaN where a cell is missing (the form the branch-free
    /// kernels read): borrowed where they are stored so, else written into `scratch`. The flag says
    /// whether a *present* cell was NaN (possible only in a column of options), which the caller
    /// must report rather than take for a missing cell.
    ///
    /// The provided method copies through [`Cells::cells`]; a type that stores plain numbers
    /// lends them instead, as [`Scores`] does.
    fn values<'a>(&'a self, range: Range<usize>, scratch: &'a mut Vec<f64>) -> (&'a [f64], bool) {
        let mut nan = false;
        scratch.clear();
        scratch.extend(self.cells(range).map(|z| {
            nan |= z.is_some_and(f64::is_nan);
            z.unwrap_or(f64::NAN)
        }));
        (scratch, nan)
    }
}

impl Cells for Scores {
    #[inline]
    fn n_cells(&self) -> usize {
        self.v.len()
    }

    #[inline]
    fn cell(&self, i: usize) -> Option<f64> {
        self.get(i)
    }

    #[inline]
    fn cells(&self, range: Range<usize>) -> impl Iterator<Item = Option<f64>> + '_ {
        self.v[range].iter().map(|&x| (!x.is_nan()).then_some(x))
    }

    fn options(&self) -> Cow<'_, [Option<f64>]> {
        Cow::Owned(self.to_options())
    }

    #[inline]
    fn values<'a>(&'a self, range: Range<usize>, _scratch: &'a mut Vec<f64>) -> (&'a [f64], bool) {
        (&self.v[range], false)
    }
}

impl<T: AsRef<[Option<f64>]> + Sync + ?Sized> Cells for T {
    #[inline]
    fn n_cells(&self) -> usize {
        self.as_ref().len()
    }

    #[inline]
    fn cell(&self, i: usize) -> Option<f64> {
        self.as_ref().get(i).copied().flatten()
    }

    #[inline]
    fn cells(&self, range: Range<usize>) -> impl Iterator<Item = Option<f64>> + '_ {
        self.as_ref()[range].iter().copied()
    }

    fn options(&self) -> Cow<'_, [Option<f64>]> {
        Cow::Borrowed(self.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Cells, Scores};

    proptest! {
        /// Options in, the same options out, through every accessor.
        #[test]
        fn round_trip(v in proptest::collection::vec(proptest::option::of(-1e6f64..1e6), 0..50)) {
            let s = Scores::from(v.clone());
            prop_assert_eq!(s.to_options(), v.clone());
            prop_assert_eq!(s.len(), v.len());
            for (i, x) in v.iter().enumerate() {
                prop_assert_eq!(s.get(i), *x);
                prop_assert_eq!(s.cell(i), *x);
                prop_assert_eq!(v.cell(i), *x);
            }
            prop_assert_eq!(s.present().collect::<Vec<_>>(), v.iter().flatten().copied().collect::<Vec<_>>());
            prop_assert_eq!(s.cells(0..v.len()).collect::<Vec<_>>(), v.cells(0..v.len()).collect::<Vec<_>>());
            prop_assert_eq!(s.any_present(), v.iter().any(Option::is_some));
            prop_assert_eq!(&s, &Scores::from(v.as_slice()));
            // plain values, NaN for missing, the same from both kinds of column
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let (dense, nan_dense) = s.values(0..v.len(), &mut a);
            let (copied, nan_copied) = v.values(0..v.len(), &mut b);
            prop_assert!(!nan_dense && !nan_copied);
            prop_assert_eq!(dense.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), copied.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_present_nan_among_options_is_flagged_not_taken_for_missing() {
        let v = [Some(1.0), None, Some(f64::NAN)];
        let mut scratch = Vec::new();
        assert!(v.values(0..3, &mut scratch).1);
        assert!(!v.values(0..2, &mut scratch).1);
        assert!(v.values(0..2, &mut scratch).0[1].is_nan());
    }

    #[test]
    fn missing_cells_compare_equal_and_nan_is_missing() {
        assert_eq!(Scores::missing(2), Scores::from(vec![None, None]));
        assert_ne!(Scores::missing(2), Scores::missing(3));
        assert_eq!(Scores::from(vec![Some(f64::NAN)]).get(0), None);
        assert_eq!(Scores::from(vec![Some(1.0)]).get(5), None);
        assert_eq!(
            format!("{:?}", Scores::from(vec![Some(1.0), None])),
            "[Some(1.0), None]"
        );
    }
}
