//! Errors and validation problems.
//!
//! Loading a dataset collects **every** problem it finds ([`Problem`]), each naming where it is (file,
//! row, column, unit code, indicator code) and what would fix it; computations return [`Error`].

use std::fmt;

/// Where a problem sits. Every field is optional; those that are known are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// File the problem was found in.
    pub file: Option<String>,
    /// 1-based line number in the file, counting the header as line 1 (so the first data row is 2).
    pub row: Option<usize>,
    /// Column (header name) the problem is in.
    pub column: Option<String>,
    /// Unit code concerned.
    pub unit: Option<String>,
    /// Indicator or framework-node code concerned.
    pub indicator: Option<String>,
}

impl Location {
    /// A location in a file.
    #[must_use]
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: Some(file.into()),
            ..Self::default()
        }
    }
    /// The same location at a 1-based line number.
    #[must_use]
    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }
    /// The same location in a column.
    #[must_use]
    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
    /// The same location for a unit code.
    #[must_use]
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }
    /// The same location for an indicator code.
    #[must_use]
    pub fn indicator(mut self, indicator: impl Into<String>) -> Self {
        self.indicator = Some(indicator.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column '{column}'"));
        }
        if let Some(unit) = &self.unit {
            parts.push(format!("unit '{unit}'"));
        }
        if let Some(indicator) = &self.indicator {
            parts.push(format!("indicator '{indicator}'"));
        }
        if parts.is_empty() {
            f.write_str("(dataset)")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The dataset cannot be used until this is fixed.
    Error,
    /// The dataset loads, but a result may not mean what a reader expects.
    Warning,
}

/// The kind of a validation problem: a stable code for tests, tools and translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required file does not exist or cannot be read.
    MissingFile,
    /// A required column is absent from a file's header.
    MissingColumn,
    /// The file has no data rows (or no bytes at all).
    EmptyFile,
    /// A file could not be parsed (CSV, TOML, XLSX or GeoJSON syntax).
    Syntax,
    /// A cell that must be a number is not.
    NotANumber,
    /// A cell holds NaN or an infinite number.
    NonFinite,
    /// The same (unit, year, indicator) appears twice.
    DuplicateValue,
    /// A value names a unit that is not in the units table.
    UnknownUnit,
    /// A value names an indicator that is not in the framework.
    UnknownIndicator,
    /// An indicator has no parent node, so it is not part of the index.
    IndicatorWithoutParent,
    /// A node names a parent that does not exist.
    UnknownParent,
    /// The hierarchy has a cycle.
    Cycle,
    /// An aggregate node has no children.
    EmptyAggregate,
    /// A weight is negative, not finite, or all weights of a group are zero.
    BadWeight,
    /// A direction is not +1 or -1.
    BadDirection,
    /// Goalposts have low >= high.
    BadGoalposts,
    /// A denominator names something that is not an indicator.
    BadDenominator,
    /// A denominator value is zero or missing where the numerator is present.
    DenominatorValue,
    /// A value names a source id that is not in the sources table.
    UnknownSource,
    /// A quality flag is not one of official / secondary / derived.
    BadQuality,
    /// A unit code appears twice in the units table.
    DuplicateUnit,
    /// A node code appears twice in the framework.
    DuplicateNode,
    /// A year is not an integer.
    BadYear,
    /// An indicator has the same value for every unit (warning: it cannot discriminate; min-max and
    /// z-score are undefined for it and it is left out of those normalisations).
    ZeroVariance,
    /// A unit has no value at all (warning: it gets no score).
    UnitWithoutData,
    /// A value is not valid for a reason not listed above.
    InvalidValue,
}

/// One problem found while loading or validating a dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine-readable code.
    pub kind: ProblemKind,
    /// Where it is.
    pub location: Location,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What would fix it, in a sentence.
    pub fix: String,
}

impl Problem {
    /// A new error.
    #[must_use]
    pub fn error(kind: ProblemKind, location: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            kind,
            location,
            message: message.into(),
            fix: fix.into(),
        }
    }
    /// A new warning.
    #[must_use]
    pub fn warning(kind: ProblemKind, location: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            kind,
            location,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let code = serde_plain_kind(self.kind);
        write!(f, "{sev}[{code}] {}: {}", self.location, self.message)?;
        if !self.fix.is_empty() {
            write!(f, " Fix: {}", self.fix)?;
        }
        Ok(())
    }
}

fn serde_plain_kind(kind: ProblemKind) -> String {
    format!("{kind:?}")
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            if c.is_ascii_uppercase() && i > 0 {
                vec!['_', c.to_ascii_lowercase()]
            } else {
                vec![c.to_ascii_lowercase()]
            }
        })
        .collect()
}

/// A list of problems, at least one of them an error.
#[derive(Debug, Clone, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity == Severity::Error)
    }
    /// Whether any problem of this kind is present.
    #[must_use]
    pub fn has(&self, kind: ProblemKind) -> bool {
        self.0.iter().any(|p| p.kind == kind)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors().count();
        writeln!(f, "{n} error(s), {} warning(s):", self.0.len() - n)?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Errors of govgap's computations and I/O.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The dataset did not validate; every problem is listed.
    #[error("the dataset is not valid:\n{0}")]
    Invalid(Problems),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The table layer (polars) failed.
    #[error("table error in {context}: {source}")]
    Table {
        /// What was being done.
        context: String,
        /// polars' own error.
        #[source]
        source: polars::error::PolarsError,
    },
    /// Settings that cannot be applied (unknown code, out-of-range parameter ...).
    #[error("invalid settings: {0}")]
    Settings(String),
    /// Not enough data for the computation (one unit, all missing, zero variance ...).
    #[error("not enough data: {0}")]
    Degenerate(String),
    /// Input that the method does not accept (a zero in a geometric mean under the `Error` policy ...).
    #[error("invalid input: {0}")]
    Domain(String),
    /// Drawing a chart failed.
    #[error("chart error: {0}")]
    Chart(String),
    /// The computation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
}

/// Result alias for govgap.
pub type Result<T, E = Error> = std::result::Result<T, E>;
