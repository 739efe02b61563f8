//! What every chart shares: the page frame (background, title, legend panel, notes and footer),
//! text styles, hatching for missing data, number formatting and input checks.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartOptions;
use super::font::FAMILY;
use super::labels::Label;
use super::theme::{self, Sizes};
use crate::{Error, Result};

/// A text style in the embedded font.
pub(crate) fn text_style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut style = TextStyle::from((FontFamily::Name(FAMILY), size).into_font());
    style.color = colour.to_backend_color();
    style
}

/// `style` anchored at `(h, v)`.
pub(crate) fn anchored(style: &TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// The sizes of a chart's canvas.
pub(crate) fn sizes(opts: &ChartOptions) -> Sizes {
    Sizes::for_canvas(opts.width_px, opts.height_px)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Swatch {
    /// A filled box.
    Fill(RGBColor),
    /// A grey hatched box: missing data.
    Hatched,
    /// A line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A line with a filled dot.
    LineDot(RGBColor),
    /// A filled dot.
    Dot(RGBColor),
    /// A hollow dot.
    Ring(RGBColor),
    /// A short vertical bar.
    Tick(RGBColor),
    /// A cross.
    Cross(RGBColor),
    /// No symbol: the label explains itself (the `†` note).
    Blank,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LegendEntry {
    pub swatch: Swatch,
    pub label: String,
}

impl LegendEntry {
    pub(crate) fn new(swatch: Swatch, label: impl Into<String>) -> Self {
        Self {
            swatch,
            label: label.into(),
        }
    }
}

/// A continuous colour bar under the legend entries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColourBar {
    pub title: String,
    pub low: f64,
    pub high: f64,
}

/// The legend panel on the right of the chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Legend {
    pub title: Vec<String>,
    pub entries: Vec<LegendEntry>,
    pub colour_bar: Option<ColourBar>,
}

impl Legend {
    pub(crate) fn push(&mut self, swatch: Swatch, label: impl Into<String>) {
        self.entries.push(LegendEntry::new(swatch, label));
    }

    fn is_empty(&self) -> bool {
        self.title.is_empty() && self.entries.is_empty() && self.colour_bar.is_none()
    }
}

/// Fills the page, draws the title, the notes and footer at the bottom and the legend on the right,
/// and returns the area left for the plot.
pub(crate) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    opts: &ChartOptions,
    default_title: Label,
    notes: &[String],
    legend: &Legend,
) -> Result<DrawingArea<DB, Shift>> {
    let s = sizes(opts);
    root.fill(&theme::BACKGROUND)?;
    let (w, h) = root.dim_in_pixel();
    let margin = s.margin();
    let inner_w = w.saturating_sub(2 * margin);

    // Title, wrapped to the page width.
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| default_title.text(opts.lang).to_string());
    let title_style = anchored(&text_style(s.title(), theme::TEXT), HPos::Center, VPos::Top);
    let title_line = (s.title() * 1.25).round() as u32;
    let mut y = margin;
    for line in wrap(root, &title, &title_style, inner_w)? {
        root.draw_text(&line, &title_style, ((w / 2) as i32, y as i32))?;
        y += title_line;
    }
    let top = y + margin / 2;

    // Notes, then the footer (method and sources), from the bottom up.
    let footer_style = anchored(&text_style(s.footer(), theme::MUTED), HPos::Left, VPos::Top);
    let mut lines = Vec::new();
    for text in notes.iter().chain(opts.footer.iter()) {
        for paragraph in text.lines() {
            lines.extend(wrap(root, paragraph, &footer_style, inner_w)?);
        }
    }
    let footer_line = (s.footer() * 1.4).round() as u32;
    let footer_h = if lines.is_empty() {
        margin
    } else {
        lines.len() as u32 * footer_line + margin * 3 / 2
    };
    let mut y = h.saturating_sub(footer_h) + margin / 2;
    if !lines.is_empty() {
        let rule = [(margin as i32, y as i32), ((w - margin) as i32, y as i32)];
        root.draw(&PathElement::new(rule, theme::GRID.stroke_width(s.thin())))?;
        y += margin / 3;
    }
    for line in &lines {
        root.draw_text(line, &footer_style, (margin as i32, y as i32))?;
        y += footer_line;
    }

    let body = root.margin(top, footer_h, margin, margin);
    if legend.is_empty() {
        return Ok(body);
    }
    let legend_w = legend_width(root, legend, s, w)?;
    let (body_w, _) = body.dim_in_pixel();
    let (plot, panel) = body.split_horizontally(body_w.saturating_sub(legend_w));
    draw_legend(&panel.margin(margin, 0, margin, 0), legend, s)?;
    Ok(plot)
}

