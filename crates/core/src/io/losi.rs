//! The LOSI (UN Local Online Service Index) instrument and assessments of local government portals.

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::{Column, DataFrame};

use super::table::{self, Table, invalid, label, parse_bool, parse_year, year_problem};
use super::write::write_csv;
use crate::error::{Error, Location, Problem, ProblemKind, Result};

/// One item of the LOSI instrument: a feature an assessor looks for on a city's portal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiItem {
    /// Criterion code (e.g. `IF` for institutional framework).
    pub criterion: String,
    /// Criterion name in English.
    pub criterion_en: String,
    /// Criterion name in Chinese.
    pub criterion_zh: String,
    /// Item code (unique), e.g. `IF01`.
    pub item: String,
    /// The UN toolkit's code of the item (e.g. `#281`), if given.
    pub un_code: String,
    /// Short name in English.
    pub name_en: String,
    /// Short name in Chinese.
    pub name_zh: String,
    /// What the assessor looks for.
    pub look_for: String,
}

/// One assessed item for one unit and year: `unit,year,item,met,evidence_url,assessor,date`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiAssessmentRow {
    /// Unit code.
    pub unit: String,
    /// Year of the assessment.
    pub year: i32,
    /// Item code (see [`LosiItem::item`]).
    pub item: String,
    /// Whether the portal meets the item.
    pub met: bool,
    /// Address of the page that shows it (may be empty when not met).
    pub evidence_url: String,
    /// Who assessed it.
    pub assessor: String,
    /// When it was assessed (`YYYY-MM-DD`, may be empty).
    pub date: String,
}

fn read_text_table(path: &Path, what: &str) -> Result<Table> {
    let mut problems = Vec::new();
    let Some(bytes) = table::read_file(path, what, &mut problems) else {
        return Err(invalid(problems));
    };
    table::read_csv(&bytes, &label(path), None).map_err(invalid)
}

/// The first column present among alternative names.
fn any_of(t: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| t.find(n))
}

