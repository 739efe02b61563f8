//! Columns of optional numbers: the dense [`Scores`] a run stores, and the [`Cells`] view the
//! numeric kernels read, so that they take a `Scores` column and a plain `[Option<f64>]` slice alike.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

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
///
/// A min-max normalised indicator of a run is kept as a *view* of its treated values, each cell
/// computed when it is read, by the same arithmetic, so with the same bits, as a stored column
/// would hold: the numeric kernels read a view block by block, and the first caller that asks for
/// the whole column at once ([`Scores::raw`], [`Scores::iter`] ...) stores it. A run over a large
/// panel so leaves its normalised indicators unwritten unless they are looked at.
#[derive(Clone, Default)]
pub struct Scores {
    /// The cells (NaN: missing); empty for a view.
    v: Vec<f64>,
    /// A view's source and map, and its cells once stored.
    view: Option<Arc<View>>,
}

/// A column computed from another by a min-max map.
struct View {
    base: Arc<Scores>,
    map: MinMaxMap,
    stored: OnceLock<Vec<f64>>,
}

/// The min-max map `(s x - min) / (max - min) * (high - low) + low` (`s`: the direction's sign), in
/// that order of operations (`normalise::minmax` stores its columns with it too).
#[derive(Clone, Copy, Debug)]
pub(crate) struct MinMaxMap {
    pub sign: f64,
    pub min: f64,
    pub max: f64,
    pub low: f64,
    pub high: f64,
}

impl MinMaxMap {
    /// The map of one value (a missing cell, NaN, maps to NaN).
    #[inline]
    pub(crate) fn apply(self, x: f64) -> f64 {
        let v = self.sign * x;
        (v - self.min) / (self.max - self.min) * (self.high - self.low) + self.low
    }
}

impl Scores {
    /// `n` missing cells.
    #[must_use]
    pub fn missing(n: usize) -> Self {
        Self::from_raw(vec![f64::NAN; n])
    }

    /// A column from its dense form, NaN for a missing cell.
    #[must_use]
    pub fn from_raw(v: Vec<f64>) -> Self {
        Self { v, view: None }
    }

    /// `base` under `map`, computed cell by cell when read (see the type's documentation).
    pub(crate) fn min_max_view(base: Arc<Scores>, map: MinMaxMap) -> Self {
        Self {
            v: Vec::new(),
            view: Some(Arc::new(View {
                base,
                map,
                stored: OnceLock::new(),
            })),
        }
    }

    /// The cells as a dense slice, stored first if this is a view.
    #[inline]
    fn dense(&self) -> &[f64] {
        match &self.view {
            None => &self.v,
            Some(w) => w
                .stored
                .get_or_init(|| w.base.dense().iter().map(|&x| w.map.apply(x)).collect()),
        }
    }

    /// Number of cells.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        match &self.view {
            None => self.v.len(),
            Some(w) => w.base.len(),
        }
    }

    /// Whether the column has no cells.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cell `i`: `None` if it is missing or `i` is out of range.
    #[must_use]
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        let x = match &self.view {
            None => self.v.get(i).copied(),
            Some(w) => match w.stored.get() {
                Some(v) => v.get(i).copied(),
                None => w.base.get(i).map(|x| w.map.apply(x)),
            },
        };
        x.filter(|x| !x.is_nan())
    }

    /// Every cell in order.
    #[must_use]
    #[inline]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Option<f64>> + ExactSizeIterator + Clone + '_ {
        self.dense().iter().map(|&x| (!x.is_nan()).then_some(x))
    }

    /// The present values in order.
    #[must_use]
    #[inline]
    pub fn present(&self) -> impl DoubleEndedIterator<Item = f64> + Clone + '_ {
        self.dense().iter().copied().filter(|x| !x.is_nan())
    }

    /// Whether any cell is present.
    #[must_use]
    #[inline]
    pub fn any_present(&self) -> bool {
        match &self.view {
            None => self.v.iter().any(|x| !x.is_nan()),
            Some(_) => (0..self.len()).any(|i| self.get(i).is_some()),
        }
    }

    /// The dense form: NaN for a missing cell.
    #[must_use]
    #[inline]
    pub fn raw(&self) -> &[f64] {
        self.dense()
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
        Self::from_raw(iter.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
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
        self.len()
    }

    #[inline]
    fn cell(&self, i: usize) -> Option<f64> {
        self.get(i)
    }

    #[inline]
    fn cells(&self, range: Range<usize>) -> impl Iterator<Item = Option<f64>> + '_ {
        self.dense()[range].iter().map(|&x| (!x.is_nan()).then_some(x))
    }

    fn options(&self) -> Cow<'_, [Option<f64>]> {
        Cow::Owned(self.to_options())
    }

    /// A stored column lends its cells; a view not yet stored computes them into `scratch`.
    #[inline]
    fn values<'a>(&'a self, range: Range<usize>, scratch: &'a mut Vec<f64>) -> (&'a [f64], bool) {
        let Some(w) = &self.view else {
            return (&self.v[range], false);
        };
        if let Some(v) = w.stored.get() {
            return (&v[range], false);
        }
        let map = w.map;
        scratch.clear();
        scratch.extend(w.base.dense()[range].iter().map(|&x| map.apply(x)));
        (scratch, false)
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

    proptest! {
        /// A min-max view reads as the column it stands for, bit for bit, through every accessor,
        /// before and after it is stored.
        #[test]
        fn a_view_reads_as_its_stored_column(
            v in proptest::collection::vec(proptest::option::of(-1e6f64..1e6), 0..40),
            negative: bool,
        ) {
            use std::sync::Arc;
            use super::MinMaxMap;
            let base = Arc::new(Scores::from(v.clone()));
            let (min, max) = (-2e6, 3e6);
            let map = MinMaxMap { sign: if negative { -1.0 } else { 1.0 }, min, max, low: 1.0, high: 100.0 };
            let stored = Scores::from_raw(base.raw().iter().map(|&x| map.apply(x)).collect());
            let bits = |x: &[f64]| x.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            let n = v.len();
            for read_first in [false, true] {
                let view = Scores::min_max_view(Arc::clone(&base), map);
                if read_first {
                    let _ = view.raw(); // stored from here on
                }
                prop_assert_eq!(view.len(), n);
                prop_assert_eq!(view.is_empty(), n == 0);
                prop_assert_eq!(view.any_present(), stored.any_present());
                for i in 0..=n {
                    prop_assert_eq!(view.get(i).map(f64::to_bits), stored.get(i).map(f64::to_bits));
                }
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for range in [0..n, n / 3..n, 0..n / 2] {
                    let (x, nan_x) = view.values(range.clone(), &mut a);
                    let (y, nan_y) = stored.values(range, &mut b);
                    prop_assert!(!nan_x && !nan_y);
                    prop_assert_eq!(bits(x), bits(y));
                }
                prop_assert_eq!(bits(view.raw()), bits(stored.raw()));
                prop_assert_eq!(view.cells(0..n).collect::<Vec<_>>(), stored.cells(0..n).collect::<Vec<_>>());
                prop_assert_eq!(view.to_options(), stored.to_options());
                prop_assert_eq!(view.present().collect::<Vec<_>>(), stored.present().collect::<Vec<_>>());
                prop_assert_eq!(&view, &stored);
                prop_assert_eq!(format!("{view:?}"), format!("{stored:?}"));
                // a clone shares the view and what it stored
                prop_assert_eq!(&view.clone(), &stored);
            }
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
