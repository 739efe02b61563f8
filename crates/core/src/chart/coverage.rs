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
    /// Headings over runs of consecutive columns, left to right, as (heading, number of columns),
    /// e.g. the dimensions over their indicators; the counts add up to the number of columns. Empty:
    /// no headings. Runs are separated by a rule.
    pub column_groups: Vec<(String, usize)>,
    /// Rows before which a rule is drawn (e.g. where benchmark units follow the prefectures).
    pub row_breaks: Vec<usize>,
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
        let grouped: usize = self.column_groups.iter().map(|g| g.1).sum();
        if !self.column_groups.is_empty() && grouped != self.columns.len() {
            return Err(Error::Domain(format!(
                "the column groups cover {grouped} columns, but there are {}; give every column to one group",
                self.columns.len()
            )));
        }
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
        // headings take a row of their own above the cells
        let top = usize::from(!self.column_groups.is_empty());
        let rows: Vec<String> = std::iter::repeat_n(String::new(), top)
            .chain(self.rows.iter().cloned())
            .collect();
        let mut chart = frame::grid_chart(&plot, &rows, &self.columns, axes, s)?;
        let (n_rows, n_cols) = (rows.len(), self.columns.len());
        let ppu = frame::px_per_unit(
            chart.plotting_area().dim_in_pixel(),
            &(0.0..n_cols as f64),
            &(0.0..n_rows as f64),
        );
        let mark_fits = ppu.0.min(ppu.1) > s.value();
        let mark_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Center, VPos::Center);

        for (r, row) in self.cells.iter().enumerate() {
            for (c, &cell) in row.iter().enumerate() {
                let (x0, y0, x1, y1) = frame::grid_cell(r + top, c, n_rows, 0.04);
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
        self.draw_groups(&plot, &mut chart, (n_rows, top), ppu, s)
    }
}

impl Coverage {
    /// Rules between column groups and at row breaks, and each group's heading in the top row
    /// (shrunk, wrapped onto two lines, or shortened with an ellipsis to fit its columns).
    fn draw_groups<DB: DrawingBackend>(
        &self,
        plot: &DrawingArea<DB, Shift>,
        chart: &mut frame::GridChart<'_, DB>,
        (n_rows, top): (usize, usize),
        ppu: (f64, f64),
        s: theme::Sizes,
    ) -> Result<()> {
        let rule = theme::TEXT.stroke_width((s.thin() * 2).max(2));
        let n_cols = self.columns.len() as f64;
        let width_of = |count: usize| count as f64 * ppu.0 * 0.94;
        // one size for every heading: the largest (down to 70 %) at which all of them fit
        let mut style = frame::text_style(s.value() * 0.7, theme::TEXT);
        for share in [1.0, 0.85, 0.7] {
            let candidate = frame::text_style(s.value() * share, theme::TEXT);
            let mut all_fit = true;
            for (name, count) in &self.column_groups {
                all_fit &= f64::from(plot.estimate_text_size(name, &candidate)?.0) <= width_of(*count);
            }
            if all_fit {
                style = candidate;
                break;
            }
        }
        let mut start = 0usize;
        for (name, count) in &self.column_groups {
            if start > 0 {
                let x = start as f64;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, 0.0), (x, n_rows as f64)],
                    rule,
                )))?;
            }
            let width = width_of(*count);
            // on one line, else on two if the row is tall enough, else shortened
            let lines = if f64::from(plot.estimate_text_size(name, &style)?.0) <= width {
                vec![name.clone()]
            } else {
                match frame::wrap_to_width(plot, name, &style, width)? {
                    Some(l) if l.len() <= 2 && style.font.get_size() * 2.4 <= ppu.1 => l,
                    _ => vec![shorten(plot, name, &style, width)?],
                }
            };
            let lh = style.font.get_size() * 1.15;
            let y = n_rows as f64 - 0.5;
            let x = start as f64 + *count as f64 / 2.0;
            let first = -(lh * (lines.len() as f64 - 1.0) / 2.0);
            let anchored = frame::anchored(&style, HPos::Center, VPos::Center);
            chart.draw_series(lines.into_iter().enumerate().map(|(i, line)| {
                EmptyElement::at((x, y))
                    + Text::new(line, (0, (first + lh * i as f64).round() as i32), anchored.clone())
            }))?;
            start += count;
        }
        for &r in self.row_breaks.iter().filter(|&&r| r > 0 && r < self.rows.len()) {
            let y = (n_rows - top - r) as f64;
            chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, y), (n_cols, y)], rule)))?;
        }
        Ok(())
    }
}

/// `text` cut short with an ellipsis so that it fits `width` pixels in `style` (at least one
/// character and the ellipsis).
fn shorten<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: f64,
) -> Result<String> {
    let chars: Vec<char> = text.chars().collect();
    for keep in (1..=chars.len()).rev() {
        let candidate: String = chars[..keep].iter().collect::<String>() + if keep < chars.len() { "…" } else { "" };
        if f64::from(plot.estimate_text_size(&candidate, style)?.0) <= width || keep == 1 {
            return Ok(candidate);
        }
    }
    Ok(text.to_string())
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
    fn column_groups_must_cover_the_columns() {
        let mut data = synthetic_coverage();
        data.column_groups = vec![("D1".into(), 3), ("D2".into(), 3)];
        let r = coverage(&data, &crate::chart::ChartOptions::default(), Target::Png);
        assert!(matches!(r, Err(Error::Domain(m)) if m.contains("cover 6 columns")));
    }

    #[test]
    fn coverage_with_many_columns_renders() {
        assert_renders(|opts, target| coverage(&wide_coverage(), opts, target));
    }

    /// Forty indicator columns: names no longer fit their cells and are turned upright.
    pub(crate) fn wide_coverage() -> Coverage {
        let mut data = synthetic_coverage();
        data.columns = (1..=40).map(|i| format!("IND.{i:02}")).collect();
        // uneven groups: a long heading over two columns must shrink, wrap or shorten
        data.column_groups = vec![
            ("Digital infrastructure and connectivity".into(), 2),
            ("Online services".into(), 18),
            ("Open data".into(), 10),
            ("Participation".into(), 10),
        ];
        for (r, row) in data.cells.iter_mut().enumerate() {
            *row = (0..40).map(|c| CoverageCell::ALL[(r * 7 + c * 3) % 5]).collect();
        }
        data
    }
}
