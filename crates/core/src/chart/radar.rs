//! Radar: the dimension scores of one unit against chosen benchmarks.

use std::f64::consts::{FRAC_PI_2, TAU};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Legend, Swatch};
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Datum, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`radar`].
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    /// Dimension names, clockwise from the top (at least three).
    pub axes: Vec<String>,
    /// The score at the outer ring (100 for 0–100 scores).
    pub scale_max: f64,
    /// The unit first (drawn thick and filled), then its benchmarks.
    pub series: Vec<RadarSeries>,
}

/// One polygon of a [`Radar`].
#[derive(Debug, Clone, PartialEq)]
pub struct RadarSeries {
    /// Unit or benchmark name.
    pub label: String,
    /// One value per axis. A missing value breaks the outline there and is marked with a `×` outside
    /// the outer ring, never drawn at the centre; a secondary value gets a hollow marker and a `†`.
    pub values: Vec<Datum>,
}

/// Radar chart of dimension scores: rings every fifth of `scale_max`, one outline per series.
///
/// # Errors
/// [`Error::Degenerate`] with fewer than three axes or no series; [`Error::Domain`] when a series does
/// not have one value per axis, a value is not finite, or `scale_max` is not positive;
/// [`Error::Settings`] for a canvas size out of range; [`Error::Chart`] if drawing fails.
pub fn radar(data: &Radar, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl Radar {
    fn check(&self) -> Result<()> {
        if self.axes.len() < 3 {
            return Err(Error::Degenerate(format!(
                "a radar needs at least three dimensions, got {}; use bars for fewer",
                self.axes.len()
            )));
        }
        if self.series.is_empty() {
            return Err(Error::Degenerate(
                "the radar has no series; give the unit and its benchmarks".into(),
            ));
        }
        if !(self.scale_max.is_finite() && self.scale_max > 0.0) {
            return Err(Error::Domain(format!(
                "the radar's scale_max is {}; give the positive top of the scale",
                self.scale_max
            )));
        }
        for s in &self.series {
            if s.values.len() != self.axes.len() {
                return Err(Error::Domain(format!(
                    "radar series '{}' has {} values for {} dimensions; give one value (or a missing one) per dimension",
                    s.label,
                    s.values.len(),
                    self.axes.len()
                )));
            }
            for (a, v) in self.axes.iter().zip(&s.values) {
                if let Some(v) = v.value {
                    frame::finite(v, || format!("the value of '{}' on '{a}'", s.label))?;
                }
            }
        }
        Ok(())
    }
}

/// Horizontal and vertical extent of the drawing in radii (room for the axis names).
const HALF_WIDTH: f64 = 1.9;
const HALF_HEIGHT: f64 = 1.3;
/// Radius of the axis names and of the no-data crosses.
const LABEL_RADIUS: f64 = 1.1;
const CROSS_RADIUS: f64 = 1.03;

impl Draw for Radar {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);
        let m = self.axes.len();

        let any_missing = self.series.iter().any(|se| se.values.iter().any(|v| v.value.is_none()));
        let any_secondary = self.series.iter().any(|se| se.values.iter().any(Datum::is_secondary));
        let mut legend = Legend::default();
        for (i, se) in self.series.iter().enumerate() {
            legend.push(Swatch::LineDot(theme::series_colour(i)), se.label.clone());
        }
        if any_missing {
            legend.push(Swatch::Cross(theme::MUTED), Label::NoDataOnAxis.text(lang));
        }
        if any_secondary {
            legend.push(Swatch::Ring(theme::MUTED), Label::SecondaryPoint.text(lang));
            legend.push(Swatch::Blank, Label::SecondaryNote.text(lang));
        }
        let plot = frame::frame(root, opts, Label::RadarTitle, &[], &legend)?;

        // Keep circles round: an area with the aspect of the drawing, centred in the plot.
        let (pw, ph) = plot.dim_in_pixel();
        let aspect = HALF_WIDTH / HALF_HEIGHT;
        let (aw, ah) = if f64::from(pw) / f64::from(ph) > aspect {
            ((f64::from(ph) * aspect) as u32, ph)
        } else {
            (pw, (f64::from(pw) / aspect) as u32)
        };
        let area = plot.margin((ph - ah) / 2, (ph - ah) / 2, (pw - aw) / 2, (pw - aw) / 2);

        // No mesh: a radar has no Cartesian axes; its grid (rings and spokes) is drawn below.
        let mut chart = ChartBuilder::on(&area)
            .margin(s.margin())
            .build_cartesian_2d(-HALF_WIDTH..HALF_WIDTH, -HALF_HEIGHT..HALF_HEIGHT)?;

        let angle = |j: usize| FRAC_PI_2 - TAU * j as f64 / m as f64;
        let at = |j: usize, r: f64| (r * angle(j).cos(), r * angle(j).sin());

        // Grid: rings at fifths of the scale, spokes, ring values along the first spoke.
        let grid = theme::GRID.stroke_width(s.thin());
        for k in 1..=5 {
            let r = f64::from(k) / 5.0;
            let mut ring: Vec<(f64, f64)> = (0..m).map(|j| at(j, r)).collect();
            ring.push(at(0, r));
            chart.draw_series(std::iter::once(PathElement::new(ring, grid)))?;
        }
        chart.draw_series((0..m).map(|j| PathElement::new(vec![(0.0, 0.0), at(j, 1.0)], grid)))?;
        let digits = frame::decimals_for_ticks(self.scale_max);
        // Ring values sit midway along the ring's first edge, away from the axis tips where the
        // markers (and the no-data crosses) are drawn.
        let ring_style = frame::anchored(
            &frame::text_style(s.tick() * 0.85, theme::MUTED),
            HPos::Center,
            VPos::Center,
        );
        let edge_mid = |r: f64| {
            let (a, b) = (at(0, r), at(1 % m, r));
            (f64::midpoint(a.0, b.0), f64::midpoint(a.1, b.1))
        };
        chart.draw_series((1..=5).map(|k| {
            let r = f64::from(k) / 5.0;
            EmptyElement::at(edge_mid(r))
                + Text::new(frame::fmt(self.scale_max * r, digits), (0, 0), ring_style.clone())
        }))?;

        // Axis names outside the outer ring, anchored away from the centre.
        let name_style = frame::text_style(s.axis_desc(), theme::TEXT);
        let mut name_lines = Vec::new();
        for j in 0..m {
            let (c, sn) = (angle(j).cos(), angle(j).sin());
            let h = if c > 0.2 {
                HPos::Left
            } else if c < -0.2 {
                HPos::Right
            } else {
                HPos::Center
            };
            let v = if sn > 0.2 {
                VPos::Bottom
            } else if sn < -0.2 {
                VPos::Top
            } else {
                VPos::Center
            };
            // long names break into two lines, stacked away from the ring
            let lines = wrap_in_two(&self.axes[j], 16);
            let n = lines.len() as f64;
            let lh = s.axis_desc() * 1.15;
            for (li, line) in lines.into_iter().enumerate() {
                let li = li as f64;
                let dy = match v {
                    VPos::Bottom => -(n - 1.0 - li) * lh,
                    VPos::Top => li * lh,
                    VPos::Center => (li - (n - 1.0) / 2.0) * lh,
                };
                name_lines.push((
                    at(j, LABEL_RADIUS),
                    line,
                    dy.round() as i32,
                    frame::anchored(&name_style, h, v),
                ));
            }
        }
        chart.draw_series(
            name_lines
                .into_iter()
                .map(|(pos, line, dy, style)| EmptyElement::at(pos) + Text::new(line, (0, dy), style)),
        )?;

        // Series: benchmarks first, the unit last so that it lies on top.
        let secondary_style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Right, VPos::Bottom);
        for (i, se) in self.series.iter().enumerate().rev() {
            let colour = theme::series_colour(i);
            let width = if i == 0 { s.line() + s.thin() } else { s.line() };
            let point = |j: usize| se.values[j].value.map(|v| at(j, (v / self.scale_max).clamp(0.0, 1.05)));
            if i == 0 && se.values.iter().all(|v| v.value.is_some()) {
                let poly: Vec<(f64, f64)> = (0..m).filter_map(point).collect();
                chart.draw_series(std::iter::once(Polygon::new(poly, colour.mix(0.18).filled())))?;
            }
            // Outline segments only between neighbouring axes that both have data.
            chart.draw_series((0..m).filter_map(|j| {
                let (a, b) = (point(j)?, point((j + 1) % m)?);
                Some(PathElement::new(vec![a, b], colour.stroke_width(width)))
            }))?;
            let r = s.marker() as i32;
            for j in 0..m {
                let d = se.values[j];
                match point(j) {
                    Some(p) if d.is_secondary() => {
                        chart.draw_series(std::iter::once(Circle::new(p, r, theme::BACKGROUND.filled())))?;
                        chart.draw_series(std::iter::once(Circle::new(p, r, colour.stroke_width(s.thin() + 1))))?;
                        chart.draw_series(std::iter::once(
                            EmptyElement::at(p)
                                + Text::new(labels::SECONDARY_MARK, (-r, -r / 2), secondary_style.clone()),
                        ))?;
                    }
                    Some(p) => {
                        chart.draw_series(std::iter::once(Circle::new(p, r, colour.filled())))?;
                    }
                    None => {
                        // Series side by side along the outer ring, outside it.
                        let offset = (i as f64 - (self.series.len() as f64 - 1.0) / 2.0) * 0.07;
                        let a = angle(j) - offset;
                        let p = (CROSS_RADIUS * a.cos(), CROSS_RADIUS * a.sin());
                        chart.draw_series(std::iter::once(Cross::new(p, r, colour.stroke_width(s.thin() + 1))))?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// `text` as one line, or as two lines broken at the space nearest its middle when it is longer
/// than `max_chars` characters (names without spaces, such as Chinese ones, stay whole).
fn wrap_in_two(text: &str, max_chars: usize) -> Vec<String> {
    let len = text.chars().count();
    if len <= max_chars {
        return vec![text.to_string()];
    }
    let mid = len / 2;
    let best = text
        .char_indices()
        .enumerate()
        .filter(|(_, (_, ch))| *ch == ' ')
        .min_by_key(|(ci, _)| ci.abs_diff(mid))
        .map(|(_, (bi, _))| bi);
    match best {
        Some(b) => vec![text[..b].to_string(), text[b + 1..].to_string()],
        None => vec![text.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_radar};

    #[test]
    fn long_axis_names_break_at_the_middle_space() {
        assert_eq!(wrap_in_two("数字人才与发展环境", 16), vec!["数字人才与发展环境"]);
        assert_eq!(
            wrap_in_two("Digital talent and environment", 16),
            vec!["Digital talent", "and environment"]
        );
        assert_eq!(wrap_in_two("Supercalifragilisticexpialidocious", 16).len(), 1);
    }

    #[test]
    fn radar_renders_png_and_svg() {
        assert_renders(|opts, target| radar(&synthetic_radar(), opts, target));
    }

    #[test]
    fn radar_refuses_two_axes() {
        let mut data = synthetic_radar();
        data.axes.truncate(2);
        for s in &mut data.series {
            s.values.truncate(2);
        }
        assert!(matches!(
            radar(&data, &ChartOptions::default(), Target::Svg),
            Err(Error::Degenerate(_))
        ));
    }
}
