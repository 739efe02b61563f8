//! Ranked bars: the index of every unit as a horizontal bar, sorted by score, stacked by the
//! contribution of each dimension.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Datum, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`ranked_bars`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RankedBars {
    /// Dimension names, in stacking order (left to right) and legend order.
    pub dimensions: Vec<String>,
    /// One entry per unit, in any order: the chart sorts by score.
    pub units: Vec<RankedUnit>,
}

/// One unit of [`RankedBars`].
#[derive(Debug, Clone, PartialEq)]
pub struct RankedUnit {
    /// Unit name (e.g. 哈尔滨).
    pub label: String,
    /// The index score (0–100); missing gives a "no data" row at the bottom. A secondary score puts a
    /// `†` after the name.
    pub score: Datum,
    /// Contribution of each dimension to the score, in index points (weight × dimension score under
    /// additive aggregation), one per entry of [`RankedBars::dimensions`]. Contributions should add up
    /// to the score; any part of the score they leave unexplained (a missing contribution, a
    /// non-additive aggregation) is drawn hatched as "not attributed", never as a dimension.
    pub contributions: Vec<Option<f64>>,
}

/// Horizontal bars of the index, units sorted by score (best at the top), each bar stacked by
/// dimension contribution, the score written at its end.
///
/// # Errors
/// [`Error::Degenerate`] without units; [`Error::Domain`] when a unit's contributions do not match the
/// dimensions, or a value is not finite or a contribution negative; [`Error::Settings`] for a canvas
/// size out of range; [`Error::Chart`] if drawing fails.
pub fn ranked_bars(data: &RankedBars, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl RankedBars {
    fn check(&self) -> Result<()> {
        if self.units.is_empty() {
            return Err(Error::Degenerate(
                "the ranked bars have no unit to show; give at least one".into(),
            ));
        }
        for u in &self.units {
            if u.contributions.len() != self.dimensions.len() {
                return Err(Error::Domain(format!(
                    "unit '{}' has {} contributions but {} dimensions are named; give one contribution \
                     (or None) per dimension",
                    u.label,
                    u.contributions.len(),
                    self.dimensions.len()
                )));
            }
            if let Some(v) = u.score.value {
                frame::finite(v, || format!("the score of unit '{}'", u.label))?;
            }
            for (d, c) in self.dimensions.iter().zip(&u.contributions) {
                if let Some(c) = *c {
                    frame::finite(c, || format!("the contribution of '{d}' to unit '{}'", u.label))?;
                    if c < 0.0 {
                        return Err(Error::Domain(format!(
                            "the contribution of '{d}' to unit '{}' is negative ({c}); stacked bars need \
                             contributions ≥ 0",
                            u.label
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// Unit indices from best to worst; ties and units without a score by name.
    fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|&a, &b| {
            let (ua, ub) = (&self.units[a], &self.units[b]);
            match (ua.score.value, ub.score.value) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| ua.label.cmp(&ub.label))
        });
        order
    }
}

/// Tolerance under which a score and the sum of its contributions count as equal.
const UNATTRIBUTED_EPS: f64 = 1e-6;

impl Draw for RankedBars {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);
        let order = self.order();
        let n = order.len();

        let known = |u: &RankedUnit| u.contributions.iter().flatten().sum::<f64>();
        let any_gap = self.units.iter().any(|u| match u.score.value {
            None => true,
            Some(score) => score - known(u) > UNATTRIBUTED_EPS,
        });
        let any_secondary = self.units.iter().any(|u| u.score.is_secondary());

        let mut legend = Legend {
            title: vec![Label::DimensionAxis.text(lang).to_string()],
            ..Legend::default()
        };
        for (j, d) in self.dimensions.iter().enumerate() {
            legend.push(Swatch::Fill(theme::series_colour(j)), d.clone());
        }
        if any_gap {
            legend.push(Swatch::Hatched, Label::NoDataOrUnattributed.text(lang));
        }
        if any_secondary {
            legend.push(Swatch::Blank, Label::SecondaryNote.text(lang));
        }
        let plot = frame::frame(root, opts, Label::RankedBarsTitle, &[], &legend)?;

        // Row r (0 at the bottom) shows order[n - 1 - r], so rank 1 is at the top.
        let unit_at_row = |row: usize| &self.units[order[n - 1 - row]];
        let row_labels: Vec<String> = (0..n)
            .map(|r| labels::marked(&unit_at_row(r).label, unit_at_row(r).score.grade))
            .collect();
        let top = self
            .units
            .iter()
            .map(|u| u.score.value.unwrap_or(0.0).max(known(u)))
            .fold(0.0_f64, f64::max);
        let x_max = if top > 0.0 { top * 1.14 } else { 1.0 };

        let tick = frame::text_style(s.tick(), theme::TEXT);
        let desc = frame::text_style(s.axis_desc(), theme::TEXT);
        let y_area = frame::widest(&plot, &row_labels, &tick)? + (s.axis_desc() * 1.6) as u32 + s.margin();
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size(y_area)
            .build_cartesian_2d(0.0..x_max, frame::categories(n))?;
        let x_digits = frame::decimals_for_ticks(x_max);
        let fmt_x = |v: &f64| frame::fmt(*v, x_digits);
        let fmt_y = |v: &f64| row_labels.get(frame::slot(*v)).cloned().unwrap_or_default();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(Label::ContributionAxis.text(lang))
            .y_desc(Label::UnitAxis.text(lang))
            .axis_desc_style(desc)
            .label_style(tick.clone())
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .bold_line_style(theme::GRID.stroke_width(1))
            .light_line_style(theme::GRID_LIGHT.stroke_width(1))
            .max_light_lines(1)
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        let ppu = frame::px_per_unit(chart.plotting_area().dim_in_pixel(), &(0.0..x_max), &(0.0..n as f64));
        let value_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Left, VPos::Center);
        let pad = (s.value() * 0.4) as i32;
        let score_digits = 1;
        for row in 0..n {
            let u = unit_at_row(row);
            let (y0, y1) = (row as f64 + 0.18, row as f64 + 0.82);
            let mut x = 0.0;
            let mut bars = Vec::new();
            for (j, c) in u.contributions.iter().enumerate() {
                if let Some(c) = *c
                    && c > 0.0
                {
                    bars.push(Rectangle::new([(x, y0), (x + c, y1)], theme::series_colour(j).filled()));
                    x += c;
                }
            }
            chart.draw_series(bars)?;
            if let Some(score) = u.score.value {
                if score - x > UNATTRIBUTED_EPS {
                    let ring = frame::rect_ring(x, y0, score, y1);
                    chart.draw_series(std::iter::once(Polygon::new(
                        ring.clone(),
                        theme::MISSING_FILL.filled(),
                    )))?;
                    chart.draw_series(frame::hatch_elements(&[ring], ppu, s))?;
                }
                let text = labels::marked(&frame::fmt(score, score_digits), u.score.grade);
                let end = score.max(x);
                chart.draw_series(std::iter::once(
                    EmptyElement::at((end, row as f64 + 0.5)) + Text::new(text, (pad, 0), value_style.clone()),
                ))?;
            } else {
                let w = x_max * 0.06;
                let ring = frame::rect_ring(0.0, y0, w, y1);
                chart.draw_series(std::iter::once(Polygon::new(
                    ring.clone(),
                    theme::MISSING_FILL.filled(),
                )))?;
                chart.draw_series(frame::hatch_elements(&[ring], ppu, s))?;
                let muted = frame::anchored(&frame::text_style(s.value(), theme::MUTED), HPos::Left, VPos::Center);
                chart.draw_series(std::iter::once(
                    EmptyElement::at((w, row as f64 + 0.5))
                        + Text::new(Label::NoData.text(lang).to_string(), (pad, 0), muted),
                ))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_ranked_bars};

    #[test]
    fn ranked_bars_render_png_and_svg() {
        assert_renders(|opts, target| ranked_bars(&synthetic_ranked_bars(), opts, target));
    }

    #[test]
    fn ranked_bars_sort_by_score_and_put_missing_last() {
        let data = synthetic_ranked_bars();
        let order = data.order();
        let scores: Vec<Option<f64>> = order.iter().map(|&i| data.units[i].score.value).collect();
        assert!(scores.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => a >= b,
            (None, Some(_)) => false,
            _ => true,
        }));
        assert_eq!(scores.last(), Some(&None));
    }

    #[test]
    fn mismatched_contributions_are_an_error() {
        let mut data = synthetic_ranked_bars();
        data.units[0].contributions.pop();
        let err = ranked_bars(&data, &ChartOptions::default(), Target::Svg).unwrap_err();
        assert!(
            matches!(err, Error::Domain(ref m) if m.contains("contributions")),
            "{err}"
        );
    }
}
