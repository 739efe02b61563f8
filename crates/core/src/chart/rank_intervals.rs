//! Rank intervals from the uncertainty analysis: per unit the nominal rank, the median rank and the
//! 5–95 % interval of ranks over the Monte Carlo runs.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::labels::Label;
use super::theme;
use super::{ChartOptions, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`rank_intervals`].
#[derive(Debug, Clone, PartialEq)]
pub struct RankIntervals {
    /// One entry per unit, in any order: the chart sorts by nominal rank.
    pub units: Vec<RankInterval>,
}

/// One unit of [`RankIntervals`]. Ranks are 1 (best) to the number of units; ties may be fractional.
#[derive(Debug, Clone, PartialEq)]
pub struct RankInterval {
    /// Unit name.
    pub label: String,
    /// Rank under the nominal settings; `None` when the unit has no score.
    pub nominal: Option<f64>,
    /// Median rank over the runs.
    pub median: Option<f64>,
    /// 5th and 95th percentile of the rank over the runs; `None` writes "no data" on the row.
    pub interval_5_95: Option<(f64, f64)>,
}

/// Rank intervals: one row per unit sorted by nominal rank (best at the top), a line from the 5th to the
/// 95th percentile rank, a bar at the median and a dot at the nominal rank.
///
/// # Errors
/// [`Error::Degenerate`] without units; [`Error::Domain`] for a non-finite rank or an interval whose
/// low end is above its high end; [`Error::Settings`] for a canvas size out of range; [`Error::Chart`]
/// if drawing fails.
pub fn rank_intervals(data: &RankIntervals, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl RankIntervals {
    fn check(&self) -> Result<()> {
        if self.units.is_empty() {
            return Err(Error::Degenerate(
                "the rank intervals have no unit; give at least one".into(),
            ));
        }
        for u in &self.units {
            for (what, v) in [("nominal rank", u.nominal), ("median rank", u.median)] {
                if let Some(v) = v {
                    frame::finite(v, || format!("the {what} of '{}'", u.label))?;
                }
            }
            if let Some((lo, hi)) = u.interval_5_95 {
                frame::finite(lo, || format!("the 5th percentile rank of '{}'", u.label))?;
                frame::finite(hi, || format!("the 95th percentile rank of '{}'", u.label))?;
                if lo > hi {
                    return Err(Error::Domain(format!(
                        "the rank interval of '{}' runs from {lo} to {hi}; give (5th, 95th) percentile in that order",
                        u.label
                    )));
                }
            }
        }
        Ok(())
    }

    /// Unit indices by nominal rank, then median rank; units without either last; ties by name.
    fn order(&self) -> Vec<usize> {
        let key = |u: &RankInterval| u.nominal.or(u.median);
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|&a, &b| {
            let (ua, ub) = (&self.units[a], &self.units[b]);
            match (key(ua), key(ub)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| ua.label.cmp(&ub.label))
        });
        order
    }
}

impl Draw for RankIntervals {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);
        let order = self.order();
        let n = order.len();

        let mut legend = Legend::default();
        legend.push(Swatch::Line(theme::INTERVAL), Label::RankInterval.text(lang));
        legend.push(Swatch::Tick(theme::MEDIAN), Label::MedianRank.text(lang));
        legend.push(Swatch::Dot(theme::NOMINAL), Label::NominalRank.text(lang));
        let notes = vec![Label::RankIntervalsNote.text(lang).to_string()];
        let plot = frame::frame(root, opts, Label::RankIntervalsTitle, &notes, &legend)?;

        let unit_at_row = |row: usize| &self.units[order[n - 1 - row]];
        let row_labels: Vec<String> = (0..n).map(|r| unit_at_row(r).label.clone()).collect();
        let highest = self
            .units
            .iter()
            .flat_map(|u| [u.nominal, u.median, u.interval_5_95.map(|i| i.1)])
            .flatten()
            .fold(n as f64, f64::max);
        let x_range = 0.5..(highest.ceil() + 0.5);
        let tick = frame::text_style(s.tick(), theme::TEXT);
        let y_area = frame::widest(&plot, &row_labels, &tick)? + (s.axis_desc() * 1.6) as u32 + s.margin();
        let ranks: Vec<f64> = (1..=highest.ceil() as usize).map(|r| r as f64).collect();
        let step = (ranks.len() / 20 + 1) as f64;
        let x_ticks: Vec<f64> = ranks.into_iter().filter(|r| (r - 1.0) % step == 0.0).collect();
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size(y_area)
            .build_cartesian_2d(frame::Ticked::new(x_range.clone(), x_ticks), frame::categories(n))?;
        let fmt_x = |v: &f64| frame::fmt(*v, 0);
        let fmt_y = |v: &f64| row_labels.get(frame::slot(*v)).cloned().unwrap_or_default();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(Label::RankAxis.text(lang))
            .y_desc(Label::UnitAxis.text(lang))
            .axis_desc_style(frame::text_style(s.axis_desc(), theme::TEXT))
            .label_style(tick)
            .x_label_formatter(&fmt_x)
            .y_label_formatter(&fmt_y)
            .bold_line_style(theme::GRID_LIGHT.stroke_width(1))
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        let half_tick = (s.swatch() / 2) as i32;
        let muted = frame::anchored(&frame::text_style(s.value(), theme::MUTED), HPos::Left, VPos::Center);
        for row in 0..n {
            let u = unit_at_row(row);
            let y = row as f64 + 0.5;
            if let Some((lo, hi)) = u.interval_5_95 {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(lo, y), (hi, y)],
                    theme::INTERVAL.stroke_width(s.line() + s.thin()),
                )))?;
            } else {
                chart.draw_series(std::iter::once(
                    EmptyElement::at((x_range.start, y))
                        + Text::new(Label::NoData.text(lang), (half_tick, 0), muted.clone()),
                ))?;
            }
            if let Some(m) = u.median {
                chart.draw_series(std::iter::once(
                    EmptyElement::at((m, y))
                        + PathElement::new(
                            vec![(0, -half_tick), (0, half_tick)],
                            theme::MEDIAN.stroke_width(s.line()),
                        ),
                ))?;
            }
            if let Some(r) = u.nominal {
                chart.draw_series(std::iter::once(Circle::new(
                    (r, y),
                    s.marker(),
                    theme::NOMINAL.filled(),
                )))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_rank_intervals};

    #[test]
    fn rank_intervals_render_png_and_svg() {
        assert_renders(|opts, target| rank_intervals(&synthetic_rank_intervals(), opts, target));
    }

    #[test]
    fn a_reversed_interval_is_an_error() {
        let mut data = synthetic_rank_intervals();
        data.units[0].interval_5_95 = Some((9.0, 2.0));
        assert!(matches!(
            rank_intervals(&data, &ChartOptions::default(), Target::Svg),
            Err(Error::Domain(_))
        ));
    }
}
