//! Colours and sizes of every chart: the one place where colour and size literals live.
//!
//! Series colours are the Tableau 10 palette (distinguishable for the common colour-vision
//! deficiencies); the sequential scale is `ColorBrewer`'s `YlGnBu`, which also reads in greyscale print.
//! Sizes are given for the default 1600 × 1000 px canvas (8 × 5 in at 200 dpi, where a 32 px font is
//! about 9 pt) and scale with the canvas ([`Sizes::for_canvas`]).

use plotters::style::RGBColor;

/// Default canvas width: 8 in at 200 dpi.
pub const DEFAULT_WIDTH_PX: u32 = 1600;
/// Default canvas height: 5 in at 200 dpi.
pub const DEFAULT_HEIGHT_PX: u32 = 1000;
/// The resolution recorded in PNGs, so that the default canvas prints at 8 × 5 in.
pub const PRINT_DPI: u32 = 200;
/// Smallest accepted canvas side.
pub const MIN_SIDE_PX: u32 = 320;
/// Largest accepted canvas side.
pub const MAX_SIDE_PX: u32 = 16_000;

/// Page background.
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// Titles, labels, values.
pub const TEXT: RGBColor = RGBColor(33, 33, 33);
/// Footer, notes, secondary text.
pub const MUTED: RGBColor = RGBColor(100, 100, 100);
/// Text on dark fills.
pub const TEXT_ON_DARK: RGBColor = RGBColor(255, 255, 255);
/// Axis lines and tick marks.
pub const AXIS: RGBColor = RGBColor(90, 90, 90);
/// Major grid lines.
pub const GRID: RGBColor = RGBColor(215, 215, 215);
/// Minor grid lines.
pub const GRID_LIGHT: RGBColor = RGBColor(238, 238, 238);
/// Outlines of regions, cells and bars.
pub const OUTLINE: RGBColor = RGBColor(255, 255, 255);
/// Outlines of map regions.
pub const MAP_OUTLINE: RGBColor = RGBColor(110, 110, 110);
/// Fill of missing data (drawn hatched).
pub const MISSING_FILL: RGBColor = RGBColor(222, 222, 222);
/// Hatching over missing data.
pub const MISSING_HATCH: RGBColor = RGBColor(130, 130, 130);
/// Reference lines (line of equality).
pub const REFERENCE: RGBColor = RGBColor(120, 120, 120);

/// Series colours (Tableau 10), used in order and repeated after ten.
pub const SERIES: [RGBColor; 10] = [
    RGBColor(0x4E, 0x79, 0xA7),
    RGBColor(0xF2, 0x8E, 0x2B),
    RGBColor(0xE1, 0x57, 0x59),
    RGBColor(0x76, 0xB7, 0xB2),
    RGBColor(0x59, 0xA1, 0x4F),
    RGBColor(0xED, 0xC9, 0x48),
    RGBColor(0xB0, 0x7A, 0xA1),
    RGBColor(0xFF, 0x9D, 0xA7),
    RGBColor(0x9C, 0x75, 0x5F),
    RGBColor(0xBA, 0xB0, 0xAC),
];

/// Sequential scale (`ColorBrewer` `YlGnBu`, 9 classes), light to dark.
pub const SEQUENTIAL: [RGBColor; 9] = [
    RGBColor(0xFF, 0xFF, 0xD9),
    RGBColor(0xED, 0xF8, 0xB1),
    RGBColor(0xC7, 0xE9, 0xB4),
    RGBColor(0x7F, 0xCD, 0xBB),
    RGBColor(0x41, 0xB6, 0xC4),
    RGBColor(0x1D, 0x91, 0xC0),
    RGBColor(0x22, 0x5E, 0xA8),
    RGBColor(0x25, 0x34, 0x94),
    RGBColor(0x08, 0x1D, 0x58),
];

/// Where the sequential scale starts, so that its lightest colour stays visible on white.
const SEQUENTIAL_START: f64 = 0.1;

/// Quality colours of the coverage matrix.
pub const OFFICIAL: RGBColor = RGBColor(0x59, 0xA1, 0x4F);
/// A value copied from a secondary source.
pub const SECONDARY: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
/// A value derived by the project.
pub const DERIVED: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
/// A value imported without a quality flag.
pub const UNFLAGGED: RGBColor = RGBColor(0xB0, 0x7A, 0xA1);

/// Within-group part of a decomposition.
pub const WITHIN: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
/// Between-group part.
pub const BETWEEN: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
/// Transvariation (overlap) part of the Dagum decomposition.
pub const TRANSVARIATION: RGBColor = RGBColor(0x76, 0xB7, 0xB2);

