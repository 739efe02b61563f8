//! Coverage matrix: which unit has which value, and of what quality.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::heatmap::check_grid;
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`coverage`].
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Row names (units), top to bottom.
    pub rows: Vec<String>,
    /// Column names (dimensions or indicator codes), left to right; long lists get upright names.
    pub columns: Vec<String>,
    /// `cells[r][c]`: one row per entry of `rows`, one cell per column.
    pub cells: Vec<Vec<CoverageCell>>,
    /// What a column is (x-axis name); `None` says "indicator".
    pub column_label: Option<String>,
}

/// The state of one value in the coverage matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoverageCell {
    /// From the publishing body.
    Official,
    /// Copied from a third party (also marked `†`).
    Secondary,
    /// Derived by the project from other values.
    Derived,
    /// Imported without a quality flag.
    Unflagged,
    /// No value (grey, hatched).
    Missing,
}

impl CoverageCell {
    const ALL: [Self; 5] = [
        Self::Official,
        Self::Secondary,
        Self::Derived,
        Self::Unflagged,
        Self::Missing,
    ];

    fn label(self) -> Label {
        match self {
            Self::Official => Label::Official,
            Self::Secondary => Label::Secondary,
            Self::Derived => Label::Derived,
            Self::Unflagged => Label::Unflagged,
            Self::Missing => Label::Missing,
        }
    }

    fn swatch(self) -> Swatch {
        match self {
            Self::Official => Swatch::Fill(theme::OFFICIAL),
            Self::Secondary => Swatch::Fill(theme::SECONDARY),
            Self::Derived => Swatch::Fill(theme::DERIVED),
            Self::Unflagged => Swatch::Fill(theme::UNFLAGGED),
            Self::Missing => Swatch::Hatched,
        }
    }
}

/// The coverage matrix: a cell per unit and column, coloured by quality, missing cells hatched, the count
/// of each quality in the legend.
///
/// # Errors
/// [`Error::Degenerate`] without rows or columns; [`Error::Domain`] when `cells` does not match the rows
/// and columns; [`Error::Settings`] for a canvas size out of range; [`Error::Chart`] if drawing fails.
pub fn coverage(data: &Coverage, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Draw for Coverage {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        if self.rows.is_empty() || self.columns.is_empty() {
            return Err(Error::Degenerate(
                "the coverage matrix needs at least one row and one column".into(),
            ));
        }
        check_grid(&self.rows, self.columns.len(), self.cells.iter().map(Vec::len))?;
        let lang = opts.lang;
        let s = frame::sizes(opts);

        let total = self.rows.len() * self.columns.len();
        let mut legend = Legend::default();
        for kind in CoverageCell::ALL {
            let count = self.cells.iter().flatten().filter(|&&c| c == kind).count();
            if count > 0 || kind != CoverageCell::Unflagged {
                let pct = 100.0 * count as f64 / total as f64;
                legend.push(
                    kind.swatch(),
                    format!("{}  {count} ({pct:.0}%)", kind.label().text(lang)),
                );
            }
        }
        let plot = frame::frame(root, opts, Label::CoverageTitle, &[], &legend)?;

        let x_desc = self
            .column_label
            .clone()
            .unwrap_or_else(|| Label::IndicatorAxis.text(lang).to_string());
        let axes = (x_desc.as_str(), Label::UnitAxis.text(lang));
        let mut chart = frame::grid_chart(&plot, &self.rows, &self.columns, axes, s)?;
        let (n_rows, n_cols) = (self.rows.len(), self.columns.len());
        let ppu = frame::px_per_unit(
            chart.plotting_area().dim_in_pixel(),
            &(0.0..n_cols as f64),
            &(0.0..n_rows as f64),
        );
        let mark_fits = ppu.0.min(ppu.1) > s.value();
        let mark_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Center, VPos::Center);

        for (r, row) in self.cells.iter().enumerate() {
            for (c, &cell) in row.iter().enumerate() {
                let (x0, y0, x1, y1) = frame::grid_cell(r, c, n_rows, 0.04);
                let ring = frame::rect_ring(x0, y0, x1, y1);
                if let Swatch::Fill(colour) = cell.swatch() {
                    chart.draw_series(std::iter::once(Rectangle::new([(x0, y0), (x1, y1)], colour.filled())))?;
                } else {
                    chart.draw_series(std::iter::once(Polygon::new(
                        ring.clone(),
                        theme::MISSING_FILL.filled(),
                    )))?;
                    chart.draw_series(frame::hatch_elements(&[ring], ppu, s))?;
                }
                if cell == CoverageCell::Secondary && mark_fits {
                    let at = (f64::midpoint(x0, x1), f64::midpoint(y0, y1));
                    chart.draw_series(std::iter::once(Text::new(
                        labels::SECONDARY_MARK,
                        at,
                        mark_style.clone(),
                    )))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_coverage};

    #[test]
    fn coverage_renders_png_and_svg() {
        assert_renders(|opts, target| coverage(&synthetic_coverage(), opts, target));
    }

    #[test]
    fn coverage_with_many_columns_renders() {
        assert_renders(|opts, target| coverage(&wide_coverage(), opts, target));
    }

    /// Forty indicator columns: names no longer fit their cells and are turned upright.
    pub(crate) fn wide_coverage() -> Coverage {
        let mut data = synthetic_coverage();
        data.columns = (1..=40).map(|i| format!("IND.{i:02}")).collect();
        for (r, row) in data.cells.iter_mut().enumerate() {
            *row = (0..40).map(|c| CoverageCell::ALL[(r * 7 + c * 3) % 5]).collect();
        }
        data
    }
}
