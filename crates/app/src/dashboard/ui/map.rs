//! The choropleth map: prefecture polygons painted with egui's painter, coloured by a score.
//!
//! Polygons are projected and triangulated once ([`MapMesh::new`]); each frame only scales them to
//! the available rectangle. Without boundaries the map falls back to a tile grid of the units.

use std::collections::BTreeMap;
use std::ops::Range;

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::Scene;
use crate::dashboard::command::Command;
use crate::dashboard::core_api::Geometry;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// One region, projected to the unit square and triangulated.
#[derive(Debug, Clone)]
struct MapRegion {
    code: String,
    points: Vec<Pos2>,
    rings: Vec<Range<usize>>,
    triangles: Vec<u32>,
}

/// The map's regions, projected (equirectangular, scaled by the cosine of the mean latitude) into a box
/// of width `aspect` and height 1, and triangulated.
#[derive(Debug, Clone)]
pub struct MapMesh {
    regions: Vec<MapRegion>,
    aspect: f32,
}

impl MapMesh {
    /// Projects and triangulates the geometry.
    #[must_use]
    pub fn new(geo: &Geometry) -> Self {
        let all = geo.regions.iter().flat_map(|r| r.rings.iter().flatten());
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in all {
            for d in 0..2 {
                lo[d] = lo[d].min(p[d]);
                hi[d] = hi[d].max(p[d]);
            }
        }
        if !(lo[0].is_finite() && hi[0] > lo[0] && hi[1] > lo[1]) {
            return Self {
                regions: Vec::new(),
                aspect: 1.0,
            };
        }
        let k = f64::midpoint(lo[1], hi[1]).to_radians().cos();
        let (w, h) = ((hi[0] - lo[0]) * k, hi[1] - lo[1]);
        let proj = |p: &[f64; 2]| Pos2::new(((p[0] - lo[0]) * k / h) as f32, ((hi[1] - p[1]) / h) as f32);
        let regions = geo
            .regions
            .iter()
            .map(|r| {
                let mut points = Vec::new();
                let mut rings = Vec::new();
                let mut triangles = Vec::new();
                for ring in &r.rings {
                    let start = points.len();
                    let mut ring_pts: Vec<Pos2> = ring.iter().map(proj).collect();
                    if ring_pts.len() > 1 && ring_pts.first() == ring_pts.last() {
                        ring_pts.pop();
                    }
                    for t in triangulate(&ring_pts) {
                        triangles.push((start + t) as u32);
                    }
                    points.extend(ring_pts);
                    rings.push(start..points.len());
                }
                MapRegion {
                    code: r.code.clone(),
                    points,
                    rings,
                    triangles,
                }
            })
            .collect();
        Self {
            regions,
            aspect: (w / h) as f32,
        }
    }

    fn region_at(&self, p: Pos2) -> Option<&MapRegion> {
        self.regions
            .iter()
            .find(|r| r.rings.iter().any(|ring| point_in_ring(p, &r.points[ring.clone()])))
    }
}

/// Ear-clipping triangulation of a simple polygon; returns vertex indices, three per triangle.
fn triangulate(pts: &[Pos2]) -> Vec<usize> {
    let n = pts.len();
    if n < 3 {
        return Vec::new();
    }
    let area: f32 = (0..n)
        .map(|i| pts[i].x * pts[(i + 1) % n].y - pts[(i + 1) % n].x * pts[i].y)
        .sum();
    let mut idx: Vec<usize> = if area > 0.0 {
        (0..n).collect()
    } else {
        (0..n).rev().collect()
    };
    let cross = |a: Pos2, b: Pos2, c: Pos2| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let mut out = Vec::with_capacity((n - 2) * 3);
    let mut from = 0;
    while idx.len() > 3 {
        let m = idx.len();
        let is_ear = |i: usize| {
            let (ia, ib, ic) = (idx[(i + m - 1) % m], idx[i], idx[(i + 1) % m]);
            let (a, b, c) = (pts[ia], pts[ib], pts[ic]);
            cross(a, b, c) > 0.0
                && !idx.iter().any(|&j| {
                    j != ia && j != ib && j != ic && {
                        let p = pts[j];
                        cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0
                    }
                })
        };
        // No ear means a degenerate (self-touching) ring: clip anyway so that drawing terminates.
        let i = (0..m).map(|k| (from + k) % m).find(|&i| is_ear(i)).unwrap_or(from % m);
        out.extend([idx[(i + m - 1) % m], idx[i], idx[(i + 1) % m]]);
        idx.remove(i);
        from = i.saturating_sub(1);
    }
    if idx.len() == 3 {
        out.extend([idx[0], idx[1], idx[2]]);
    }
    out
}

