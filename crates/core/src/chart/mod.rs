//! Charts: PNG and SVG figures of the index, its gaps and its data, drawn with plotters.
//!
//! One function per chart, one file per chart. Each takes a plain input struct defined here (names,
//! numbers, `Option` for missing values: no [`Dataset`](crate::Dataset), no pipeline types, so the
//! charts can be fed from any source), a [`ChartOptions`] and a [`Target`], and returns the chart in
//! memory as a [`Rendered`]: encoded PNG bytes, an SVG string, or the raw RGB buffer that the desktop
//! app shows. Charts do no I/O; write the bytes with the `io` module.
//!
//! | function | what it shows |
//! | --- | --- |
//! | [`ranked_bars`] | the index as horizontal bars sorted by score, stacked by dimension contribution |
//! | [`radar`] | the dimension scores of one unit against chosen benchmarks |
//! | [`choropleth`] | a map of the regions, classed by quantile, equal interval or natural breaks |
//! | [`heatmap`] | units × dimensions scores |
//! | [`lorenz`] | Lorenz curves with the Gini coefficient in the legend |
//! | [`decomposition`] | Theil or Dagum decompositions by group, one stacked bar per series or year |
//! | [`rank_intervals`] | nominal rank, median and 5–95 % interval from the uncertainty analysis |
//! | [`trends`] | benchmark values over survey editions, gaps left where an edition is missing |
//! | [`densities`] | kernel densities of the index, one line per year |
//! | [`coverage`] | the data-coverage matrix coloured by quality |
//!
//! Conventions shared by every chart:
//! - **Missing data is never drawn as zero.** A missing value is left out and marked: grey hatching
//!   (bars, cells, regions), a `×` (radar), a gap (lines), or the words "no data", each with a legend
//!   entry.
//! - **Secondary-source values carry a `†`** next to the value or the unit name, with a legend note.
//! - Titles, axis names and units, legends and notes come in the chosen [`Lang`] from
//!   [`labels`]; colours and sizes from [`theme`].
//! - The default canvas is 1600 × 1000 px, which is **8 × 5 in at 200 dpi**; the PNG records 200 dpi
//!   so that it prints at that size. Font sizes scale with the canvas.
//! - Text is drawn with `WenQuanYi Micro Hei`, embedded in the library ([`embedded_font`]) and
//!   drawn on bitmaps with `ab_glyph`, so PNGs look the same on every machine and Chinese
//!   names render without any system font. SVGs keep text as text: they name the font family
//!   `govgap` followed by common Chinese fonts and `sans-serif`, so a viewer uses the first one it has.
//!
//! ```
//! use govgap::chart::{self, ChartOptions, LorenzSeries, Lorenz, Target};
//! # fn main() -> govgap::Result<()> {
//! let data = Lorenz {
//!     series: vec![LorenzSeries {
//!         label: "2024".into(),
//!         values: vec![10.0, 20.0, 30.0, 40.0],
//!         weights: None,
//!         gini: None,
//!     }],
//! };
//! let png = chart::lorenz(&data, &ChartOptions::default(), Target::Png)?;
//! assert!(png.as_bytes().starts_with(b"\x89PNG"));
//! # Ok(()) }
//! ```

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::prelude::{BitMapBackend, DrawingBackend, SVGBackend};

use crate::{Error, Lang, Result};

pub mod classify;
pub mod labels;
pub mod theme;

mod choropleth;
mod coverage;
mod decomposition;
mod densities;
mod font;
mod frame;
mod heatmap;
mod lorenz;
mod radar;
mod rank_intervals;
mod ranked_bars;
mod text;
mod trends;

pub use choropleth::{Choropleth, Region, choropleth};
pub use classify::ClassMethod;
pub use coverage::{Coverage, CoverageCell, coverage};
pub use decomposition::{Decomposition, DecompositionBar, DecompositionMeasure, decomposition};
pub use densities::{Densities, DensitySeries, densities};
pub use font::embedded_font;
pub use heatmap::{Heatmap, heatmap};
pub use lorenz::{Lorenz, LorenzSeries, lorenz};
pub use radar::{Radar, RadarSeries, radar};
pub use rank_intervals::{RankInterval, RankIntervals, rank_intervals};
pub use ranked_bars::{RankedBars, RankedUnit, ranked_bars};
pub use trends::{TrendNote, TrendSeries, Trends, trends};

