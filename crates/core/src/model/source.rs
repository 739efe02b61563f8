use serde::{Deserialize, Serialize};

/// How a value came to us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// From the publishing body's own table or report.
    Official,
    /// A faithful copy reported by a third party (shown with a marker).
    Secondary,
    /// Computed by the project from other values (the source row names the formula).
    Derived,
    /// Imported from a file format that carries no quality flag (COINr iData, the bench tables).
    #[default]
    Unflagged,
}

impl Quality {
    /// Parses a flag as written in `values.csv` (`official`, `secondary`, `derived`).
    ///
    /// `unflagged` is not accepted here: it is only given by importers of formats without flags.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "official" => Some(Self::Official),
            "secondary" => Some(Self::Secondary),
            "derived" => Some(Self::Derived),
            _ => None,
        }
    }
    /// The flag as written in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Official => "official",
            Self::Secondary => "secondary",
            Self::Derived => "derived",
            Self::Unflagged => "unflagged",
        }
    }
}

/// A citation that value rows point to by id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// Short stable id used in `values.csv` (`census2020`, `egdi2024` ...).
    pub id: String,
    /// Full citation: author or body, title, year.
    pub citation: String,
    /// Publisher or body.
    pub publisher: String,
    /// Year of publication.
    pub year: Option<i32>,
    /// Web address of the original.
    pub url: String,
    /// For material taken from a repository: `owner/name`, path and commit.
    pub repository: String,
    /// Path inside the repository.
    pub path: String,
    /// Commit hash.
    pub commit: String,
    /// Licence (SPDX id or words).
    pub licence: String,
    /// Notes: caveats, the formula of derived values.
    pub notes: String,
}
