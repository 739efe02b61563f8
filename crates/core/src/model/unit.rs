use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What kind of place a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A prefecture-level division (地级行政区).
    Prefecture,
    /// A city (as an exemplar, e.g. Seoul).
    City,
    /// A province or province-level municipality.
    Province,
    /// A country.
    Country,
    /// Anything else (the kind of an imported unit that says nothing).
    #[default]
    Other,
}

impl UnitKind {
    /// Parses `prefecture`, `city`, `province`, `country`, `other` (case-insensitive).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "prefecture" => Some(Self::Prefecture),
            "city" => Some(Self::City),
            "province" => Some(Self::Province),
            "country" => Some(Self::Country),
            "other" | "" => Some(Self::Other),
            _ => None,
        }
    }
    /// The kind as written in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prefecture => "prefecture",
            Self::City => "city",
            Self::Province => "province",
            Self::Country => "country",
            Self::Other => "other",
        }
    }
}

/// A unit of analysis: a prefecture, a benchmark city, a province, a country.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    /// Unique code (the 6-digit admin code for Chinese divisions, e.g. `230100`).
    pub code: String,
    /// English name.
    pub name_en: String,
    /// Chinese name (may be empty).
    pub name_zh: String,
    /// What kind of place.
    pub kind: UnitKind,
    /// Whether planners compare others against this unit (the six exemplars).
    pub benchmark: bool,
    /// Grouping variables: column name → group label (e.g. `group` → `coal`, `region` → `R03`).
    pub groups: BTreeMap<String, String>,
}

impl Unit {
    /// The label of this unit in grouping `name`, if it has one.
    #[must_use]
    pub fn group(&self, name: &str) -> Option<&str> {
        self.groups.get(name).map(String::as_str)
    }
    /// The name in the requested language, falling back to English, then the code.
    #[must_use]
    pub fn name(&self, lang: crate::Lang) -> &str {
        let n = match lang {
            crate::Lang::Zh if !self.name_zh.is_empty() => &self.name_zh,
            _ => &self.name_en,
        };
        if n.is_empty() { &self.code } else { n }
    }
}
