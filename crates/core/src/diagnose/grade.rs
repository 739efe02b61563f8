//! The ten coordination grades of the coupling coordination degree.

use crate::Lang;

/// Grade of a coupling coordination degree `D`, in bands of 0.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoordinationGrade {
    /// 0 ≤ D ≤ 0.1, 极度失调.
    ExtremeImbalance,
    /// 0.1 < D ≤ 0.2, 严重失调.
    SeriousImbalance,
    /// 0.2 < D ≤ 0.3, 中度失调.
    ModerateImbalance,
    /// 0.3 < D ≤ 0.4, 轻度失调.
    MildImbalance,
    /// 0.4 < D ≤ 0.5, 濒临失调.
    VergeOfImbalance,
    /// 0.5 < D ≤ 0.6, 勉强协调.
    BarelyCoordinated,
    /// 0.6 < D ≤ 0.7, 初级协调.
    PrimaryCoordination,
    /// 0.7 < D ≤ 0.8, 中级协调.
    IntermediateCoordination,
    /// 0.8 < D ≤ 0.9, 良好协调.
    GoodCoordination,
    /// 0.9 < D ≤ 1, 优质协调.
    QualityCoordination,
}

impl CoordinationGrade {
    /// All grades, lowest first.
    pub const ALL: [Self; 10] = [
        Self::ExtremeImbalance,
        Self::SeriousImbalance,
        Self::ModerateImbalance,
        Self::MildImbalance,
        Self::VergeOfImbalance,
        Self::BarelyCoordinated,
        Self::PrimaryCoordination,
        Self::IntermediateCoordination,
        Self::GoodCoordination,
        Self::QualityCoordination,
    ];

    /// The grade of a coordination degree `D` (values below 0 or above 1 fall in the end bands).
    ///
    /// ```text
    /// grade = #{ t ∈ {0.1, 0.2, …, 0.9} : D > t }      (bands (0.1k, 0.1(k+1)], the first closed at 0)
    /// ```
    ///
    /// Reference: the ten-band scale of the Chinese coupling literature, e.g. 田深圳 et al. (2021),
    /// 《地理学报》 76(4), Table 1 (0 < D ≤ 0.1 极度失调 … 0.9 < D ≤ 1 优质协调).
    ///
    /// # Example
    /// ```
    /// use govgap::diagnose::CoordinationGrade;
    /// assert_eq!(CoordinationGrade::from_degree(0.3), CoordinationGrade::ModerateImbalance);
    /// assert_eq!(CoordinationGrade::from_degree(0.95), CoordinationGrade::QualityCoordination);
    /// ```
    #[must_use]
    pub fn from_degree(d: f64) -> Self {
        const T: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
        Self::ALL[T.iter().filter(|&&t| d > t).count()]
    }

    /// The band `(low, high]` of the grade.
    #[must_use]
    pub fn band(self) -> (f64, f64) {
        let k = Self::ALL.iter().position(|&g| g == self).unwrap_or(0) as f64;
        (k / 10.0, (k + 1.0) / 10.0)
    }

    /// The grade's name.
    ///
    /// # Example
    /// ```
    /// use govgap::{diagnose::CoordinationGrade, Lang};
    /// assert_eq!(CoordinationGrade::BarelyCoordinated.label(Lang::Zh), "勉强协调");
    /// ```
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Self::ExtremeImbalance => ("extreme imbalance", "极度失调"),
            Self::SeriousImbalance => ("serious imbalance", "严重失调"),
            Self::ModerateImbalance => ("moderate imbalance", "中度失调"),
            Self::MildImbalance => ("mild imbalance", "轻度失调"),
            Self::VergeOfImbalance => ("on the verge of imbalance", "濒临失调"),
            Self::BarelyCoordinated => ("barely coordinated", "勉强协调"),
            Self::PrimaryCoordination => ("primary coordination", "初级协调"),
            Self::IntermediateCoordination => ("intermediate coordination", "中级协调"),
            Self::GoodCoordination => ("good coordination", "良好协调"),
            Self::QualityCoordination => ("quality coordination", "优质协调"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
