//! Choropleth: a map of the regions coloured by class of their value.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::classify::{self, ClassMethod};
use super::frame::{self, Legend, Swatch};
use super::labels::{self, Label};
use super::theme;
use super::{ChartOptions, Datum, Draw, Rendered, Target, render};
use crate::{Error, Result};

/// Input of [`choropleth`].
#[derive(Debug, Clone, PartialEq)]
pub struct Choropleth {
    /// The regions, in any order.
    pub regions: Vec<Region>,
    /// How values are cut into classes.
    pub method: ClassMethod,
    /// Number of classes asked for; fewer are drawn when there are fewer distinct values.
    pub classes: usize,
    /// What the value is, with its unit (legend title), e.g. "指数得分（0–100）".
    pub value_label: String,
}

/// One region of a [`Choropleth`].
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Name written at the region's centroid.
    pub label: String,
    /// Polygons (a multipolygon) as rings of `[longitude, latitude]` in degrees: in each polygon the
    /// first ring is the outline, later rings are holes. Rings need not repeat their first point.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
    /// The value; missing is drawn grey and hatched with a "no data" legend entry.
    pub value: Datum,
}

/// Map of the regions: equirectangular projection with the longitude scaled by the cosine of the mean
/// latitude, each region filled by its class ([`classify::breaks`]), class bounds in the legend, names at
/// the area-weighted centroid of each region's largest ring.
///
/// # Errors
/// [`Error::Degenerate`] when no region has a ring of at least three points; [`Error::Domain`] for
/// non-finite coordinates or values; [`Error::Settings`] for zero classes or a canvas size out of
/// range; [`Error::Chart`] if drawing fails.
pub fn choropleth(data: &Choropleth, opts: &ChartOptions, target: Target) -> Result<Rendered> {
    render(target, opts, data)
}

/// A region's rings projected to the plane.
type Rings = Vec<Vec<(f64, f64)>>;

impl Choropleth {
    fn check(&self) -> Result<()> {
        if self.classes == 0 {
            return Err(Error::Settings(
                "the map needs at least one class; ask for 1 or more".into(),
            ));
        }
        let mut any_ring = false;
        for r in &self.regions {
            if let Some(v) = r.value.value {
                frame::finite(v, || format!("the value of region '{}'", r.label))?;
            }
            for ring in r.polygons.iter().flatten() {
                any_ring |= ring.len() >= 3;
                if let Some([lon, lat]) = ring.iter().find(|p| !(p[0].is_finite() && p[1].is_finite())) {
                    return Err(Error::Domain(format!(
                        "region '{}' has the non-finite point [{lon}, {lat}]; fix its geometry",
                        r.label
                    )));
                }
            }
        }
        if any_ring {
            Ok(())
        } else {
            Err(Error::Degenerate(
                "no region has a polygon ring of three or more points; give the geometry".into(),
            ))
        }
    }

    /// Class bounds of the present values, with fewer classes when there are fewer distinct values.
    fn bounds(&self) -> Result<Option<Vec<f64>>> {
        let values: Vec<f64> = self.regions.iter().filter_map(|r| r.value.value).collect();
        if values.is_empty() {
            return Ok(None);
        }
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        let k = self.classes.min(sorted.len());
        classify::breaks(&values, self.method, k).map(Some)
    }
}

/// Projects a point: x = longitude · cos(latitude₀), y = latitude.
fn project(p: [f64; 2], cos_lat0: f64) -> (f64, f64) {
    (p[0] * cos_lat0, p[1])
}

/// Signed area and centroid of a ring (shoelace); `None` for a degenerate ring.
fn ring_centroid(ring: &[(f64, f64)]) -> Option<(f64, (f64, f64))> {
    let mut a2 = 0.0;
    let (mut cx, mut cy) = (0.0, 0.0);
    for (p, q) in ring.iter().zip(ring.iter().cycle().skip(1)) {
        let cross = p.0 * q.1 - q.0 * p.1;
        a2 += cross;
        cx += (p.0 + q.0) * cross;
        cy += (p.1 + q.1) * cross;
    }
    if a2.abs() < f64::EPSILON {
        return None;
    }
    Some((a2 / 2.0, (cx / (3.0 * a2), cy / (3.0 * a2))))
}

