//! Benchmark trends: one line per country or unit over the years (e.g. EGDI survey editions), gaps
//! left where an edition is missing.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Datum, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`trends`].
#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    /// One line per country or unit.
    pub series: Vec<TrendSeries>,
    /// What the values are, with their unit (y-axis name), e.g. "EGDI (0–1)".
    pub value_label: String,
    /// The note under the chart.
    pub note: TrendNote,
}

/// The note under a [`Trends`] chart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TrendNote {
    /// Editions changed their methods; gaps are not interpolated ([`Label::EditionsNote`]).
    #[default]
    EditionsChanged,
    /// A note of the caller's own.
    Custom(String),
    /// No note.
    Omitted,
}

/// One line of [`Trends`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    /// Country or unit name.
    pub label: String,
    /// `(year, value)` in any order. A year listed with a missing value breaks the line there (no
    /// interpolation); a secondary value gets a hollow marker and a `†`.
    pub points: Vec<(i32, Datum)>,
}

/// Lines over the years, a marker at every value; consecutive values joined only when no listed year
/// between them is missing.
///
/// # Errors
/// [`Error::Degenerate`] without series or without any value; [`Error::Domain`] for a non-finite value
/// or a year listed twice in a series; [`Error::Settings`] for a canvas size out of range;
/// [`Error::Chart`] if drawing fails.
pub fn trends(data: &Trends, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Trends {
    fn check(&self) -> Result<()> {
        if self.series.is_empty() {
            return Err(Error::Degenerate(
                "the trends chart has no series; give at least one".into(),
            ));
        }
        for se in &self.series {
            let mut years: Vec<i32> = se.points.iter().map(|p| p.0).collect();
            years.sort_unstable();
            if let Some([year, ..]) = years.windows(2).find(|w| w[0] == w[1]) {
                return Err(Error::Domain(format!(
                    "series '{}' lists the year {year} twice; keep one value per year",
                    se.label
                )));
            }
            for (year, d) in &se.points {
                if let Some(v) = d.value {
                    frame::finite(v, || format!("the value of '{}' in {year}", se.label))?;
                }
            }
        }
        if self
            .series
            .iter()
            .all(|se| se.points.iter().all(|p| p.1.value.is_none()))
        {
            return Err(Error::Degenerate("the trends chart has no value at all to draw".into()));
        }
        Ok(())
    }
}

impl Draw for Trends {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);

        let mut legend = Legend::default();
        for (i, se) in self.series.iter().enumerate() {
            let label = if se.points.iter().all(|p| p.1.value.is_none()) {
                format!("{} ({})", se.label, Label::NoData.text(lang))
            } else {
                se.label.clone()
            };
            legend.push(Swatch::LineDot(theme::series_colour(i)), label);
        }
        if self.series.iter().flat_map(|se| &se.points).any(|p| p.1.is_secondary()) {
            legend.push(Swatch::Ring(theme::MUTED), Label::SecondaryPoint.text(lang));
            legend.push(Swatch::Blank, Label::SecondaryNote.text(lang));
        }
        let notes = match &self.note {
            TrendNote::EditionsChanged => vec![Label::EditionsNote.text(lang).to_string()],
            TrendNote::Custom(note) => vec![note.clone()],
            TrendNote::Omitted => Vec::new(),
        };
        let plot = frame::frame(root, opts, Label::TrendsTitle, &notes, &legend)?;

        let mut years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|se| se.points.iter().map(|p| p.0))
            .collect();
        years.sort_unstable();
        years.dedup();
        let (y_first, y_last) = (years[0], years[years.len() - 1]);
        let values = self
            .series
            .iter()
            .flat_map(|se| se.points.iter().filter_map(|p| p.1.value));
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        let y_range = frame::padded(lo.min(0.0), hi, 0.08);
        let y_range = y_range.start.max(lo.min(0.0))..y_range.end;
        let x_range = (f64::from(y_first) - 0.7)..(f64::from(y_last) + 0.7);
        let tick = frame::text_style(s.tick(), theme::TEXT);
        let y_digits = frame::decimals_for_ticks(y_range.end - y_range.start);
        let y_area = (s.tick() * (y_digits as f64 + 3.0) * 0.6 + s.axis_desc() * 1.8) as u32;

        // Year ticks no closer than 1.4 label widths (editions can be a year apart).
        let label_px = f64::from(plot.estimate_text_size("2000", &tick)?.0) * 1.4;
        let axis_px = f64::from(plot.dim_in_pixel().0.saturating_sub(y_area + 2 * s.margin()));
        let px_per_year = axis_px / (x_range.end - x_range.start);
        let mut x_ticks: Vec<f64> = Vec::new();
        for &year in &years {
            let y = f64::from(year);
            if x_ticks.last().is_none_or(|last| (y - last) * px_per_year >= label_px) {
                x_ticks.push(y);
            }
        }
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size(y_area)
            .build_cartesian_2d(frame::Ticked::new(x_range, x_ticks), y_range.clone())?;
        let fmt_x = |v: &f64| frame::fmt(*v, 0);
        let fmt_y = |v: &f64| frame::fmt(*v, y_digits);
        chart
            .configure_mesh()
            .x_desc(Label::YearAxis.text(lang))
            .y_desc(self.value_label.clone())
            .axis_desc_style(frame::text_style(s.axis_desc(), theme::TEXT))
            .label_style(tick)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .bold_line_style(theme::GRID.stroke_width(1))
            .light_line_style(theme::GRID_LIGHT.stroke_width(1))
            .max_light_lines(1)
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        let r = s.marker();
        let mark_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Left, VPos::Bottom);
        for (i, se) in self.series.iter().enumerate() {
            let colour = theme::series_colour(i);
            let mut points = se.points.clone();
            points.sort_by_key(|p| p.0);
            // Runs of consecutive present values; a missing value ends a run.
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (year, d) in &points {
                match d.value {
                    Some(v) => runs.last_mut().map_or((), |run| run.push((f64::from(*year), v))),
                    None => runs.push(Vec::new()),
                }
            }
            for run in runs.into_iter().filter(|run| run.len() >= 2) {
                chart.draw_series(LineSeries::new(run, colour.stroke_width(s.line())))?;
            }
            for (year, d) in &points {
                let Some(v) = d.value else { continue };
                let p = (f64::from(*year), v);
                if d.is_secondary() {
                    chart.draw_series(std::iter::once(Circle::new(p, r, theme::BACKGROUND.filled())))?;
                    chart.draw_series(std::iter::once(Circle::new(p, r, colour.stroke_width(s.thin() + 1))))?;
                    chart.draw_series(std::iter::once(
                        EmptyElement::at(p)
                            + Text::new(labels::SECONDARY_MARK, (r as i32, -(r as i32) / 2), mark_style.clone()),
                    ))?;
                } else {
                    chart.draw_series(std::iter::once(Circle::new(p, r, colour.filled())))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_trends};

    #[test]
    fn trends_render_png_and_svg() {
        assert_renders(|opts, target| trends(&synthetic_trends(), opts, target));
    }

    #[test]
    fn trends_note_is_in_the_svg() {
        let svg = trends(&synthetic_trends(), &ChartOptions::new(crate::Lang::Zh), Target::Svg).unwrap();
        let crate::chart::Rendered::Svg(svg) = svg else {
            unreachable!("not an SVG")
        };
        assert!(svg.contains("未作插值"));
    }

    #[test]
    fn a_year_listed_twice_is_an_error() {
        let mut data = synthetic_trends();
        let first = data.series[0].points[0];
        data.series[0].points.push(first);
        assert!(matches!(
            trends(&data, &ChartOptions::default(), Target::Svg),
            Err(Error::Domain(_))
        ));
    }
}