fn point_in_ring(p: Pos2, ring: &[Pos2]) -> bool {
    let mut inside = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// What the map shows for one unit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MapValue {
    /// Score.
    pub score: Option<f64>,
    /// Rank.
    pub rank: Option<u32>,
    /// Share of indicators with data, in [0, 1].
    pub coverage: Option<f64>,
}

/// Draws the map (or the tile fallback) of `values` (by unit code). Hover shows name, score, rank and
/// coverage; a click selects the unit.
pub fn map_ui(ui: &mut egui::Ui, scene: &Scene<'_>, values: &BTreeMap<String, MapValue>) -> Option<Command> {
    let scores: Vec<f64> = values.values().filter_map(|v| v.score).collect();
    let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = move |s: Option<f64>| s.map(|s| if hi > lo { (s - lo) / (hi - lo) } else { 0.5 });
    let mesh = scene
        .loaded
        .and_then(|l| l.map.as_ref())
        .filter(|m| !m.regions.is_empty());
    let out = match mesh {
        Some(m) => polygons_ui(ui, scene, m, values, &scale),
        None => tiles_ui(ui, scene, values, &scale),
    };
    legend_ui(ui, lo, hi);
    out
}

fn hover_text(scene: &Scene<'_>, code: &str, v: Option<&MapValue>) -> String {
    let v = v.copied().unwrap_or_default();
    let fmt =
        |x: Option<f64>, digits: usize| x.map_or_else(|| scene.t(K::Missing).to_string(), |x| format!("{x:.digits$}"));
    format!(
        "{}\n{}: {}\n{}: {}\n{}: {}",
        scene.unit_name(code),
        scene.t(K::Score),
        fmt(v.score, 2),
        scene.t(K::Rank),
        v.rank.map_or_else(|| "-".to_string(), |r| r.to_string()),
        scene.t(K::Coverage),
        v.coverage
            .map_or_else(|| scene.t(K::Missing).to_string(), |c| format!("{:.0}%", c * 100.0)),
    )
}

fn polygons_ui(
    ui: &mut egui::Ui,
    scene: &Scene<'_>,
    m: &MapMesh,
    values: &BTreeMap<String, MapValue>,
    scale: &dyn Fn(Option<f64>) -> Option<f64>,
) -> Option<Command> {
    let width = ui.available_width().min(theme::MAP_HEIGHT * m.aspect.max(0.2));
    let size = Vec2::new(width, width / m.aspect.max(0.2));
    let (response, painter) = ui.allocate_painter(size, Sense::click());
    let rect = response.rect;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, scene.t(K::Overview)));
    let to_screen = |p: Pos2| rect.min + (p.to_vec2() * size.y);
    let from_screen = |p: Pos2| Pos2::ZERO + (p - rect.min) / size.y;
    let mut mesh = Mesh::default();
    for r in &m.regions {
        let colour = theme::sequential(scale(values.get(&r.code).and_then(|v| v.score)));
        let base = mesh.vertices.len() as u32;
        mesh.vertices.extend(r.points.iter().map(|&p| Vertex {
            pos: to_screen(p),
            uv: WHITE_UV,
            color: colour,
        }));
        mesh.indices.extend(r.triangles.iter().map(|t| base + t));
    }
    painter.add(Shape::mesh(mesh));
    let mut selected_lines = Vec::new();
    for r in &m.regions {
        let sel = scene.selected == Some(r.code.as_str());
        for ring in &r.rings {
            let pts: Vec<Pos2> = r.points[ring.clone()].iter().map(|&p| to_screen(p)).collect();
            if sel {
                selected_lines.push(pts);
            } else {
                painter.add(Shape::closed_line(pts, Stroke::new(1.0, theme::OUTLINE)));
            }
        }
    }
    for pts in selected_lines {
        painter.add(Shape::closed_line(pts, Stroke::new(3.0, theme::SELECTED)));
    }
    let hovered = response.hover_pos().and_then(|p| m.region_at(from_screen(p)));
    let clicked = response.clicked();
    if let Some(r) = hovered {
        let text = hover_text(scene, &r.code, values.get(&r.code));
        response.on_hover_text_at_pointer(text);
        if clicked {
            return Some(Command::SelectUnit(Some(r.code.clone())));
        }
    }
    None
}

