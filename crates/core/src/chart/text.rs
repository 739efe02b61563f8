//! Text on bitmaps, laid out and rasterised with `ab_glyph` directly.
//!
//! plotters 0.3.7's `ab_glyph` renderer puts each glyph's ink at the pen position and drops the glyph's
//! left side bearing: Latin letters sit a pixel or two off, and full-width Chinese punctuation
//! (（ ） ， ： 。), whose ink is off-centre in its em box, lands visibly in the wrong place. [`GlyphText`]
//! wraps a bitmap backend, draws and measures text itself with the bearings kept (and kerning), and
//! hands every other drawing call to the wrapped backend unchanged. SVGs keep text as text and need no
//! such help.

use ab_glyph::{Font, FontRef, GlyphId, OutlinedGlyph, PxScale, ScaleFont, point};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// A bitmap backend whose text is drawn with [`layout`].
pub(crate) struct GlyphText<B> {
    inner: B,
    font: &'static FontRef<'static>,
}

impl<B: DrawingBackend> GlyphText<B> {
    pub(crate) fn new(inner: B, font: &'static FontRef<'static>) -> Self {
        Self { inner, font }
    }
}

/// A line of text laid out at a pixel size: its glyph outlines (positioned with the top of the line
/// box at y = 0), its advance width and its height (ascent − descent).
pub(crate) struct Line {
    pub glyphs: Vec<OutlinedGlyph>,
    pub width: f32,
    pub height: f32,
}

/// Lays out `text` on one line at `size_px` (the line height, as plotters sizes fonts).
pub(crate) fn layout(font: &FontRef<'static>, size_px: f64, text: &str) -> Line {
    let scale = PxScale::from(size_px as f32);
    let scaled = font.as_scaled(scale);
    let ascent = scaled.ascent();
    let mut pen = 0.0_f32;
    let mut previous: Option<GlyphId> = None;
    let mut glyphs = Vec::new();
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            pen += scaled.kern(p, id);
        }
        if let Some(outline) = font.outline_glyph(id.with_scale_and_position(scale, point(pen, ascent))) {
            glyphs.push(outline);
        }
        pen += scaled.h_advance(id);
        previous = Some(id);
    }
    Line {
        glyphs,
        width: pen,
        height: ascent - scaled.descent(),
    }
}

impl<B: DrawingBackend> DrawingBackend for GlyphText<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let line = layout(self.font, style.size(), text);
        Ok((line.width.ceil() as u32, line.height.ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let line = layout(self.font, style.size(), text);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -line.width / 2.0,
            HPos::Right => -line.width,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -line.height / 2.0,
            VPos::Bottom => -line.height,
        };
        let transform = style.transform();
        let (w, h) = self.inner.get_size();
        let inner = &mut self.inner;
        for glyph in &line.glyphs {
            let bounds = glyph.px_bounds();
            let (gx, gy) = ((bounds.min.x + dx).round() as i32, (bounds.min.y + dy).round() as i32);
            let mut result = Ok(());
            glyph.draw(|x, y, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let (tx, ty) = transform.transform(gx + x as i32, gy + y as i32);
                let (px, py) = (pos.0 + tx, pos.1 + ty);
                if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                    let alpha = colour.alpha * f64::from(coverage.min(1.0));
                    result = inner.draw_pixel((px, py), BackendColor { alpha, rgb: colour.rgb });
                }
            });
            result?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::font;

    #[test]
    fn full_width_parenthesis_keeps_its_bearing() {
        // The ink of "（" sits in the right half of its em box; plotters' own renderer put it at the pen.
        let face = font::face().unwrap();
        let line = layout(face, 40.0, "（");
        let ink = line.glyphs[0].px_bounds();
        assert!(
            ink.min.x > line.width * 0.3,
            "ink starts at {} of {}",
            ink.min.x,
            line.width
        );
    }

    #[test]
    fn layout_width_adds_advances() {
        let face = font::face().unwrap();
        let one = layout(face, 30.0, "哈").width;
        let three = layout(face, 30.0, "哈尔滨").width;
        assert!((three - 3.0 * one).abs() < 0.5, "{three} vs {one}");
        assert!(layout(face, 30.0, "").glyphs.is_empty());
    }
}
