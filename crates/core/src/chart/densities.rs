//! Kernel densities of the index, one line per year.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, Legend, Swatch};
use super::labels::Label;
use super::theme;
use super::{ChartOptions, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`densities`].
#[derive(Debug, Clone, PartialEq)]
pub struct Densities {
    /// One curve per year, oldest first (coloured light to dark).
    pub series: Vec<DensitySeries>,
    /// What the x values are, with their unit; `None` says "index score (0–100)".
    pub value_label: Option<String>,
}

/// One curve of [`Densities`], as estimated by [`dynamics`](crate::dynamics).
#[derive(Debug, Clone, PartialEq)]
pub struct DensitySeries {
    /// Year or other name.
    pub label: String,
    /// `(x, density)` on a grid, density ≥ 0; empty for a year without data (listed in the legend as
    /// "no data", nothing drawn).
    pub points: Vec<(f64, f64)>,
}

/// Kernel density curves, one per year, coloured along the sequential scale so that time reads light
/// to dark.
///
/// # Errors
/// [`Error::Degenerate`] without series or without any point; [`Error::Domain`] for a non-finite point
/// or a negative density; [`Error::Settings`] for a canvas size out of range; [`Error::Chart`] if
/// drawing fails.
pub fn densities(data: &Densities, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Densities {
    fn check(&self) -> Result<()> {
        if self.series.iter().all(|se| se.points.is_empty()) {
            return Err(Error::Degenerate(
                "the density chart has no curve to draw; give at least one".into(),
            ));
        }
        for se in &self.series {
            for &(x, d) in &se.points {
                frame::finite(x, || format!("an x value of '{}'", se.label))?;
                frame::finite(d, || format!("a density of '{}'", se.label))?;
                if d < 0.0 {
                    return Err(Error::Domain(format!(
                        "'{}' has the negative density {d} at {x}; densities are ≥ 0",
                        se.label
                    )));
                }
            }
        }
        Ok(())
    }

    fn colour(&self, i: usize) -> RGBColor {
        let n = self.series.len();
        if n <= 1 {
            theme::sequential(0.75)
        } else {
            theme::sequential(0.3 + 0.7 * i as f64 / (n - 1) as f64)
        }
    }
}

impl Draw for Densities {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);

        let mut legend = Legend {
            title: vec![Label::YearAxis.text(lang).to_string()],
            ..Legend::default()
        };
        for (i, se) in self.series.iter().enumerate() {
            if se.points.is_empty() {
                legend.push(Swatch::Hatched, format!("{} ({})", se.label, Label::NoData.text(lang)));
            } else {
                legend.push(Swatch::Line(self.colour(i)), se.label.clone());
            }
        }
        let plot = frame::frame(root, opts, Label::DensitiesTitle, &[], &legend)?;

        let all = self.series.iter().flat_map(|se| se.points.iter());
        let (x_lo, x_hi, d_hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY, 0.0_f64), |(a, b, c), &(x, d)| {
            (a.min(x), b.max(x), c.max(d))
        });
        let x_range = frame::padded(x_lo, x_hi, 0.0);
        let y_max = if d_hi > 0.0 { d_hi * 1.1 } else { 1.0 };
        let tick = frame::text_style(s.tick(), theme::TEXT);
        let x_digits = frame::decimals_for_ticks(x_range.end - x_range.start);
        let y_digits = frame::decimals_for_ticks(y_max);
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size((s.tick() * (y_digits as f64 + 3.0) * 0.6 + s.axis_desc() * 1.8) as u32)
            .build_cartesian_2d(x_range, 0.0..y_max)?;
        let fmt_x = |v: &f64| frame::fmt(*v, x_digits);
        let fmt_y = |v: &f64| frame::fmt(*v, y_digits);
        let x_desc = self
            .value_label
            .clone()
            .unwrap_or_else(|| Label::ScoreAxis.text(lang).to_string());
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(Label::DensityAxis.text(lang))
            .axis_desc_style(frame::text_style(s.axis_desc(), theme::TEXT))
            .label_style(tick)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .bold_line_style(theme::GRID.stroke_width(1))
            .light_line_style(theme::GRID_LIGHT.stroke_width(1))
            .max_light_lines(1)
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        for (i, se) in self.series.iter().enumerate() {
            let mut points = se.points.clone();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart.draw_series(LineSeries::new(points, self.colour(i).stroke_width(s.line())))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_densities};

    #[test]
    fn densities_render_png_and_svg() {
        assert_renders(|opts, target| densities(&synthetic_densities(), opts, target));
    }

    #[test]
    fn negative_density_is_an_error() {
        let mut data = synthetic_densities();
        data.series[0].points[3].1 = -0.1;
        assert!(matches!(
            densities(&data, &ChartOptions::default(), Target::Svg),
            Err(Error::Domain(_))
        ));
    }
}