/// The width the legend panel needs, between 14 % and 36 % of the page.
fn legend_width<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, legend: &Legend, s: Sizes, w: u32) -> Result<u32> {
    let style = text_style(s.legend(), theme::TEXT);
    let gap = s.swatch() / 2;
    let mut need = 0;
    for line in &legend.title {
        need = need.max(root.estimate_text_size(line, &style)?.0);
    }
    for entry in &legend.entries {
        need = need.max(s.swatch() + gap + root.estimate_text_size(&entry.label, &style)?.0);
    }
    if let Some(bar) = &legend.colour_bar {
        need = need.max(root.estimate_text_size(&bar.title, &style)?.0);
        let digits = decimals_for_ticks(bar.high - bar.low);
        let widest = [bar.low, bar.high]
            .iter()
            .map(|v| fmt(*v, digits))
            .max_by_key(String::len)
            .unwrap_or_default();
        need = need.max(s.swatch() + gap + root.estimate_text_size(&widest, &style)?.0);
    }
    let w = f64::from(w);
    Ok((f64::from(need + 2 * s.margin())).clamp(0.14 * w, 0.36 * w).round() as u32)
}

/// Draws the legend top-down: title lines, the colour bar, then the entries.
fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, legend: &Legend, s: Sizes) -> Result<()> {
    let (w, h) = area.dim_in_pixel();
    let style = text_style(s.legend(), theme::TEXT);
    let row = (s.legend() * 1.45).round() as i32;
    let sw = s.swatch() as i32;
    let gap = sw / 2;
    let text_w = w.saturating_sub((sw + gap) as u32);
    let mut y = 0;
    let top_left = anchored(&style, HPos::Left, VPos::Top);
    let centre_left = anchored(&style, HPos::Left, VPos::Center);
    for line in &legend.title {
        for part in wrap(area, line, &top_left, w)? {
            area.draw_text(&part, &top_left, (0, y))?;
            y += row;
        }
    }
    if !legend.title.is_empty() {
        y += row / 4;
    }
    if let Some(bar) = &legend.colour_bar {
        for part in wrap(area, &bar.title, &top_left, w)? {
            area.draw_text(&part, &top_left, (0, y))?;
            y += row;
        }
        y += row / 4;
        let bar_h = (f64::from(h) * 0.4).max(f64::from(sw) * 3.0) as i32;
        for i in 0..bar_h {
            let t = 1.0 - f64::from(i) / f64::from(bar_h.max(1));
            area.draw(&Rectangle::new(
                [(0, y + i), (sw, y + i + 1)],
                theme::sequential(t).filled(),
            ))?;
        }
        area.draw(&Rectangle::new([(0, y), (sw, y + bar_h)], theme::AXIS.stroke_width(1)))?;
        let digits = decimals_for_ticks(bar.high - bar.low);
        for k in 0..=4 {
            let f = f64::from(k) / 4.0;
            let ty = y + ((1.0 - f) * f64::from(bar_h)).round() as i32;
            area.draw(&PathElement::new(
                [(sw, ty), (sw + gap / 2, ty)],
                theme::AXIS.stroke_width(1),
            ))?;
            let v = bar.low + f * (bar.high - bar.low);
            area.draw_text(&fmt(v, digits), &centre_left, (sw + gap, ty))?;
        }
        y += bar_h + row;
    }
    for entry in &legend.entries {
        let lines = wrap(area, &entry.label, &centre_left, text_w)?;
        let mid = y + row / 2;
        draw_swatch(area, entry.swatch, (0, mid), s)?;
        for (i, line) in lines.iter().enumerate() {
            area.draw_text(line, &centre_left, (sw + gap, mid + i as i32 * row))?;
        }
        y += row * lines.len().max(1) as i32;
    }
    Ok(())
}

