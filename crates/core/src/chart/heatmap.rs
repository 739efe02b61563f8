//! Heatmap: units × dimensions, each cell coloured by its score and labelled with it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, ColourBar, Legend, Swatch};
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Datum, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`heatmap`].
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Row names (units), top to bottom; sort them before (by score, by code).
    pub rows: Vec<String>,
    /// Column names (dimensions or indicators), left to right.
    pub columns: Vec<String>,
    /// `cells[r][c]`: one row per entry of `rows`, one value per column. Missing cells are grey and
    /// hatched; secondary values carry a `†`.
    pub cells: Vec<Vec<Datum>>,
    /// What the values are, with their unit (colour-bar title), e.g. "得分（0–100）".
    pub value_label: String,
    /// Values mapped to the ends of the colour scale; `None` uses the smallest and largest value.
    pub range: Option<(f64, f64)>,
}

/// Heatmap of `rows` × `columns` with the value written in each cell and a colour bar.
///
/// # Errors
/// [`Error::Degenerate`] without rows or columns; [`Error::Domain`] when `cells` does not match the
/// rows and columns, a value is not finite or the range is empty; [`Error::Settings`] for a canvas size
/// out of range; [`Error::Chart`] if drawing fails.
pub fn heatmap(data: &Heatmap, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Heatmap {
    fn check(&self) -> Result<()> {
        if self.rows.is_empty() || self.columns.is_empty() {
            return Err(Error::Degenerate(
                "the heatmap needs at least one row and one column".into(),
            ));
        }
        check_grid(&self.rows, self.columns.len(), self.cells.iter().map(Vec::len))?;
        for (r, row) in self.rows.iter().zip(&self.cells) {
            for (c, d) in self.columns.iter().zip(row) {
                if let Some(v) = d.value {
                    frame::finite(v, || format!("the value of '{r}' on '{c}'"))?;
                }
            }
        }
        if let Some((lo, hi)) = self.range
            && !(lo.is_finite() && hi.is_finite() && lo < hi)
        {
            return Err(Error::Domain(format!(
                "the heatmap range ({lo}, {hi}) is empty; give low < high"
            )));
        }
        Ok(())
    }

    fn range(&self) -> (f64, f64) {
        self.range.unwrap_or_else(|| {
            let values = self.cells.iter().flatten().filter_map(|d| d.value);
            let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
            if lo.is_finite() && hi > lo {
                (lo, hi)
            } else if lo.is_finite() {
                (lo - 1.0, lo + 1.0)
            } else {
                (0.0, 1.0)
            }
        })
    }
}

/// Checks that a grid has one row of `n_cols` cells per row name.
pub(crate) fn check_grid(rows: &[String], n_cols: usize, lens: impl ExactSizeIterator<Item = usize>) -> Result<()> {
    if lens.len() != rows.len() {
        return Err(Error::Domain(format!(
            "the grid has {} rows of cells for {} row names; give one row of cells per name",
            lens.len(),
            rows.len()
        )));
    }
    for (name, len) in rows.iter().zip(lens) {
        if len != n_cols {
            return Err(Error::Domain(format!(
                "row '{name}' has {len} cells for {n_cols} columns; give one cell (or a missing one) per column"
            )));
        }
    }
    Ok(())
}

impl Draw for Heatmap {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);
        let (lo, hi) = self.range();

        let mut legend = Legend {
            colour_bar: Some(ColourBar {
                title: self.value_label.clone(),
                low: lo,
                high: hi,
            }),
            ..Legend::default()
        };
        if self.cells.iter().flatten().any(|d| d.value.is_none()) {
            legend.push(Swatch::Hatched, Label::NoData.text(lang));
        }
        if self.cells.iter().flatten().any(Datum::is_secondary) {
            legend.push(Swatch::Blank, Label::SecondaryNote.text(lang));
        }
        let plot = frame::frame(root, opts, Label::HeatmapTitle, &[], &legend)?;

        let axes = (Label::DimensionAxis.text(lang), Label::UnitAxis.text(lang));
        let mut chart = frame::grid_chart(&plot, &self.rows, &self.columns, axes, s)?;
        let (n_rows, n_cols) = (self.rows.len(), self.columns.len());
        let ppu = frame::px_per_unit(
            chart.plotting_area().dim_in_pixel(),
            &(0.0..n_cols as f64),
            &(0.0..n_rows as f64),
        );
        let (cell_w, cell_h) = ppu;
        let digits = frame::decimals_for_values(hi - lo).saturating_sub(1);
        let show_values = cell_h > s.value() * 1.1;

        for (r, row) in self.cells.iter().enumerate() {
            for (c, d) in row.iter().enumerate() {
                let (x0, y0, x1, y1) = frame::grid_cell(r, c, n_rows, 0.02);
                let ring = frame::rect_ring(x0, y0, x1, y1);
                if let Some(v) = d.value {
                    let fill = theme::sequential((v - lo) / (hi - lo));
                    chart.draw_series(std::iter::once(Rectangle::new([(x0, y0), (x1, y1)], fill.filled())))?;
                    let text = labels::marked(&frame::fmt(v, digits), d.grade);
                    let style = frame::text_style(s.value(), theme::text_on(fill));
                    let fits = f64::from(chart.plotting_area().estimate_text_size(&text, &style)?.0) <= cell_w * 0.95;
                    if show_values && fits {
                        let style = frame::anchored(&style, HPos::Center, VPos::Center);
                        let at = (f64::midpoint(x0, x1), f64::midpoint(y0, y1));
                        chart.draw_series(std::iter::once(Text::new(text, at, style)))?;
                    }
                } else {
                    chart.draw_series(std::iter::once(Polygon::new(
                        ring.clone(),
                        theme::MISSING_FILL.filled(),
                    )))?;
                    chart.draw_series(frame::hatch_elements(&[ring], ppu, s))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_heatmap};

    #[test]
    fn heatmap_renders_png_and_svg() {
        assert_renders(|opts, target| heatmap(&synthetic_heatmap(), opts, target));
    }

    #[test]
    fn heatmap_refuses_a_ragged_grid() {
        let mut data = synthetic_heatmap();
        data.cells[3].pop();
        let err = heatmap(&data, &ChartOptions::default(), Target::Svg).unwrap_err();
        assert!(matches!(err, Error::Domain(ref m) if m.contains("cells")), "{err}");
    }
}
