//! The embedded font and its registration with plotters.
//!
//! `WenQuanYi Micro Hei` 0.2.0-beta (Apache-2.0, see `assets/fonts/LICENSE-wqy-microhei.txt`) covers
//! Latin, digits, CJK ideographs and the symbols the charts use (`–`, `†`, `×`, `≤`). It ships as the
//! TrueType collection Debian installs, unaltered: `ab_glyph` (through `ttf-parser`) reads a collection and
//! takes face 0, the proportional `WenQuanYi Micro Hei` (face 1 is the monospaced variant).

use std::sync::OnceLock;

use ab_glyph::FontRef;
use plotters::style::{FontStyle, register_font};

use crate::{Error, Result};

/// The family name the font is registered under with plotters.
pub(crate) const FAMILY: &str = "govgap";

/// The `font-family` written into SVGs: the registered name first, then fonts a viewer may have.
const SVG_FONT_STACK: &str =
    "govgap, WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

static FONT: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

static REGISTERED: OnceLock<bool> = OnceLock::new();

static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();

/// The font every chart is drawn with: `WenQuanYi Micro Hei` as a TrueType collection (face 0 is the
/// proportional face), licensed Apache-2.0.
///
/// The desktop app can hand the same bytes to its GUI toolkit so that its Chinese text matches the
/// charts.
///
/// ```
/// let font = govgap::chart::embedded_font();
/// assert_eq!(&font[..4], b"ttcf");
/// ```
#[must_use]
pub fn embedded_font() -> &'static [u8] {
    FONT
}

/// Registers the embedded font with plotters once per process.
pub(crate) fn ensure_registered() -> Result<()> {
    let ok = *REGISTERED.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(Error::Chart(
            "the embedded font (assets/fonts/wqy-microhei.ttc) could not be parsed; the build is broken, \
             reinstall govgap"
                .to_string(),
        ))
    }
}

/// Face 0 of the embedded font, for drawing text on bitmaps ([`super::text`]).
pub(crate) fn face() -> Result<&'static FontRef<'static>> {
    FACE.get_or_init(|| FontRef::try_from_slice_and_index(FONT, 0).ok())
        .as_ref()
        .ok_or_else(|| {
            Error::Chart(
                "the embedded font (assets/fonts/wqy-microhei.ttc) could not be parsed; the build is broken".into(),
            )
        })
}

/// Replaces the bare registered family name in an SVG by a font stack a viewer can resolve.
pub(crate) fn with_svg_font_stack(svg: &str) -> String {
    svg.replace(
        &format!("font-family=\"{FAMILY}\""),
        &format!("font-family=\"{SVG_FONT_STACK}\""),
    )
}

#[cfg(test)]
mod tests {
    use ab_glyph::Font;

    use super::*;

    #[test]
    fn the_collection_registers_and_covers_the_charts_characters() {
        ensure_registered().unwrap();
        let face = face().unwrap();
        for c in "哈尔滨齐齐哈尔大兴安岭牡丹江0123456789AZaz–†×≤%（）：".chars() {
            assert_ne!(face.glyph_id(c).0, 0, "no glyph for {c}");
        }
        assert_eq!(face.glyph_id('\u{E000}').0, 0, "the check must be able to fail");
    }

    #[test]
    fn svg_text_gets_a_font_stack() {
        let svg = r#"<text font-family="govgap" font-size="20">哈尔滨</text>"#;
        let out = with_svg_font_stack(svg);
        assert!(out.contains("font-family=\"govgap, WenQuanYi Micro Hei"));
        assert!(out.contains("sans-serif\""));
    }
}