/// Draws a legend swatch with its left edge at `x` and centred on `y`.
pub(crate) fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    (x, y): (i32, i32),
    s: Sizes,
) -> Result<()> {
    let sw = s.swatch() as i32;
    let half = sw / 2;
    let (x0, y0, x1, y1) = (x, y - half * 2 / 3, x + sw, y + half * 2 / 3);
    let mid = (x + half, y);
    let r = s.marker() as i32;
    match swatch {
        Swatch::Fill(c) => {
            area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))?;
        }
        Swatch::Hatched => {
            let ring = vec![
                (f64::from(x0), f64::from(y0)),
                (f64::from(x1), f64::from(y0)),
                (f64::from(x1), f64::from(y1)),
                (f64::from(x0), f64::from(y1)),
            ];
            area.draw(&Rectangle::new([(x0, y0), (x1, y1)], theme::MISSING_FILL.filled()))?;
            for [a, b] in hatch_segments(&[ring], (1.0, 1.0), s.hatch_spacing() * 0.6) {
                let p = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
                area.draw(&PathElement::new([p(a), p(b)], theme::MISSING_HATCH.stroke_width(1)))?;
            }
            area.draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                theme::MISSING_HATCH.stroke_width(1),
            ))?;
        }
        Swatch::Line(c) => {
            area.draw(&PathElement::new([(x0, y), (x1, y)], c.stroke_width(s.line())))?;
        }
        Swatch::Dashed(c) => {
            let dash = sw / 5;
            for k in (0..5).step_by(2) {
                area.draw(&PathElement::new(
                    [(x0 + k * dash, y), (x0 + (k + 1) * dash, y)],
                    c.stroke_width(s.thin()),
                ))?;
            }
        }
        Swatch::LineDot(c) => {
            area.draw(&PathElement::new([(x0, y), (x1, y)], c.stroke_width(s.line())))?;
            area.draw(&Circle::new(mid, r, c.filled()))?;
        }
        Swatch::Dot(c) => {
            area.draw(&Circle::new(mid, r, c.filled()))?;
        }
        Swatch::Ring(c) => {
            area.draw(&Circle::new(mid, r, theme::BACKGROUND.filled()))?;
            area.draw(&Circle::new(mid, r, c.stroke_width(s.thin())))?;
        }
        Swatch::Tick(c) => {
            area.draw(&PathElement::new(
                [(mid.0, y - half), (mid.0, y + half)],
                c.stroke_width(s.line()),
            ))?;
        }
        Swatch::Cross(c) => {
            area.draw(&Cross::new(mid, r, c.stroke_width(s.thin() + 1)))?;
        }
        Swatch::Blank => {}
    }
    Ok(())
}