/// Language, size, title and footer of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartOptions {
    /// Language of titles, axis names, legends and notes.
    pub lang: Lang,
    /// Canvas width in pixels (default 1600: 8 in at 200 dpi).
    pub width_px: u32,
    /// Canvas height in pixels (default 1000: 5 in at 200 dpi).
    pub height_px: u32,
    /// Title; `None` uses the chart's default title in `lang`.
    pub title: Option<String>,
    /// Footer: the method and sources line (line breaks are kept, long lines wrap). `None` leaves it
    /// out; every report figure should carry one.
    pub footer: Option<String>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            width_px: theme::DEFAULT_WIDTH_PX,
            height_px: theme::DEFAULT_HEIGHT_PX,
            title: None,
            footer: None,
        }
    }
}

impl ChartOptions {
    /// Default options (1600 × 1000 px, default title, no footer) in a language.
    #[must_use]
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            ..Self::default()
        }
    }

    /// The same options with another canvas size.
    #[must_use]
    pub fn size_px(mut self, width_px: u32, height_px: u32) -> Self {
        self.width_px = width_px;
        self.height_px = height_px;
        self
    }

    /// The same options with a title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The same options with a footer (method and sources).
    #[must_use]
    pub fn footer(mut self, footer: impl Into<String>) -> Self {
        self.footer = Some(footer.into());
        self
    }

    fn check(&self) -> Result<()> {
        let range = theme::MIN_SIDE_PX..=theme::MAX_SIDE_PX;
        if range.contains(&self.width_px) && range.contains(&self.height_px) {
            Ok(())
        } else {
            Err(Error::Settings(format!(
                "a chart of {} × {} px cannot be drawn; give a width and height between {} and {} px \
                 (the default 1600 × 1000 px prints at 8 × 5 in at 200 dpi)",
                self.width_px,
                self.height_px,
                theme::MIN_SIDE_PX,
                theme::MAX_SIDE_PX
            )))
        }
    }
}

/// What a chart is rendered to. Everything stays in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Encoded PNG bytes (8-bit RGB, 200 dpi recorded).
    Png,
    /// An SVG document as a string (text kept as text).
    Svg,
    /// The raw RGB buffer, for showing in the desktop app without encoding.
    Rgb,
}

/// A rendered chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// Encoded PNG bytes.
    Png(Vec<u8>),
    /// An SVG document.
    Svg(String),
    /// Raw RGB pixels.
    Rgb(RgbImage),
}

impl Rendered {
    /// The bytes to write to a file: PNG bytes, the SVG's UTF-8, or the raw RGB pixels.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Png(bytes) => bytes,
            Self::Svg(svg) => svg.as_bytes(),
            Self::Rgb(image) => &image.pixels,
        }
    }

    /// The usual file extension: `png`, `svg`, or `rgb` for raw pixels.
    #[must_use]
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Png(_) => "png",
            Self::Svg(_) => "svg",
            Self::Rgb(_) => "rgb",
        }
    }
}

/// A raw 8-bit RGB image, row by row from the top left, three bytes per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbImage {
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// `width_px * height_px * 3` bytes.
    pub pixels: Vec<u8>,
}

impl RgbImage {
    /// Encodes the image as PNG, recording 200 dpi ([`theme::PRINT_DPI`]).
    ///
    /// # Errors
    /// [`Error::Chart`] if the buffer does not hold `width_px * height_px * 3` bytes.
    pub fn to_png(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width_px, self.height_px);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (f64::from(theme::PRINT_DPI) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let png_err = |e: png::EncodingError| Error::Chart(format!("PNG encoding failed: {e}"));
        let mut writer = encoder.write_header().map_err(png_err)?;
        writer.write_image_data(&self.pixels).map_err(png_err)?;
        writer.finish().map_err(png_err)?;
        Ok(out)
    }
}

