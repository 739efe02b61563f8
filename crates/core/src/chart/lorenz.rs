//! Lorenz curves with the Gini coefficient in the legend.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{self, Legend, Swatch};
use super::labels::Label;
use super::theme;
use super::{ChartOptions, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`lorenz`].
#[derive(Debug, Clone, PartialEq)]
pub struct Lorenz {
    /// One curve per series (a year, an index variant).
    pub series: Vec<LorenzSeries>,
}

/// One curve of [`Lorenz`].
#[derive(Debug, Clone, PartialEq)]
pub struct LorenzSeries {
    /// Name in the legend (a year, a variant).
    pub label: String,
    /// The values of the units that have one (≥ 0, not all zero). Units without a value are left out
    /// by the caller; the legend shows how many units the curve covers.
    pub values: Vec<f64>,
    /// Population (or other) weights, one per value (> 0); `None` weighs units equally.
    pub weights: Option<Vec<f64>>,
    /// The Gini to show, as computed by [`gap`](crate::gap); `None` shows the Lorenz-area Gini of the
    /// curve (see the footer note).
    pub gini: Option<f64>,
}

/// Lorenz curves: cumulative share of units (or population, when weighted) against cumulative share of
/// the value, with the line of equality.
///
/// ```text
/// units sorted by value ascending; X[k] = Σ_{i≤k} w_i / Σ w,  Y[k] = Σ_{i≤k} w_i·x_i / Σ w·x
/// Gini (when not given) = 1 − Σ_k (X[k] − X[k−1]) · (Y[k] + Y[k−1])
/// ```
///
/// # Errors
/// [`Error::Degenerate`] without series or for a series with no values or a zero total; [`Error::Domain`]
/// for negative or non-finite values or weights, or weights that do not match the values;
/// [`Error::Settings`] for a canvas size out of range; [`Error::Chart`] if drawing fails.
pub fn lorenz(data: &Lorenz, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

impl LorenzSeries {
    /// The curve's points in percent, from (0, 0) to (100, 100).
    fn curve(&self) -> Result<Vec<(f64, f64)>> {
        let who = || format!("Lorenz series '{}'", self.label);
        if self.values.is_empty() {
            return Err(Error::Degenerate(format!("{} has no values", who())));
        }
        let weights = match &self.weights {
            Some(w) if w.len() != self.values.len() => {
                return Err(Error::Domain(format!(
                    "{} has {} weights for {} values; give one weight per value",
                    who(),
                    w.len(),
                    self.values.len()
                )));
            }
            Some(w) => w.clone(),
            None => vec![1.0; self.values.len()],
        };
        for (&v, &w) in self.values.iter().zip(&weights) {
            frame::finite(v, || format!("a value of {}", who()))?;
            frame::finite(w, || format!("a weight of {}", who()))?;
            if v < 0.0 || w <= 0.0 {
                return Err(Error::Domain(format!(
                    "{} has the value {v} with weight {w}; Lorenz curves need values ≥ 0 and weights > 0",
                    who()
                )));
            }
        }
        let mut order: Vec<usize> = (0..self.values.len()).collect();
        order.sort_by(|&a, &b| self.values[a].total_cmp(&self.values[b]));
        let total_w: f64 = weights.iter().sum();
        let total_v: f64 = self.values.iter().zip(&weights).map(|(v, w)| v * w).sum();
        if total_v <= 0.0 {
            return Err(Error::Degenerate(format!(
                "{} sums to zero; its shares are undefined",
                who()
            )));
        }
        let mut points = vec![(0.0, 0.0)];
        let (mut cw, mut cv) = (0.0, 0.0);
        for i in order {
            cw += weights[i];
            cv += weights[i] * self.values[i];
            points.push((100.0 * cw / total_w, 100.0 * cv / total_v));
        }
        Ok(points)
    }
}

/// The Gini of a Lorenz curve given in percent: 1 − Σ (X[k] − X[k−1])(Y[k] + Y[k−1]).
fn curve_gini(points: &[(f64, f64)]) -> f64 {
    1.0 - points
        .windows(2)
        .map(|w| (w[1].0 - w[0].0) / 100.0 * (w[1].1 + w[0].1) / 100.0)
        .sum::<f64>()
}

impl Draw for Lorenz {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        if self.series.is_empty() {
            return Err(Error::Degenerate(
                "the Lorenz chart has no series; give at least one".into(),
            ));
        }
        let curves = self
            .series
            .iter()
            .map(LorenzSeries::curve)
            .collect::<Result<Vec<_>>>()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);

        let mut legend = Legend::default();
        let mut computed = false;
        for (i, (se, curve)) in self.series.iter().zip(&curves).enumerate() {
            let gini = se.gini.unwrap_or_else(|| {
                computed = true;
                curve_gini(curve)
            });
            let text = format!(
                "{}  ({} = {:.3}, n = {})",
                se.label,
                Label::Gini.text(lang),
                gini,
                se.values.len()
            );
            legend.push(Swatch::Line(theme::series_colour(i)), text);
        }
        legend.push(Swatch::Dashed(theme::REFERENCE), Label::EqualityLine.text(lang));
        let notes = if computed {
            vec![Label::LorenzNote.text(lang).to_string()]
        } else {
            Vec::new()
        };
        let plot = frame::frame(root, opts, Label::LorenzTitle, &notes, &legend)?;

        let weighted = self.series.iter().any(|se| se.weights.is_some());
        let x_desc = if weighted {
            Label::CumulativePopulationAxis
        } else {
            Label::CumulativeUnitsAxis
        };
        let tick = frame::text_style(s.tick(), theme::TEXT);
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .x_label_area_size((s.tick() * 1.6 + s.axis_desc() * 1.8) as u32)
            .y_label_area_size((s.tick() * 2.5 + s.axis_desc() * 1.8) as u32)
            .build_cartesian_2d(0.0..100.0, 0.0..100.0)?;
        let fmt_pct = |v: &f64| frame::fmt(*v, 0);
        chart
            .configure_mesh()
            .x_desc(x_desc.text(lang))
            .y_desc(Label::CumulativeValueAxis.text(lang))
            .axis_desc_style(frame::text_style(s.axis_desc(), theme::TEXT))
            .label_style(tick)
            .x_label_formatter(&fmt_pct)
            .y_label_formatter(&fmt_pct)
            .x_labels(11)
            .y_labels(11)
            .bold_line_style(theme::GRID.stroke_width(1))
            .light_line_style(theme::GRID_LIGHT.stroke_width(1))
            .max_light_lines(1)
            .axis_style(theme::AXIS.stroke_width(s.thin()))
            .draw()?;

        let dash = f64::from(s.swatch()) / 3.0;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 0.0), (100.0, 100.0)],
            dash as u32,
            dash as u32,
            theme::REFERENCE.stroke_width(s.thin()),
        ))?;
        for (i, curve) in curves.iter().enumerate() {
            let colour = theme::series_colour(i);
            chart.draw_series(LineSeries::new(curve.iter().copied(), colour.stroke_width(s.line())))?;
            let r = s.marker() * 2 / 3;
            chart.draw_series(curve.iter().map(|&p| Circle::new(p, r, colour.filled())))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_lorenz};

    #[test]
    fn lorenz_renders_png_and_svg() {
        assert_renders(|opts, target| lorenz(&synthetic_lorenz(), opts, target));
    }

    #[test]
    fn lorenz_gini_matches_the_mean_difference_formula() {
        // Unweighted 1, 2, 3, 4: Gini = Σ|xi − xj| / (2 n² μ) = 20 / (2 · 16 · 2.5) = 0.25.
        let se = LorenzSeries {
            label: "t".into(),
            values: vec![3.0, 1.0, 4.0, 2.0],
            weights: None,
            gini: None,
        };
        let g = curve_gini(&se.curve().unwrap());
        assert!((g - 0.25).abs() < 1e-12, "{g}");
        // Equal values: no inequality.
        let flat = LorenzSeries {
            label: "t".into(),
            values: vec![5.0; 4],
            weights: None,
            gini: None,
        };
        assert!(curve_gini(&flat.curve().unwrap()).abs() < 1e-12);
    }

    #[test]
    fn lorenz_refuses_negative_values_and_zero_totals() {
        let bad = LorenzSeries {
            label: "t".into(),
            values: vec![-1.0, 2.0],
            weights: None,
            gini: None,
        };
        assert!(matches!(bad.curve(), Err(Error::Domain(_))));
        let zero = LorenzSeries {
            label: "t".into(),
            values: vec![0.0, 0.0],
            weights: None,
            gini: None,
        };
        assert!(matches!(zero.curve(), Err(Error::Degenerate(_))));
    }
}