/// Whether `c` is a wide (CJK) character, which may start a new line on its own.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303F | 0x3040..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Breaks `text` into lines no wider than `max_px`: at spaces where there are any, anywhere in
/// Chinese text, and inside a word only when the word alone is too wide.
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_px: u32,
) -> Result<Vec<String>> {
    let width = |t: &str| area.estimate_text_size(t, style).map(|(w, _)| w);
    if text.is_empty() || width(text)? <= max_px {
        return Ok(vec![text.to_string()]);
    }
    // Tokens: a run of non-space characters of alphabetic scripts (with their punctuation, such as
    // the en dash of "0–100") is one token; every wide (CJK) character is its own token, and a space
    // stays attached before the next token.
    let word_char = |c: char| !c.is_whitespace() && !is_wide(c);
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        match tokens.last_mut() {
            Some(t) if word_char(c) && t.chars().last().is_some_and(word_char) => t.push(c),
            Some(t) if !c.is_whitespace() && t.chars().all(char::is_whitespace) => t.push(c),
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens {
        let candidate = format!("{line}{token}");
        if line.is_empty() || width(&candidate)? <= max_px {
            line = candidate;
            continue;
        }
        lines.push(line.trim_end().to_string());
        line = token.trim_start().to_string();
        // A single token wider than the line is cut character by character.
        while width(&line)? > max_px && line.chars().count() > 1 {
            let mut head = String::new();
            for c in line.chars() {
                if !head.is_empty() && width(&format!("{head}{c}"))? > max_px {
                    break;
                }
                head.push(c);
            }
            line = line[head.len()..].to_string();
            lines.push(head);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    Ok(lines)
}

/// The widest of `texts` in `style`, in pixels.
pub(crate) fn widest<'t, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    texts: impl IntoIterator<Item = &'t String>,
    style: &TextStyle,
) -> Result<u32> {
    let mut widest = 0;
    for t in texts {
        widest = widest.max(area.estimate_text_size(t, style)?.0);
    }
    Ok(widest)
}

/// A linear axis whose ticks are exactly the given points (plotters' `WithKeyPoints` cannot take a
/// label formatter on an `f64` axis).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticked {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ticked {
    pub(crate) fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
        Self { range, ticks }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span == 0.0 {
            return i32::midpoint(limit.0, limit.1);
        }
        let f = (value - self.range.start) / span;
        let length = f64::from(limit.1 - limit.0);
        limit.0
            + if length >= 0.0 {
                (length * f + 1e-3).floor() as i32
            } else {
                (length * f - 1e-3).ceil() as i32
            }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// A categorical axis of `n` slots `[i, i + 1)`, labelled at the slot centres.
pub(crate) fn categories(n: usize) -> Ticked {
    Ticked::new(0.0..n.max(1) as f64, (0..n).map(|i| i as f64 + 0.5).collect())
}

/// The slot index of a categorical key point.
pub(crate) fn slot(v: f64) -> usize {
    v.max(0.0).floor() as usize
}

/// Pixels per data unit of a plotting area of `dim` pixels showing `x` × `y`.
pub(crate) fn px_per_unit(dim: (u32, u32), x: &Range<f64>, y: &Range<f64>) -> (f64, f64) {
    let span = |r: &Range<f64>| (r.end - r.start).abs().max(f64::MIN_POSITIVE);
    (f64::from(dim.0) / span(x), f64::from(dim.1) / span(y))
}

/// Segments of 45° hatching inside `rings` (even–odd rule, so holes stay clear), `spacing_px` apart on
/// screen, where `px_per_unit` converts data units to pixels.
pub(crate) fn hatch_segments(rings: &[Vec<(f64, f64)>], (sx, sy): (f64, f64), spacing_px: f64) -> Vec<[(f64, f64); 2]> {
    // Screen-like coordinates u = x·sx, v = y·sy; lines u − v = c, positions along them t = u + v.
    let edges: Vec<((f64, f64), (f64, f64))> = rings
        .iter()
        .filter(|r| r.len() >= 3)
        .flat_map(|r| {
            r.iter()
                .zip(r.iter().cycle().skip(1))
                .map(|(a, b)| ((a.0 * sx, a.1 * sy), (b.0 * sx, b.1 * sy)))
        })
        .collect();
    if edges.is_empty() || spacing_px <= 0.0 {
        return Vec::new();
    }
    let cs = edges.iter().map(|(a, _)| a.0 - a.1);
    let (lo, hi) = cs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| (lo.min(c), hi.max(c)));
    let mut out = Vec::new();
    let mut c = (lo / spacing_px).ceil() * spacing_px;
    while c <= hi {
        let mut ts: Vec<f64> = edges
            .iter()
            .filter_map(|&((au, av), (bu, bv))| {
                let (ca, cb) = (au - av, bu - bv);
                if (ca <= c) == (cb <= c) {
                    return None;
                }
                let f = (c - ca) / (cb - ca);
                Some((au + av) + f * ((bu + bv) - (au + av)))
            })
            .collect();
        ts.sort_by(f64::total_cmp);
        for pair in ts.chunks_exact(2) {
            let point = |t: f64| (f64::midpoint(t, c) / sx, f64::midpoint(t, -c) / sy);
            out.push([point(pair[0]), point(pair[1])]);
        }
        c += spacing_px;
    }
    out
}

/// Draws hatched grey over `rings` (data coordinates) on a chart: the missing-data mark.
pub(crate) fn hatch_elements(
    rings: &[Vec<(f64, f64)>],
    px_per_unit: (f64, f64),
    s: Sizes,
) -> Vec<PathElement<(f64, f64)>> {
    hatch_segments(rings, px_per_unit, s.hatch_spacing())
        .into_iter()
        .map(|[a, b]| PathElement::new(vec![a, b], theme::MISSING_HATCH.stroke_width(s.thin().max(1))))
        .collect()
}

/// The corners of a rectangle as a ring.
pub(crate) fn rect_ring(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
}

/// Decimals for tick labels over a span (about ten ticks).
pub(crate) fn decimals_for_ticks(span: f64) -> usize {
    let step = (span.abs() / 10.0).max(1e-12);
    (-step.log10().floor()).clamp(0.0, 6.0) as usize
}

/// Decimals for values over a span: one more than the ticks, at most four.
pub(crate) fn decimals_for_values(span: f64) -> usize {
    (decimals_for_ticks(span) + 1).min(4)
}

/// `v` with `decimals` decimals (negative zero printed as zero).
pub(crate) fn fmt(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// `Ok` when `v` is finite, else an error naming `what`.
pub(crate) fn finite(v: f64, what: impl FnOnce() -> String) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(Error::Domain(format!(
            "{} is {v}; charts need finite numbers (use None for a missing value)",
            what()
        )))
    }
}

