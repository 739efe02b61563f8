//! Region boundaries from GeoJSON.

use std::collections::BTreeMap;
use std::path::Path;

use geojson::{Feature, GeoJson, GeometryValue, JsonValue, PolygonType};

use super::table::{self, invalid, label};
use crate::error::{Location, Problem, ProblemKind, Result};

/// The boundary of one unit: one or more polygons, each a list of rings (the outer ring first, then
/// holes), each ring a list of `[longitude, latitude]` points.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The unit code (the value of the code property).
    pub code: String,
    /// Polygons → rings → points `[lon, lat]`.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

/// Reads the regions of a GeoJSON file (a `FeatureCollection` of `Polygon` and `MultiPolygon`
/// features, or a single such feature). The unit code is the feature property `code_property`, a
/// string or a number. Features with the same code are merged into one region. The result is sorted
/// by code.
///
/// # Errors
/// [`crate::Error::Invalid`]: a missing or unreadable file, invalid GeoJSON, no features, and for each
/// feature (named by its index) a missing code property or a geometry that is not an area.
///
/// # Example
/// ```no_run
/// let regions = govgap::io::read_geojson("data/heilongjiang/prefectures.geojson", "code")?;
/// println!("{} regions", regions.len());
/// # Ok::<(), govgap::Error>(())
/// ```
pub fn read_geojson(path: impl AsRef<Path>, code_property: &str) -> Result<Vec<Region>> {
    let path = path.as_ref();
    let mut problems = Vec::new();
    let Some(bytes) = table::read_file(path, "GeoJSON", &mut problems) else {
        return Err(invalid(problems));
    };
    let file = label(path);
    match std::str::from_utf8(table::strip_bom(&bytes)) {
        Ok(text) => parse_geojson_str(text, code_property, &file),
        Err(_) => Err(invalid(vec![Problem::error(
            ProblemKind::Syntax,
            Location::file(file),
            "the file is not valid UTF-8 text",
            "save the GeoJSON as UTF-8",
        )])),
    }
}

/// Parses GeoJSON text (e.g. boundaries embedded in the program) into regions, as
/// [`read_geojson`] does; `file_label` names the text in messages.
///
/// # Errors
/// As [`read_geojson`], except for file errors.
///
/// # Example
/// ```
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":230100},
///   "geometry":{"type":"Polygon","coordinates":[[[126.0,45.0],[127.0,45.0],[127.0,46.0],[126.0,45.0]]]}}]}"#;
/// let regions = govgap::io::parse_geojson_str(text, "code", "inline")?;
/// assert_eq!(regions[0].code, "230100");
/// assert_eq!(regions[0].polygons[0][0].len(), 4);
/// # Ok::<(), govgap::Error>(())
/// ```
pub fn parse_geojson_str(text: &str, code_property: &str, file_label: &str) -> Result<Vec<Region>> {
    let loc = || Location::file(file_label);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(invalid(vec![Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the GeoJSON is empty",
            "supply a FeatureCollection of Polygon or MultiPolygon features",
        )]));
    }
    let features: Vec<Feature> = match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => fc.features,
        Ok(GeoJson::Feature(f)) => vec![f],
        Ok(GeoJson::Geometry(_)) => {
            return Err(invalid(vec![Problem::error(
                ProblemKind::Syntax,
                loc(),
                "the GeoJSON is a bare geometry, without features that carry unit codes",
                format!("wrap each polygon in a Feature whose property '{code_property}' holds the unit code"),
            )]));
        }
        Err(e) => {
            return Err(invalid(vec![Problem::error(
                ProblemKind::Syntax,
                loc(),
                format!("not valid GeoJSON: {e}"),
                "check the file with a GeoJSON validator, or export it again from the GIS",
            )]));
        }
    };
    if features.is_empty() {
        return Err(invalid(vec![Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the FeatureCollection has no features",
            "add one feature per unit",
        )]));
    }
    let mut problems = Vec::new();
    let mut regions: BTreeMap<String, Vec<Vec<Vec<[f64; 2]>>>> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        let code = match f.properties.as_ref().and_then(|p| p.get(code_property)) {
            Some(JsonValue::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(JsonValue::Number(n)) => Some(n.as_i64().map_or_else(|| n.to_string(), |i| i.to_string())),
            _ => None,
        };
        let Some(code) = code else {
            let known: Vec<&str> = f.properties.iter().flat_map(|p| p.keys().map(String::as_str)).collect();
            problems.push(Problem::error(
                ProblemKind::MissingColumn,
                loc().column(code_property),
                format!(
                    "feature {i} (0-based) has no text or number property '{code_property}' (its properties: {})",
                    known.join(", ")
                ),
                "give every feature the unit code in that property, or choose the property that holds it",
            ));
            continue;
        };
        let polys: Vec<&PolygonType> = match f.geometry.as_ref().map(|g| &g.value) {
            Some(GeometryValue::Polygon { coordinates }) => vec![coordinates],
            Some(GeometryValue::MultiPolygon { coordinates }) => coordinates.iter().collect(),
            other => {
                let kind = other.map_or("no geometry", GeometryValue::type_name);
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc().column("geometry").unit(&code),
                    format!("feature {i} (0-based) of unit '{code}' has {kind}, not a Polygon or MultiPolygon"),
                    "give every unit an area boundary",
                ));
                continue;
            }
        };
        let mut converted = Vec::with_capacity(polys.len());
        for poly in polys {
            let mut rings = Vec::with_capacity(poly.len());
            for ring in poly {
                let pts: Option<Vec<[f64; 2]>> = ring
                    .iter()
                    .map(|p| {
                        let s = p.as_slice();
                        (s.len() >= 2 && s[0].is_finite() && s[1].is_finite()).then(|| [s[0], s[1]])
                    })
                    .collect();
                match pts {
                    Some(pts) => rings.push(pts),
                    None => problems.push(Problem::error(
                        ProblemKind::InvalidValue,
                        loc().column("geometry").unit(&code),
                        format!("feature {i} (0-based) of unit '{code}' has a point without two coordinates"),
                        "give every point as [longitude, latitude]",
                    )),
                }
            }
            converted.push(rings);
        }
        regions.entry(code).or_default().extend(converted);
    }
    if problems.is_empty() {
        Ok(regions.into_iter().map(|(code, polygons)| Region { code, polygons }).collect())
    } else {
        Err(invalid(problems))
    }
}
