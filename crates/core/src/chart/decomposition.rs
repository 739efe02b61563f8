//! Decompositions by group: Theil (within + between) or Dagum Gini (within + between +
//! transvariation), one stacked bar per series or year.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::labels::Label;
use super::theme;
use super::{ChartOptions, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Which decomposition the bars show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecompositionMeasure {
    /// Theil T: total = within + between.
    Theil,
    /// Dagum (1997) Gini: total = within + between (net) + transvariation.
    Dagum,
}

/// Input of [`decomposition`].
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposition {
    /// Theil or Dagum.
    pub measure: DecompositionMeasure,
    /// One bar per series or year, left to right.
    pub bars: Vec<DecompositionBar>,
    /// What the bars are (x-axis name), e.g. "年份"; `None` says "series".
    pub bar_label: Option<String>,
}

/// One bar of a [`Decomposition`]. A bar missing any part it needs is drawn as "no data".
#[derive(Debug, Clone, PartialEq)]
pub struct DecompositionBar {
    /// Series name or year.
    pub label: String,
    /// Within-group part (≥ 0).
    pub within: Option<f64>,
    /// Between-group part (≥ 0; for Dagum the net between-group part).
    pub between: Option<f64>,
    /// Transvariation (Dagum only, ≥ 0); must be `None` for Theil.
    pub transvariation: Option<f64>,
}

/// Stacked bars of a decomposition: within at the bottom, then between, then transvariation; each part's
/// share of the total written inside it, the total on top.
///
/// # Errors
/// [`Error::Degenerate`] without bars; [`Error::Domain`] for a negative or non-finite part, or a
/// transvariation given for Theil; [`Error::Settings`] for a canvas size out of range; [`Error::Chart`]
/// if drawing fails.
pub fn decomposition(data: &Decomposition, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Decomposition {
    /// The parts a bar stacks, bottom to top: label and colour.
    fn parts(&self) -> Vec<(Label, RGBColor)> {
        let mut parts = vec![(Label::Within, theme::WITHIN), (Label::Between, theme::BETWEEN)];
        if self.measure == DecompositionMeasure::Dagum {
            parts.push((Label::Transvariation, theme::TRANSVARIATION));
        }
        parts
    }

    fn check(&self) -> Result<()> {
        if self.bars.is_empty() {
            return Err(Error::Degenerate(
                "the decomposition has no bar; give at least one series or year".into(),
            ));
        }
        for b in &self.bars {
            if self.measure == DecompositionMeasure::Theil && b.transvariation.is_some() {
                return Err(Error::Domain(format!(
                    "bar '{}' has a transvariation, which the Theil decomposition does not have; \
                     use the Dagum measure or leave it None",
                    b.label
                )));
            }
            for (name, v) in [
                ("within", b.within),
                ("between", b.between),
                ("transvariation", b.transvariation),
            ] {
                if let Some(v) = v {
                    frame::finite(v, || format!("the {name} part of bar '{}'", b.label))?;
                    if v < 0.0 {
                        return Err(Error::Domain(format!(
                            "the {name} part of bar '{}' is negative ({v}); decomposition parts are ≥ 0",
                            b.label
                        )));
                    }
                }
            }
        }
        Ok(())
    }
}

impl DecompositionBar {
    /// The parts bottom to top, or `None` when one the measure needs is missing.
    fn values(&self, measure: DecompositionMeasure) -> Option<Vec<f64>> {
        let mut v = vec![self.within?, self.between?];
        if measure == DecompositionMeasure::Dagum {
            v.push(self.transvariation?);
        }
        Some(v)
    }
}

impl Draw for Decomposition {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);
        let parts = self.parts();
        let n = self.bars.len();
        let values: Vec<Option<Vec<f64>>> = self.bars.iter().map(|b| b.values(self.measure)).collect();

        let mut legend = Legend::default();
        for &(label, colour) in parts.iter().rev() {
            legend.push(Swatch::Fill(colour), label.text(lang));
        }
        if values.iter().any(Option::is_none) {
            legend.push(Swatch::Hatched, Label::NoData.text(lang));
        }
        let (title, y_desc) = match self.measure {
            DecompositionMeasure::Theil => (Label::TheilTitle, Label::TheilAxis),
            DecompositionMeasure::Dagum => (Label::DagumTitle, Label::DagumAxis),
        };
        let plot = frame::frame(root, opts, title, &[], &legend)?;

        let top = values
            .iter()
            .flatten()
            .map(|v| v.iter().sum::<f64>())
            .fold(0.0_f64, f64::max);
        let y_max = if top > 0.0 { top * 1.15 } else { 1.0 };
        let names: Vec<String> = self.bars.iter().map(|b| b.label.clone()).collect();
        let tick = frame::text_style(s.tick(), theme::TEXT);
        let y_digits = frame::decimals_for_ticks(y_max);
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size((s.tick() * (y_digits as f64 + 2.5) * 0.6 + s.axis_desc() * 1.8) as u32)
            .build_cartesian_2d(frame::categories(n), 0.0..y_max)?;
        let fmt_x = |v: &f64| names.get(frame::slot(*v)).cloned().unwrap_or_default();
        let fmt_y = |v: &f64| frame::fmt(*v, y_digits);
        let x_desc = self
            .bar_label
            .clone()
            .unwrap_or_else(|| Label::SeriesAxis.text(lang).to_string());
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc.text(lang))
            .axis_desc_style(frame::text_style(s.axis_desc(), theme::TEXT))
            .label_style(tick)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .bold_line_style(theme::GRID.stroke_width(1))
            .light_line_style(theme::GRID_LIGHT.stroke_width(1))
            .max_light_lines(1)
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        let ppu = frame::px_per_unit(chart.plotting_area().dim_in_pixel(), &(0.0..n as f64), &(0.0..y_max));
        let value_digits = frame::decimals_for_ticks(y_max);
        let total_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Center, VPos::Bottom);
        let pad = (s.value() * 0.3) as i32;
        for (i, v) in values.iter().enumerate() {
            let (x0, x1) = (i as f64 + 0.22, i as f64 + 0.78);
            let mid = i as f64 + 0.5;
            let Some(v) = v else {
                let h = y_max * 0.06;
                let ring = frame::rect_ring(x0, 0.0, x1, h);
                chart.draw_series(std::iter::once(Polygon::new(
                    ring.clone(),
                    theme::MISSING_FILL.filled(),
                )))?;
                chart.draw_series(frame::hatch_elements(&[ring], ppu, s))?;
                let muted = frame::anchored(&frame::text_style(s.value(), theme::MUTED), HPos::Center, VPos::Bottom);
                chart.draw_series(std::iter::once(
                    EmptyElement::at((mid, h)) + Text::new(Label::NoData.text(lang), (0, -pad), muted),
                ))?;
                continue;
            };
            let total: f64 = v.iter().sum();
            let mut y = 0.0;
            for (&part, &(_, colour)) in v.iter().zip(&parts) {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, y), (x1, y + part)],
                    colour.filled(),
                )))?;
                if total > 0.0 && part * ppu.1 > s.value() * 1.2 {
                    let style = frame::anchored(
                        &frame::text_style(s.value(), theme::text_on(colour)),
                        HPos::Center,
                        VPos::Center,
                    );
                    let share = format!("{:.0}%", 100.0 * part / total);
                    chart.draw_series(std::iter::once(Text::new(share, (mid, y + part / 2.0), style)))?;
                }
                y += part;
            }
            chart.draw_series(std::iter::once(
                EmptyElement::at((mid, total))
                    + Text::new(frame::fmt(total, value_digits), (0, -pad), total_style.clone()),
            ))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_decomposition};

    #[test]
    fn decomposition_renders_png_and_svg_for_theil_and_dagum() {
        for measure in [DecompositionMeasure::Theil, DecompositionMeasure::Dagum] {
            let data = synthetic_decomposition(measure);
            assert_renders(|opts, target| decomposition(&data, opts, target));
        }
    }

    #[test]
    fn theil_with_a_transvariation_is_an_error() {
        let mut data = synthetic_decomposition(DecompositionMeasure::Theil);
        data.bars[0].transvariation = Some(0.01);
        let err = decomposition(&data, &ChartOptions::default(), Target::Svg).unwrap_err();
        assert!(matches!(err, Error::Domain(_)), "{err}");
    }
}