/// The label point of a region: the area-weighted centroid of its largest outer ring (the vertex mean
/// when every ring is degenerate).
fn label_point(polygons: &[Rings]) -> Option<(f64, f64)> {
    let best = polygons
        .iter()
        .filter_map(|p| p.first())
        .filter_map(|ring| ring_centroid(ring))
        .max_by(|a, b| a.0.abs().total_cmp(&b.0.abs()));
    if let Some((_, c)) = best {
        return Some(c);
    }
    let points: Vec<&(f64, f64)> = polygons.iter().flatten().flatten().collect();
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    Some((
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    ))
}

impl Draw for Choropleth {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()> {
        self.check()?;
        let lang = opts.lang;
        let s = frame::sizes(opts);

        // Projection around the middle latitude of the bounding box.
        let all: Vec<[f64; 2]> = self
            .regions
            .iter()
            .flat_map(|r| r.polygons.iter().flatten().flatten().copied())
            .collect();
        let (lat_lo, lat_hi) = all.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p[1]), b.max(p[1]))
        });
        let cos_lat0 = f64::midpoint(lat_lo, lat_hi).to_radians().cos().max(0.05);
        let projected: Vec<Vec<Rings>> = self
            .regions
            .iter()
            .map(|r| {
                r.polygons
                    .iter()
                    .map(|poly| {
                        poly.iter()
                            .map(|ring| ring.iter().map(|&p| project(p, cos_lat0)).collect())
                            .collect()
                    })
                    .collect()
            })
            .collect();

        let bounds = self.bounds()?;
        let classes = bounds.as_ref().map_or(0, |b| b.len() - 1);
        let colour_of = |class: usize| theme::sequential((class as f64 + 0.5) / classes.max(1) as f64);
        let class_of = |v: f64| bounds.as_ref().map_or(0, |b| classify::class_of(v, b));

        // Legend: value and method, one entry per class with its bounds and count, no data, †.
        let method = match self.method {
            ClassMethod::Quantile => Label::ClassQuantile,
            ClassMethod::EqualInterval => Label::ClassEqualInterval,
            ClassMethod::NaturalBreaks => Label::ClassNaturalBreaks,
        };
        let mut legend = Legend {
            title: vec![self.value_label.clone(), method.text(lang).to_string()],
            ..Legend::default()
        };
        if let Some(b) = &bounds {
            let digits = frame::decimals_for_values(b[b.len() - 1] - b[0]);
            for c in 0..classes {
                let count = self
                    .regions
                    .iter()
                    .filter(|r| r.value.value.is_some_and(|v| class_of(v) == c))
                    .count();
                let text = format!(
                    "{} – {}  ({count})",
                    frame::fmt(b[c], digits),
                    frame::fmt(b[c + 1], digits)
                );
                legend.push(Swatch::Fill(colour_of(c)), text);
            }
        }
        let missing = self.regions.iter().filter(|r| r.value.value.is_none()).count();
        if missing > 0 {
            legend.push(Swatch::Hatched, format!("{}  ({missing})", Label::NoData.text(lang)));
        }
        if self.regions.iter().any(|r| r.value.is_secondary()) {
            legend.push(Swatch::Blank, Label::SecondaryNote.text(lang));
        }
        let plot = frame::frame(root, opts, Label::ChoroplethTitle, &[], &legend)?;

        // Ranges with equal units per pixel in x and y, the map centred.
        let points = projected.iter().flatten().flatten().flatten();
        let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        for p in points {
            (x0, x1, y0, y1) = (x0.min(p.0), x1.max(p.0), y0.min(p.1), y1.max(p.1));
        }
        let (pw, ph) = plot.dim_in_pixel();
        let inner = |d: u32| f64::from(d.saturating_sub(2 * s.margin()).max(1));
        let (dx, dy) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
        let units_per_px = (dx / inner(pw)).max(dy / inner(ph));
        let (cx, cy) = (f64::midpoint(x0, x1), f64::midpoint(y0, y1));
        let (hw, hh) = (units_per_px * inner(pw) / 2.0, units_per_px * inner(ph) / 2.0);
        let (xr, yr) = ((cx - hw)..(cx + hw), (cy - hh)..(cy + hh));

        // No mesh: a map has no axes; the graticule would add nothing at this scale.
        let mut chart = ChartBuilder::on(&plot)
            .margin(s.margin())
            .build_cartesian_2d(xr.clone(), yr.clone())?;
        let ppu = frame::px_per_unit(chart.plotting_area().dim_in_pixel(), &xr, &yr);

        for (region, polys) in self.regions.iter().zip(&projected) {
            let fill = region
                .value
                .value
                .map_or(theme::MISSING_FILL, |v| colour_of(class_of(v)));
            for rings in polys {
                let Some(outer) = rings.first() else { continue };
                chart.draw_series(std::iter::once(Polygon::new(outer.clone(), fill.filled())))?;
                for hole in &rings[1..] {
                    chart.draw_series(std::iter::once(Polygon::new(hole.clone(), theme::BACKGROUND.filled())))?;
                }
                if region.value.value.is_none() {
                    chart.draw_series(frame::hatch_elements(rings, ppu, s))?;
                }
            }
        }
        // Outlines over all fills, so shared borders are drawn once on top.
        let outline = theme::MAP_OUTLINE.stroke_width(s.thin());
        for rings in projected.iter().flatten() {
            chart.draw_series(rings.iter().filter(|r| r.len() >= 2).map(|r| {
                let mut closed = r.clone();
                closed.push(r[0]);
                PathElement::new(closed, outline)
            }))?;
        }
        // Names at the centroids, in a colour that reads on the fill. Larger regions are labelled
        // first; a name that would overlap one already placed moves up or down (then sideways) to the
        // nearest free place, on a light plate with a leader line to its region.
        let mut order: Vec<usize> = (0..self.regions.len()).collect();
        let area_of = |polys: &[Rings]| -> f64 {
            polys
                .iter()
                .filter_map(|p| p.first())
                .filter_map(|r| ring_centroid(r))
                .map(|(a, _)| a.abs())
                .sum()
        };
        order.sort_by(|&a, &b| {
            area_of(&projected[b])
                .total_cmp(&area_of(&projected[a]))
                .then(a.cmp(&b))
        });
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        // every region's label point, which no other region's name may cover
        let anchors: Vec<Option<(i32, i32)>> = projected
            .iter()
            .map(|polys| label_point(polys).map(|at| chart.backend_coord(&at)))
            .collect();
        for idx in order {
            let (region, polys) = (&self.regions[idx], &projected[idx]);
            let Some(at) = label_point(polys) else { continue };
            let text = labels::marked(&region.label, region.value.grade);
            let probe = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Center, VPos::Center);
            let (tw, th) = chart.plotting_area().estimate_text_size(&text, &probe)?;
            let (tw, th) = (tw as i32, th as i32);
            let (px, py) = chart.backend_coord(&at);
            let pad = (s.margin() / 4) as i32;
            // the measured height undershoots the drawn glyphs a little: keep a generous box
            let half_h = th * 3 / 4 + pad;
            let boxed = |dx: i32, dy: i32| {
                (
                    px + dx - tw / 2 - pad,
                    py + dy - half_h,
                    px + dx + tw / 2 + pad,
                    py + dy + half_h,
                )
            };
            // a region smaller on the page than its name gets the name beside it
            let region_px = area_of(polys) * ppu.0 * ppu.1;
            let fits_inside = region_px >= f64::from(tw * th) * 1.5;
            let step = 2 * half_h;
            let side = tw / 2 + step;
            let mut candidates = vec![(0, 0)];
            for k in 1..=5 {
                candidates.extend([(0, -k * step), (0, k * step)]);
                if k <= 2 {
                    candidates.extend([(side * k, 0), (-side * k, 0)]);
                }
            }
            // how many placed names the name or its leader (a straight segment from the region's
            // point) would cross at an offset
            let clashes = |(dx, dy): (i32, i32)| {
                let (x0, x1) = (px.min(px + dx), px.max(px + dx));
                let (y0, y1) = (py.min(py + dy), py.max(py + dy));
                let b = boxed(dx, dy);
                let covered = anchors
                    .iter()
                    .enumerate()
                    .filter(|&(other, a)| {
                        other != idx && a.is_some_and(|(ax, ay)| b.0 <= ax && ax <= b.2 && b.1 <= ay && ay <= b.3)
                    })
                    .count();
                covered
                    + placed
                        .iter()
                        .filter(|p| {
                            let hit = |q: (i32, i32, i32, i32)| q.0 < p.2 && p.0 < q.2 && q.1 < p.3 && p.1 < q.3;
                            hit(b) || hit((x0, y0, x1 + 1, y1 + 1))
                        })
                        .count()
            };
            let allowed = |o: &(i32, i32)| fits_inside || *o != (0, 0);
            let (dx, dy) = candidates
                .iter()
                .copied()
                .filter(allowed)
                .find(|&o| clashes(o) == 0)
                .or_else(|| candidates.iter().copied().filter(allowed).min_by_key(|&o| clashes(o)))
                .unwrap_or((0, 0));
            placed.push(boxed(dx, dy));
            let moved = (dx, dy) != (0, 0);
            // every name in dark text on a light plate: it reads on any fill, on hatching and where
            // it runs past its region's edge
            let style = frame::anchored(&frame::text_style(s.value(), theme::TEXT), HPos::Center, VPos::Center);
            if moved {
                // leader from the region's point to the near edge of the moved name
                // offset minus the half extent towards the point, on the axis that moved
                let toward = |d: i32, half: i32| d - d.signum() * half;
                let (end_x, end_y) = (toward(dx, tw / 2 + pad), toward(dy, th / 2 + pad));
                let leader = theme::TEXT.stroke_width(s.thin());
                chart.draw_series(std::iter::once(
                    EmptyElement::at(at) + PathElement::new(vec![(0, 0), (end_x, end_y)], leader),
                ))?;
                chart.draw_series(std::iter::once(
                    EmptyElement::at(at) + Circle::new((0, 0), s.thin() * 2, theme::TEXT.filled()),
                ))?;
            }
            let plate_colour = if region.value.value.is_none() {
                theme::MISSING_FILL.mix(1.0)
            } else {
                theme::BACKGROUND.mix(0.78)
            };
            let (hw, hh) = (tw / 2 + pad, th / 2 + pad / 2);
            let plate = Rectangle::new([(dx - hw, dy - hh), (dx + hw, dy + hh)], plate_colour.filled());
            chart.draw_series(std::iter::once(EmptyElement::at(at) + plate))?;
            chart.draw_series(std::iter::once(EmptyElement::at(at) + Text::new(text, (dx, dy), style)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::testing::{assert_renders, synthetic_choropleth};

    #[test]
    fn choropleth_renders_png_and_svg_with_every_method() {
        for method in [
            ClassMethod::Quantile,
            ClassMethod::EqualInterval,
            ClassMethod::NaturalBreaks,
        ] {
            let mut data = synthetic_choropleth();
            data.method = method;
            assert_renders(|opts, target| choropleth(&data, opts, target));
        }
    }

    #[test]
    fn centroid_of_a_square_and_of_the_largest_ring() {
        let square = vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)];
        let (area, c) = ring_centroid(&square).unwrap();
        assert!((area - 4.0).abs() < 1e-12 && (c.0 - 1.0).abs() < 1e-12 && (c.1 - 1.0).abs() < 1e-12);
        // An L-shape: centroid (5/6, 5/6) for the unit-square decomposition.
        let l = vec![(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0)];
        let (_, c) = ring_centroid(&l).unwrap();
        assert!((c.0 - 5.0 / 6.0).abs() < 1e-12 && (c.1 - 5.0 / 6.0).abs() < 1e-12);
        let small = vec![(10.0, 10.0), (10.5, 10.0), (10.5, 10.5)];
        assert_eq!(label_point(&[vec![small], vec![square]]), Some((1.0, 1.0)));
    }

    #[test]
    fn a_map_without_geometry_is_an_error() {
        let data = Choropleth {
            regions: Vec::new(),
            method: ClassMethod::Quantile,
            classes: 5,
            value_label: "x".into(),
        };
        assert!(matches!(
            choropleth(&data, &ChartOptions::default(), Target::Svg),
            Err(Error::Degenerate(_))
        ));
    }
}