/// Reads the LOSI instrument (`data/losi/items.csv`), in file order.
///
/// Columns are found by name (ignoring case): `criterion` (or `criterion_code`), `criterion_en`,
/// `criterion_zh`, `item` (or `item_code`, `code`), `un_code` (or `source_code`), `name_en` (or
/// `short_name_en`, `short_name`, `name`), `name_zh` (or `short_name_zh`), `look_for` (or
/// `what_to_look_for`, `description`). `item` and `name_en` are required; other columns are ignored.
///
/// # Errors
/// [`crate::Error::Invalid`]: a missing file or required column, an empty file, an empty or repeated
/// item code.
pub fn read_losi_items(path: impl AsRef<Path>) -> Result<Vec<LosiItem>> {
    let t = read_text_table(path.as_ref(), "LOSI items")?;
    let mut problems = Vec::new();
    let c_item = any_of(&t, &["item", "item_code", "code"]);
    let c_name = any_of(&t, &["name_en", "short_name_en", "short_name", "name"]);
    for (c, name) in [(c_item, "item"), (c_name, "name_en")] {
        if c.is_none() {
            t.require(&[name], &mut problems);
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let c_crit = any_of(&t, &["criterion", "criterion_code"]);
    let c_crit_en = any_of(&t, &["criterion_en", "criterion_name_en", "criterion_name"]);
    let c_crit_zh = any_of(&t, &["criterion_zh", "criterion_name_zh"]);
    let c_name_zh = any_of(&t, &["name_zh", "short_name_zh"]);
    let c_look = any_of(
        &t,
        &["look_for", "what_to_look_for", "description", "description_paraphrase"],
    );
    let c_un = any_of(&t, &["un_code", "source_code"]);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(t.height());
    for r in 0..t.height() {
        let s = |c: Option<usize>| t.cell(c, r).unwrap_or_default().to_string();
        let item = s(c_item);
        if item.is_empty() {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                t.at(r, c_item.unwrap_or_default()),
                "the item code is empty",
                "give every item a unique code",
            ));
            continue;
        }
        if let Some(first) = seen.insert(item.clone(), t.line(r)) {
            problems.push(Problem::error(
                ProblemKind::DuplicateValue,
                t.at(r, c_item.unwrap_or_default()).indicator(&item),
                format!("item code '{item}' appears twice (first at row {first})"),
                "give every item a unique code (e.g. add a suffix to the second)",
            ));
            continue;
        }
        out.push(LosiItem {
            criterion: s(c_crit),
            criterion_en: s(c_crit_en),
            criterion_zh: s(c_crit_zh),
            name_en: s(c_name),
            name_zh: s(c_name_zh),
            look_for: s(c_look),
            un_code: s(c_un),
            item,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(invalid(problems))
    }
}

/// Whether a date is written `YYYY-MM-DD`.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// Reads LOSI assessment results: `unit,year,item,met,evidence_url,assessor,date`, sorted by unit,
/// year and item. `met` is `1`/`0`, `true`/`false` or `yes`/`no`.
///
/// # Errors
/// [`crate::Error::Invalid`]: a missing file or column, an empty file, an empty unit or item, a year
/// that is not a whole number, a `met` that is not yes or no, a date not written `YYYY-MM-DD`, a
/// (unit, year, item) assessed twice.
pub fn read_losi_assessment(path: impl AsRef<Path>) -> Result<Vec<LosiAssessmentRow>> {
    const REQUIRED: [&str; 4] = ["unit", "year", "item", "met"];
    let path = path.as_ref();
    let mut problems = Vec::new();
    let Some(bytes) = table::read_file(path, "LOSI assessment", &mut problems) else {
        return Err(invalid(problems));
    };
    // A header without rows is an assessment not yet started: no rows, not an error.
    let body = table::strip_bom(&bytes);
    let blank = |l: &[u8]| l.iter().all(u8::is_ascii_whitespace);
    if !blank(body) && body.split(|&b| b == b'\n').skip(1).all(blank) {
        let names = table::header_fields(body);
        for name in REQUIRED {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                problems.push(Problem::error(
                    ProblemKind::MissingColumn,
                    Location::file(label(path)).column(name),
                    format!("the header has no column '{name}' (it has: {})", names.join(", ")),
                    format!("add a column named '{name}' to the header row"),
                ));
            }
        }
        return if problems.is_empty() {
            Ok(Vec::new())
        } else {
            Err(invalid(problems))
        };
    }
    let t = table::read_csv(&bytes, &label(path), None).map_err(invalid)?;
    if !t.require(&REQUIRED, &mut problems) {
        return Err(invalid(problems));
    }
    let col = |n: &str| t.find(n);
    let (c_unit, c_year, c_item, c_met) = (col("unit"), col("year"), col("item"), col("met"));
    let (c_url, c_who, c_date) = (col("evidence_url"), col("assessor"), col("date"));
    let mut seen: HashMap<(String, i32, String), usize> = HashMap::new();
    let mut out = Vec::with_capacity(t.height());
    for r in 0..t.height() {
        let s = |c: Option<usize>| t.cell(c, r).unwrap_or_default().to_string();
        let (unit, item) = (s(c_unit), s(c_item));
        let at = |c: Option<usize>| t.at(r, c.unwrap_or_default()).unit(&unit).indicator(&item);
        let mut ok = true;
        for (c, v, what) in [(c_unit, &unit, "unit"), (c_item, &item, "item")] {
            if v.is_empty() {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    at(c),
                    format!("the {what} code is empty"),
                    format!("fill in the {what} code"),
                ));
                ok = false;
            }
        }
        let year = match t.cell(c_year, r).map(|y| (y, parse_year(y))) {
            Some((_, Some(y))) => y,
            Some((y, None)) => {
                problems.push(year_problem(at(c_year), y));
                ok = false;
                0
            }
            None => {
                problems.push(year_problem(at(c_year), ""));
                ok = false;
                0
            }
        };
        let met_cell = t.cell(c_met, r).unwrap_or_default();
        let met = parse_bool(met_cell).unwrap_or_else(|| {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                at(c_met),
                format!("met '{met_cell}' is not yes or no"),
                "write 1 if the portal meets the item, 0 if it does not",
            ));
            ok = false;
            false
        });
        let date = s(c_date);
        if !date.is_empty() && !is_iso_date(&date) {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                at(c_date),
                format!("date '{date}' is not written YYYY-MM-DD"),
                "write the date of the assessment as e.g. 2025-03-31",
            ));
            ok = false;
        }
        if ok {
            if let Some(first) = seen.insert((unit.clone(), year, item.clone()), t.line(r)) {
                problems.push(Problem::error(
                    ProblemKind::DuplicateValue,
                    at(c_item),
                    format!("item '{item}' of unit '{unit}' in {year} is assessed twice (first at row {first})"),
                    "keep one row per unit, year and item",
                ));
                continue;
            }
            out.push(LosiAssessmentRow {
                evidence_url: s(c_url),
                assessor: s(c_who),
                unit,
                year,
                item,
                met,
                date,
            });
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    out.sort_by(|a, b| (&a.unit, a.year, &a.item).cmp(&(&b.unit, b.year, &b.item)));
    Ok(out)
}

