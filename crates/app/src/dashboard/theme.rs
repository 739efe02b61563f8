//! Colours, spacing and fonts of the dashboard: the only place with literal colours or sizes.

use egui::{Color32, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// Name under which the CJK font is registered.
pub const CJK_FONT_NAME: &str = "wqy-microhei";

/// Registers WenQuanYi Micro Hei (embedded in govgap core, `chart::embedded_font`, the same font the
/// PNG charts use) as a fallback of both font families, so that Chinese renders on every machine
/// (idempotent).
pub fn install_fonts(ctx: &egui::Context) {
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        ctx.add_font(FontInsert::new(
            CJK_FONT_NAME,
            FontData::from_static(govgap::chart::embedded_font()),
            vec![InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            }],
        ));
    }
}

/// Space between sections.
pub const SECTION_GAP: f32 = 12.0;
/// Space between items inside a section.
pub const ITEM_GAP: f32 = 4.0;
/// Width of the side navigation.
pub const NAV_WIDTH: f32 = 170.0;
/// Height of plots.
pub const PLOT_HEIGHT: f32 = 280.0;
/// Height of the map.
pub const MAP_HEIGHT: f32 = 380.0;
/// Width of a bar in tables that show a score as a bar.
pub const SCORE_BAR_WIDTH: f32 = 120.0;
/// Size of headings inside panels.
pub const HEADING_SIZE: f32 = 16.0;

/// The selected unit everywhere (outline on the map, highlight in lists and plots).
pub const SELECTED: Color32 = Color32::from_rgb(255, 200, 40);
/// Map region outline.
pub const OUTLINE: Color32 = Color32::from_gray(40);
/// A region or cell without a value.
pub const NO_VALUE: Color32 = Color32::from_gray(120);
/// Rank improved.
pub const UP: Color32 = Color32::from_rgb(40, 160, 80);
/// Rank worsened.
pub const DOWN: Color32 = Color32::from_rgb(210, 60, 50);
/// Errors.
pub const ERROR: Color32 = Color32::from_rgb(220, 70, 60);
/// Warnings.
pub const WARNING: Color32 = Color32::from_rgb(220, 160, 40);
/// Success messages.
pub const OK: Color32 = Color32::from_rgb(60, 170, 90);
/// Background of the error panel.
pub const ERROR_FILL: Color32 = Color32::from_rgb(60, 20, 20);
/// Line of equality, reference lines.
pub const REFERENCE: Color32 = Color32::from_gray(150);
/// Secondary-source values.
pub const SECONDARY: Color32 = Color32::from_rgb(200, 150, 60);
/// Benchmark (exemplar) units.
pub const EXEMPLAR: Color32 = Color32::from_rgb(90, 150, 220);

/// Qualitative palette for series (dimensions, groups, clusters).
pub const SERIES: [Color32; 8] = [
    Color32::from_rgb(76, 114, 176),
    Color32::from_rgb(221, 132, 82),
    Color32::from_rgb(85, 168, 104),
    Color32::from_rgb(196, 78, 82),
    Color32::from_rgb(129, 114, 179),
    Color32::from_rgb(147, 120, 96),
    Color32::from_rgb(218, 139, 195),
    Color32::from_rgb(140, 140, 140),
];

/// Colour of series `i` (wraps around).
#[must_use]
pub fn series(i: usize) -> Color32 {
    SERIES[i % SERIES.len()]
}

/// Stops of the sequential scale (viridis), low to high.
const SEQUENTIAL: [(u8, u8, u8); 5] = [
    (68, 1, 84),
    (59, 82, 139),
    (33, 145, 140),
    (94, 201, 98),
    (253, 231, 37),
];

/// Sequential colour for `t` in [0, 1] (clamped); `None` gives [`NO_VALUE`].
#[must_use]
pub fn sequential(t: Option<f64>) -> Color32 {
    let Some(t) = t.filter(|t| t.is_finite()) else {
        return NO_VALUE;
    };
    let t = t.clamp(0.0, 1.0) * (SEQUENTIAL.len() - 1) as f64;
    let i = (t.floor() as usize).min(SEQUENTIAL.len() - 2);
    let f = t - i as f64;
    let (a, b) = (SEQUENTIAL[i], SEQUENTIAL[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    Color32::from_rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Applies the dashboard's look to a context.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, ITEM_GAP);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_ends() {
        assert_eq!(sequential(Some(0.0)), Color32::from_rgb(68, 1, 84));
        assert_eq!(sequential(Some(1.0)), Color32::from_rgb(253, 231, 37));
        assert_eq!(sequential(None), NO_VALUE);
        assert_eq!(sequential(Some(f64::NAN)), NO_VALUE);
    }
}
