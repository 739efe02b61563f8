//! Region boundaries from `GeoJSON`.

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

/// Reads the regions of a `GeoJSON` file (a `FeatureCollection` of `Polygon` and `MultiPolygon`
/// features, or a single such feature). The unit code is the feature property `code_property`, a
/// string or a number. Features with the same code are merged into one region. The result is sorted
/// by code.
///
/// # Errors
/// [`crate::Error::Invalid`]: a missing or unreadable file, invalid `GeoJSON`, no features, and for each
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

/// Parses `GeoJSON` text (e.g. boundaries embedded in the program) into regions, as
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
        Ok(regions
            .into_iter()
            .map(|(code, polygons)| Region { code, polygons })
            .collect())
    } else {
        Err(invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::testutil::{Scratch, assert_names, error_of, fixtures, problems};

    #[test]
    fn reads_polygons_and_multipolygons_with_text_or_number_codes() {
        let r = read_geojson(fixtures().join("regions.geojson"), "code").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].code, "2002"); // sorted by code; a number property becomes text
        assert_eq!(r[0].polygons.len(), 2);
        assert_eq!(r[1].code, "A");
        assert_eq!(r[1].polygons[0][0][2].map(f64::to_bits), [1.0f64.to_bits(); 2]);
    }

    #[test]
    fn reads_the_heilongjiang_prefectures() {
        let p = Path::new("/work/shared/sources/geometry/heilongjiang_prefectures.geojson");
        if !p.is_file() {
            return; // the shared sources are not on this machine
        }
        let r = read_geojson(p, "city_code").unwrap();
        assert_eq!(r.len(), 13);
        assert_eq!(r[0].code, "230100");
        assert!(r.iter().all(|x| {
            x.polygons
                .iter()
                .flatten()
                .flatten()
                .all(|pt| (120.0..136.0).contains(&pt[0]))
        }));
    }

    #[test]
    fn missing_property_names_the_feature() {
        let text = std::fs::read_to_string(fixtures().join("regions.geojson")).unwrap();
        let p = problems(parse_geojson_str(&text, "city_code", "regions.geojson"));
        let e = error_of(&p, ProblemKind::MissingColumn);
        assert_names(&e, &["regions.geojson", "column 'city_code'", "feature 0"]);
        assert_eq!(p.0.len(), 2);
    }

    #[test]
    fn non_area_geometry_and_bad_input() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"P"},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
        let e = error_of(
            &problems(parse_geojson_str(text, "code", "pts")),
            ProblemKind::InvalidValue,
        );
        assert_names(&e, &["pts", "unit 'P'", "Point"]);
        let e = error_of(
            &problems(parse_geojson_str("{not json", "code", "broken")),
            ProblemKind::Syntax,
        );
        assert_names(&e, &["broken"]);
        let e = error_of(
            &problems(parse_geojson_str(" ", "code", "blank")),
            ProblemKind::EmptyFile,
        );
        assert_names(&e, &["blank"]);
        let s = Scratch::new("geo-missing");
        let e = error_of(
            &problems(read_geojson(s.path("none.geojson"), "code")),
            ProblemKind::MissingFile,
        );
        assert_names(&e, &["none.geojson"]);
    }
}