/// Where a value comes from, as far as a chart shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SourceGrade {
    /// From the publishing body, or derived by the project from such values: drawn plainly.
    #[default]
    Primary,
    /// A copy reported by a third party: drawn with a `†` and a legend note.
    Secondary,
}

/// One value of a chart: a number or missing, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Datum {
    /// The value; `None` is drawn as missing, never as zero.
    pub value: Option<f64>,
    /// Primary or secondary source.
    pub grade: SourceGrade,
}

impl Datum {
    /// A missing value.
    pub const MISSING: Self = Self {
        value: None,
        grade: SourceGrade::Primary,
    };

    /// A value from a primary source.
    #[must_use]
    pub fn primary(value: f64) -> Self {
        Self {
            value: Some(value),
            grade: SourceGrade::Primary,
        }
    }

    /// A value from a secondary source (drawn with a `†`).
    #[must_use]
    pub fn secondary(value: f64) -> Self {
        Self {
            value: Some(value),
            grade: SourceGrade::Secondary,
        }
    }

    /// Whether a present value is from a secondary source.
    #[must_use]
    pub fn is_secondary(&self) -> bool {
        self.value.is_some() && self.grade == SourceGrade::Secondary
    }
}

impl From<f64> for Datum {
    fn from(value: f64) -> Self {
        Self::primary(value)
    }
}

impl From<Option<f64>> for Datum {
    fn from(value: Option<f64>) -> Self {
        Self {
            value,
            grade: SourceGrade::Primary,
        }
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for Error {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Self::Chart(e.to_string())
    }
}

/// A chart's drawing code, generic over the plotters backend so that one body serves PNG, SVG and RGB.
///
/// (A closure cannot be generic over the backend, hence a trait that each input struct implements.)
pub(crate) trait Draw {
    /// Validates the input, then fills `root` and draws the chart; [`render`] presents it.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, opts: &ChartOptions) -> Result<()>;
}

/// Creates the backend for `target`, lets `chart` draw on it, presents it and returns the result.
pub(crate) fn render(target: Target, opts: &ChartOptions, chart: &impl Draw) -> Result<Rendered> {
    opts.check()?;
    font::ensure_registered()?;
    let (w, h) = (opts.width_px, opts.height_px);
    match target {
        Target::Png | Target::Rgb => {
            let mut pixels = vec![0u8; w as usize * h as usize * 3];
            {
                let backend = BitMapBackend::with_buffer(&mut pixels, (w, h));
                let root = text::GlyphText::new(backend, font::face()?).into_drawing_area();
                chart.draw(&root, opts)?;
                root.present()?;
            }
            let image = RgbImage {
                width_px: w,
                height_px: h,
                pixels,
            };
            if target == Target::Png {
                Ok(Rendered::Png(image.to_png()?))
            } else {
                Ok(Rendered::Rgb(image))
            }
        }
        Target::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                chart.draw(&root, opts)?;
                root.present()?;
            }
            Ok(Rendered::Svg(font::with_svg_font_stack(&svg)))
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_outside_the_size_range_are_refused() {
        let opts = ChartOptions::default().size_px(10, 10);
        assert!(matches!(opts.check(), Err(Error::Settings(_))));
        assert!(ChartOptions::default().check().is_ok());
    }

    #[test]
    fn png_records_200_dpi() {
        let image = RgbImage {
            width_px: 2,
            height_px: 1,
            pixels: vec![255; 6],
        };
        let png = image.to_png().unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        assert_eq!(dims.xppu, 7874);
        assert_eq!(dims.unit, png::Unit::Meter);
    }

    #[test]
    fn a_wrong_buffer_is_an_error_not_a_panic() {
        let image = RgbImage {
            width_px: 2,
            height_px: 2,
            pixels: vec![0; 3],
        };
        assert!(matches!(image.to_png(), Err(Error::Chart(_))));
    }
}