/// The range `[lo, hi]` padded by `pad` of its span, or `lo ± 1` when the span is zero.
pub(crate) fn padded(lo: f64, hi: f64, pad: f64) -> Range<f64> {
    if hi > lo {
        let p = (hi - lo) * pad;
        (lo - p)..(hi + p)
    } else {
        (lo - 1.0)..(hi + 1.0)
    }
}

/// A chart of `rows` × `columns` cells, rows top to bottom in the given order, cell `(r, c)` spanning
/// `[c, c + 1) × [n − 1 − r, n − r)`.
pub(crate) type GridChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Ticked, Ticked>>;

/// How the column names of a grid chart are laid out below it.
#[derive(Debug, Clone, PartialEq)]
enum ColumnNames {
    /// One line each, horizontal.
    Plain,
    /// Broken into lines (at most three) that fit the cell, horizontal.
    Wrapped(Vec<Vec<String>>),
    /// Turned upright, running down from the axis.
    Upright,
}

/// Breaks `name` into lines no wider than `max_w` pixels: at spaces for names with spaces, between
/// characters otherwise (Chinese). `None` if a single word is wider than `max_w`.
pub(crate) fn wrap_to_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    name: &str,
    style: &TextStyle,
    max_w: f64,
) -> Result<Option<Vec<String>>> {
    let tokens: Vec<String> = if name.contains(' ') {
        name.split(' ').map(str::to_string).collect()
    } else {
        name.chars().map(String::from).collect()
    };
    let sep = if name.contains(' ') { " " } else { "" };
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for t in tokens {
        let candidate = if cur.is_empty() {
            t.clone()
        } else {
            format!("{cur}{sep}{t}")
        };
        if f64::from(area.estimate_text_size(&candidate, style)?.0) <= max_w {
            cur = candidate;
        } else {
            if f64::from(area.estimate_text_size(&t, style)?.0) > max_w {
                return Ok(None);
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            cur = t;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    Ok(Some(lines))
}

/// Builds a [`GridChart`] with row names on the left and column names below (broken into lines, or
/// turned upright, when they do not fit their cell), and draws its axes. Names shrink (to 60 % at
/// least) when there are too many rows for the tick font.
pub(crate) fn grid_chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    rows: &[String],
    columns: &[String],
    (x_desc, y_desc): (&str, &str),
    s: Sizes,
) -> Result<GridChart<'a, DB>> {
    let (n_rows, n_cols) = (rows.len(), columns.len());
    let desc = text_style(s.axis_desc(), theme::TEXT);
    let (pw, ph) = plot.dim_in_pixel();
    // Label areas for a tick font size: (tick style, y area, x area, column names, row height).
    let layout = |size: f64| -> Result<(TextStyle<'static>, u32, u32, ColumnNames, f64)> {
        let tick = text_style(size, theme::TEXT);
        let row_w = widest(plot, rows, &tick)?;
        let col_w = widest(plot, columns, &tick)?;
        let y_area = row_w + (s.axis_desc() * 1.6) as u32 + s.margin();
        let cell_w = f64::from(pw.saturating_sub(y_area + 2 * s.margin())) / n_cols.max(1) as f64;
        let names = if f64::from(col_w) <= cell_w * 0.92 {
            ColumnNames::Plain
        } else {
            let mut wrapped = Vec::with_capacity(n_cols);
            for c in columns {
                match wrap_to_width(plot, c, &tick, cell_w * 0.92)? {
                    Some(lines) if lines.len() <= 3 => wrapped.push(lines),
                    _ => break,
                }
            }
            if wrapped.len() == n_cols {
                ColumnNames::Wrapped(wrapped)
            } else {
                ColumnNames::Upright
            }
        };
        let x_area = match &names {
            ColumnNames::Plain => (size * 1.6 + s.axis_desc() * 1.8) as u32,
            ColumnNames::Wrapped(w) => {
                let n_lines = w.iter().map(Vec::len).max().unwrap_or(1) as f64;
                (size * (0.6 + 1.2 * n_lines) + s.axis_desc() * 1.8) as u32
            }
            ColumnNames::Upright => col_w + (s.axis_desc() * 2.0) as u32,
        };
        let row_h = f64::from(ph.saturating_sub(x_area + 2 * s.margin())) / n_rows.max(1) as f64;
        Ok((tick, y_area, x_area, names, row_h))
    };
    // the largest tick size, from 100 % down to a legible 60 %, at which each name fits its row
    let mut size = s.tick();
    let (mut tick, mut y_area, mut x_area, mut names, mut row_h) = layout(size)?;
    for share in [0.9, 0.8, 0.7, 0.6] {
        if size <= row_h * 0.92 {
            break;
        }
        size = s.tick() * share;
        (tick, y_area, x_area, names, row_h) = layout(size)?;
    }
    let mut chart = ChartBuilder::on(plot)
        .margin(s.margin())
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(categories(n_cols), categories(n_rows))?;
    // Wrapped and upright names are drawn below by hand: plotters' tick labels are single lines, and
    // it anchors rotated labels at their centre, which puts half of each name inside the plot.
    let fmt_x = |v: &f64| {
        if names == ColumnNames::Plain {
            columns.get(slot(*v)).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let fmt_y = |v: &f64| {
        n_rows
            .checked_sub(slot(*v) + 1)
            .and_then(|r| rows.get(r))
            .cloned()
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(desc)
        .label_style(tick.clone())
        .x_label_formatter(&fmt_x)
        .y_label_formatter(&fmt_y)
        .axis_style(theme::AXIS.stroke_width(s.thin()))
        .draw()?;
    let gap = (size * 0.45) as i32;
    match &names {
        ColumnNames::Plain => {}
        ColumnNames::Wrapped(wrapped) => {
            let style = anchored(&tick, HPos::Center, VPos::Top);
            let lh = size * 1.2;
            let mut items = Vec::new();
            for (c, lines) in wrapped.iter().enumerate() {
                for (li, line) in lines.iter().enumerate() {
                    items.push((c, line.clone(), gap + (li as f64 * lh).round() as i32));
                }
            }
            chart.draw_series(items.into_iter().map(|(c, line, dy)| {
                EmptyElement::at((c as f64 + 0.5, 0.0)) + Text::new(line, (0, dy), style.clone())
            }))?;
        }
        ColumnNames::Upright => {
            let style = anchored(&tick, HPos::Left, VPos::Center).transform(FontTransform::Rotate90);
            chart.draw_series(columns.iter().enumerate().map(|(c, name)| {
                EmptyElement::at((c as f64 + 0.5, 0.0)) + Text::new(name.clone(), (0, gap), style.clone())
            }))?;
        }
    }
    Ok(chart)
}

/// The cell rectangle of row `r` (0 at the top) and column `c` in a grid of `n_rows` rows, inset by
/// `inset` of a cell on each side.
pub(crate) fn grid_cell(r: usize, c: usize, n_rows: usize, inset: f64) -> (f64, f64, f64, f64) {
    let y = (n_rows - 1 - r) as f64;
    (c as f64 + inset, y + inset, c as f64 + 1.0 - inset, y + 1.0 - inset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_and_skips_holes() {
        let outer = rect_ring(0.0, 0.0, 10.0, 10.0);
        let hole = rect_ring(4.0, 4.0, 6.0, 6.0);
        let segs = hatch_segments(&[outer, hole], (1.0, 1.0), 1.0);
        assert!(!segs.is_empty());
        for [a, b] in &segs {
            for p in [a, b] {
                assert!(
                    (-1e-9..=10.0 + 1e-9).contains(&p.0) && (-1e-9..=10.0 + 1e-9).contains(&p.1),
                    "{p:?}"
                );
            }
            // The midpoint of a segment is never strictly inside the hole.
            let m = (f64::midpoint(a.0, b.0), f64::midpoint(a.1, b.1));
            assert!(
                !(m.0 > 4.0 + 1e-9 && m.0 < 6.0 - 1e-9 && m.1 > 4.0 + 1e-9 && m.1 < 6.0 - 1e-9),
                "{m:?}"
            );
        }
    }

    #[test]
    fn numbers_format_with_sensible_decimals() {
        assert_eq!(decimals_for_ticks(100.0), 0);
        assert_eq!(decimals_for_ticks(0.5), 2);
        assert_eq!(fmt(-0.0001, 2), "0.00");
        assert_eq!(fmt(72.44, 1), "72.4");
    }
}