/// Writes LOSI assessment results (`unit,year,item,met,evidence_url,assessor,date`, `met` as 1/0),
/// sorted by unit, year and item, atomically.
///
/// # Errors
/// [`crate::Error::Io`] if the file cannot be written.
pub fn write_losi_assessment(path: impl AsRef<Path>, rows: &[LosiAssessmentRow]) -> Result<()> {
    let path = path.as_ref();
    let mut sorted: Vec<&LosiAssessmentRow> = rows.iter().collect();
    sorted.sort_by(|a, b| (&a.unit, a.year, &a.item).cmp(&(&b.unit, b.year, &b.item)));
    let text = |f: fn(&LosiAssessmentRow) -> String| sorted.iter().map(|r| f(r)).collect::<Vec<String>>();
    let cols = vec![
        Column::new("unit".into(), text(|r| r.unit.clone())),
        Column::new(
            "year".into(),
            sorted.iter().map(|r| i64::from(r.year)).collect::<Vec<i64>>(),
        ),
        Column::new("item".into(), text(|r| r.item.clone())),
        Column::new(
            "met".into(),
            sorted.iter().map(|r| i64::from(r.met)).collect::<Vec<i64>>(),
        ),
        Column::new("evidence_url".into(), text(|r| r.evidence_url.clone())),
        Column::new("assessor".into(), text(|r| r.assessor.clone())),
        Column::new("date".into(), text(|r| r.date.clone())),
    ];
    let mut df = DataFrame::new(sorted.len(), cols).map_err(|source| Error::Table {
        context: format!("building {}", path.display()),
        source,
    })?;
    write_csv(&mut df, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::testutil::{Scratch, assert_names, error_of, problems};

    #[test]
    fn items_by_canonical_names() {
        let s = Scratch::new("losi-items");
        let p = s.write(
            "items.csv",
            "criterion,criterion_en,criterion_zh,item,name_en,name_zh,look_for\nIF,Institutional framework,制度框架,IF01,Official city portal,官方门户,\"A site, with the city's name\"\n",
        );
        let items = read_losi_items(&p).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].criterion_zh, "制度框架");
        assert_eq!(items[0].look_for, "A site, with the city's name");
    }

    #[test]
    fn items_by_other_names_and_problems() {
        let s = Scratch::new("losi-items-alt");
        let p = s.write(
            "items.csv",
            "criterion,source_code,item_code,short_name,description\nIF,#281,IF01,Portal,x\nIF,#215,IF01,Chart,y\n",
        );
        let e = error_of(&problems(read_losi_items(&p)), ProblemKind::DuplicateValue);
        assert_names(&e, &["items.csv", "row 3", "column 'item_code'", "'IF01'", "row 2"]);
        let p = s.write("items2.csv", "criterion,description\nIF,x\n");
        let e = error_of(&problems(read_losi_items(&p)), ProblemKind::MissingColumn);
        assert_names(&e, &["items2.csv", "column 'item'"]);
    }

    #[test]
    fn reads_the_shipped_instrument() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/losi");
        if !dir.join("items.csv").is_file() {
            return;
        }
        let items = read_losi_items(dir.join("items.csv")).unwrap();
        assert_eq!(items.len(), 95);
        assert!(
            items
                .iter()
                .all(|i| !i.name_en.is_empty() && !i.criterion.is_empty() && i.un_code.starts_with('#'))
        );
        if dir.join("assessment.csv").is_file() {
            read_losi_assessment(dir.join("assessment.csv")).unwrap();
        }
    }

    #[test]
    fn header_only_assessment_is_empty() {
        let s = Scratch::new("losi-empty");
        let p = s.path("a.csv");
        write_losi_assessment(&p, &[]).unwrap();
        assert_eq!(read_losi_assessment(&p).unwrap(), Vec::new());
        let p = s.write("b.csv", "unit,year,item\n");
        let e = error_of(&problems(read_losi_assessment(&p)), ProblemKind::MissingColumn);
        assert_names(&e, &["b.csv", "column 'met'"]);
    }

    #[test]
    fn assessment_round_trips_sorted() {
        let s = Scratch::new("losi-assess");
        let rows = vec![
            LosiAssessmentRow {
                unit: "230200".into(),
                year: 2025,
                item: "IF02".into(),
                met: false,
                ..Default::default()
            },
            LosiAssessmentRow {
                unit: "230100".into(),
                year: 2025,
                item: "IF01".into(),
                met: true,
                evidence_url: "https://www.harbin.gov.cn/".into(),
                assessor: "A. B.".into(),
                date: "2025-03-31".into(),
            },
        ];
        let p = s.path("assessment.csv");
        write_losi_assessment(&p, &rows).unwrap();
        let back = read_losi_assessment(&p).unwrap();
        assert_eq!(back, vec![rows[1].clone(), rows[0].clone()]);
    }

    #[test]
    fn assessment_problems() {
        let s = Scratch::new("losi-bad");
        let p = s.write(
            "a.csv",
            "unit,year,item,met,evidence_url,assessor,date\nU1,2025,IF01,maybe,,,\nU1,2025.5,IF02,1,,,\nU1,2025,IF03,1,,,31/03/2025\nU1,2025,IF04,1,,,\nU1,2025,IF04,0,,,\n",
        );
        let p = problems(read_losi_assessment(&p));
        assert_names(
            &error_of(&p, ProblemKind::InvalidValue),
            &["a.csv", "row 2", "column 'met'", "'maybe'"],
        );
        assert_names(
            &error_of(&p, ProblemKind::BadYear),
            &["a.csv", "row 3", "column 'year'"],
        );
        assert!(p.0.iter().any(|q| q.message.contains("31/03/2025")), "{p}");
        assert_names(
            &error_of(&p, ProblemKind::DuplicateValue),
            &["a.csv", "row 6", "unit 'U1'", "indicator 'IF04'"],
        );
        let e = error_of(
            &problems(read_losi_assessment(s.path("none.csv"))),
            ProblemKind::MissingFile,
        );
        assert_names(&e, &["none.csv"]);
    }
}