/// Nominal rank dot.
pub const NOMINAL: RGBColor = RGBColor(0xE1, 0x57, 0x59);
/// Median rank mark.
pub const MEDIAN: RGBColor = RGBColor(33, 33, 33);
/// 5–95 % rank interval.
pub const INTERVAL: RGBColor = RGBColor(0x4E, 0x79, 0xA7);

/// The colour of series `i` (cycling through [`SERIES`]).
#[must_use]
pub fn series_colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// The sequential colour at `t` in `[0, 1]` (clamped; NaN gives the lightest), interpolated in RGB.
#[must_use]
pub fn sequential(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = (SEQUENTIAL_START + t * (1.0 - SEQUENTIAL_START)) * (SEQUENTIAL.len() - 1) as f64;
    let i = (pos.floor() as usize).min(SEQUENTIAL.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (SEQUENTIAL[i], SEQUENTIAL[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + f * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The text colour that reads on `fill`: [`TEXT_ON_DARK`] on dark fills, [`TEXT`] otherwise.
#[must_use]
pub fn text_on(fill: RGBColor) -> RGBColor {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * lin(fill.0) + 0.7152 * lin(fill.1) + 0.0722 * lin(fill.2);
    if luminance < 0.25 { TEXT_ON_DARK } else { TEXT }
}

/// Font sizes, line widths and spacings for a canvas, scaled from the 1600 × 1000 px defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    scale: f64,
}

impl Sizes {
    /// Sizes for a canvas: the defaults times `min(width / 1600, height / 1000)`, at least 0.3.
    #[must_use]
    pub fn for_canvas(width_px: u32, height_px: u32) -> Self {
        let scale = (f64::from(width_px) / f64::from(DEFAULT_WIDTH_PX))
            .min(f64::from(height_px) / f64::from(DEFAULT_HEIGHT_PX))
            .max(0.3);
        Self { scale }
    }

    /// The factor applied to the default sizes.
    #[must_use]
    pub fn scale(self) -> f64 {
        self.scale
    }

    fn px(self, base: f64) -> u32 {
        (base * self.scale).round().max(1.0) as u32
    }

    /// Title font size.
    #[must_use]
    pub fn title(self) -> f64 {
        50.0 * self.scale
    }
    /// Axis name font size.
    #[must_use]
    pub fn axis_desc(self) -> f64 {
        34.0 * self.scale
    }
    /// Tick label font size.
    #[must_use]
    pub fn tick(self) -> f64 {
        30.0 * self.scale
    }
    /// Legend font size.
    #[must_use]
    pub fn legend(self) -> f64 {
        30.0 * self.scale
    }
    /// Footer and note font size.
    #[must_use]
    pub fn footer(self) -> f64 {
        25.0 * self.scale
    }
    /// Font size of values written on bars and cells and of map labels.
    #[must_use]
    pub fn value(self) -> f64 {
        27.0 * self.scale
    }
    /// Outer margin.
    #[must_use]
    pub fn margin(self) -> u32 {
        self.px(26.0)
    }
    /// Width of data lines.
    #[must_use]
    pub fn line(self) -> u32 {
        self.px(4.0)
    }
    /// Width of thin lines (grids, outlines, hatching).
    #[must_use]
    pub fn thin(self) -> u32 {
        self.px(2.0)
    }
    /// Radius of point markers.
    #[must_use]
    pub fn marker(self) -> u32 {
        self.px(9.0)
    }
    /// Side of a legend swatch.
    #[must_use]
    pub fn swatch(self) -> u32 {
        self.px(30.0)
    }
    /// Distance between hatching lines.
    #[must_use]
    pub fn hatch_spacing(self) -> f64 {
        11.0 * self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_runs_light_to_dark_and_clamps() {
        let lum = |c: RGBColor| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        assert!(lum(sequential(0.0)) > lum(sequential(0.5)));
        assert!(lum(sequential(0.5)) > lum(sequential(1.0)));
        assert_eq!(sequential(1.0), SEQUENTIAL[8]);
        assert_eq!(sequential(2.0), sequential(1.0));
        assert_eq!(sequential(f64::NAN), sequential(0.0));
    }

    #[test]
    fn text_reads_on_its_fill() {
        assert_eq!(text_on(SEQUENTIAL[8]), TEXT_ON_DARK);
        assert_eq!(text_on(SEQUENTIAL[0]), TEXT);
    }

    #[test]
    fn sizes_scale_with_the_canvas() {
        let full = Sizes::for_canvas(1600, 1000);
        let half = Sizes::for_canvas(800, 500);
        assert!((full.title() - 2.0 * half.title()).abs() < 1e-9);
        assert!(Sizes::for_canvas(10, 10).scale() >= 0.3);
    }
}