fn tiles_ui(
    ui: &mut egui::Ui,
    scene: &Scene<'_>,
    values: &BTreeMap<String, MapValue>,
    scale: &dyn Fn(Option<f64>) -> Option<f64>,
) -> Option<Command> {
    let mut out = None;
    let ds = scene.dataset()?;
    let units: Vec<&govgap::Unit> = ds.units().iter().filter(|u| !u.benchmark).collect();
    // tiles of one size, as many to a row as the column has room for (a grid would widen a column
    // for a long name and push the others out of the map's half of the view)
    let tile = Vec2::new(112.0, 48.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = Vec2::splat(4.0);
        for u in &units {
            let v = values.get(&u.code);
            let fill = theme::sequential(scale(v.and_then(|v| v.score)));
            let text_colour = if fill.intensity() > 0.5 {
                Color32::BLACK
            } else {
                Color32::WHITE
            };
            let stroke = if scene.selected == Some(u.code.as_str()) {
                Stroke::new(3.0, theme::SELECTED)
            } else {
                Stroke::new(1.0, theme::OUTLINE)
            };
            let b = egui::Button::new(egui::RichText::new(u.name(scene.lang)).color(text_colour))
                .fill(fill)
                .stroke(stroke)
                .wrap();
            let r = ui.add_sized(tile, b).on_hover_text(hover_text(scene, &u.code, v));
            if r.clicked() {
                out = Some(Command::SelectUnit(Some(u.code.clone())));
            }
        }
    });
    out
}

fn legend_ui(ui: &mut egui::Ui, lo: f64, hi: f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(format!("{lo:.1}"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(theme::SCORE_BAR_WIDTH * 1.5, 12.0), Sense::hover());
        let steps = 32;
        let w = rect.width() / steps as f32;
        for i in 0..steps {
            let r = Rect::from_min_size(
                rect.min + Vec2::new(i as f32 * w, 0.0),
                Vec2::new(w + 0.5, rect.height()),
            );
            ui.painter()
                .rect_filled(r, 0.0, theme::sequential(Some(f64::from(i) / f64::from(steps - 1))));
        }
        ui.label(format!("{hi:.1}"));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangulates_a_concave_polygon() {
        // an L shape: area 3
        let pts =
            [(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0)].map(|(x, y)| Pos2::new(x, y));
        let t = triangulate(&pts);
        assert_eq!(t.len(), 12);
        let area: f32 = t
            .chunks(3)
            .map(|c| {
                let (a, b, c) = (pts[c[0]], pts[c[1]], pts[c[2]]);
                ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)).abs() / 2.0
            })
            .sum();
        assert!((area - 3.0).abs() < 1e-5);
        assert!(point_in_ring(Pos2::new(0.5, 1.5), &pts));
        assert!(!point_in_ring(Pos2::new(1.5, 1.5), &pts));
    }
}
