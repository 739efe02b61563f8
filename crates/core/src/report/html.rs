//! The report pages: self-contained HTML (inline style, no script) linking the chart files by
//! relative paths.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::inputs::Charts;
use super::text::{T, group_label};
use super::{ChartFile, Ctx, UnitRow};
use crate::benchmark::latest_value;
use crate::model::Quality;
use crate::{Lang, Source, describe};

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei',\
'PingFang SC',system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#212121;line-height:1.5}\
h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}\
h3{margin-top:1.2em}table{border-collapse:collapse;margin:.6em 0;font-size:.92em}\
th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}\
img{max-width:100%;height:auto;border:1px solid #eee;margin:.5em 0}nav{margin:.6em 0 1.2em}\
nav a{margin-right:1.2em}.muted{color:#666}.note{color:#555;font-size:.92em}\
footer{margin-top:2.5em;border-top:2px solid #ccc;padding-top:.6em;font-size:.88em;color:#444}\
ul.cols{columns:3}";

/// A file name for a code: ASCII letters, digits, `-` and `_` kept, anything else `_`.
pub(crate) fn file_stem(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// HTML-escapes text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn num(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| num(v, decimals))
}

fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "：" } else { ": " }
}

fn quality_text(q: Quality, lang: Lang) -> &'static str {
    match q {
        Quality::Official => T::Official.text(lang),
        Quality::Secondary => T::Secondary.text(lang),
        Quality::Derived => T::Derived.text(lang),
        Quality::Unflagged => T::Unflagged.text(lang),
    }
}

fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

fn document(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        html_lang(lang),
        esc(title)
    )
}

fn img(out: &mut String, prefix: &str, path: &str, alt: &str) {
    let _ = writeln!(
        out,
        "<p><a href=\"{prefix}{p}\"><img src=\"{prefix}{p}\" alt=\"{a}\"></a></p>",
        p = esc(path),
        a = esc(alt)
    );
}

fn report_title(ctx: &Ctx<'_>) -> String {
    let fw = &ctx.res.framework;
    let name = if ctx.lang == Lang::Zh && !fw.name_zh.is_empty() {
        &fw.name_zh
    } else {
        &fw.name_en
    };
    let name = if name.is_empty() { &fw.code } else { name };
    match ctx.lang {
        Lang::Zh => format!("{name}{}", T::ReportTitle.text(ctx.lang)),
        Lang::En => format!("{name}: {}", T::ReportTitle.text(ctx.lang)).to_string(),
    }
}

fn years_text(ctx: &Ctx<'_>) -> String {
    describe::years(&ctx.res.settings.years, ctx.lang)
}

/// The method in one line, for chart footers.
pub(crate) fn method_line(ctx: &Ctx<'_>) -> String {
    let lang = ctx.lang;
    let s = &ctx.res.settings;
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let inds: Vec<&str> = ctx
        .index_indicators()
        .into_iter()
        .map(|k| ctx.res.framework.nodes()[k].code.as_str())
        .collect();
    let c = colon(lang);
    [
        format!(
            "{}{c}{}",
            T::Normalisation.text(lang),
            describe::normaliser(&s.normaliser, lang)
        ),
        format!(
            "{}{c}{}",
            T::Weighting.text(lang),
            describe::weighting(s.weighting, lang)
        ),
        format!(
            "{}{c}{}",
            T::Aggregation.text(lang),
            describe::aggregator(&s.aggregator, lang)
        ),
        years_text(ctx),
        format!("{}{c}{}", T::RestsOn.text(lang), inds.join(", ")),
    ]
    .join(sep)
}

/// The method section of a page footer: settings summary and what the index rests on.
fn method_section(ctx: &Ctx<'_>, out: &mut String) {
    let lang = ctx.lang;
    let s = &ctx.res.settings;
    let fw = &ctx.res.framework;
    let _ = writeln!(out, "<h2>{}</h2>\n<table>", T::Method.text(lang));
    let rows = [
        (T::Units.text(lang), describe::units(&s.units, lang)),
        (T::Years.text(lang), years_text(ctx)),
        (T::Imputation.text(lang), describe::imputation(&s.imputation, lang)),
        (T::Normalisation.text(lang), {
            let (norm, panel) = (
                describe::normaliser(&s.normaliser, lang),
                describe::panel(s.panel, lang),
            );
            if lang == Lang::Zh {
                format!("{norm}（{panel}）")
            } else {
                format!("{norm} ({panel})")
            }
        }),
        (T::Weighting.text(lang), describe::weighting(s.weighting, lang)),
        (T::Aggregation.text(lang), describe::aggregator(&s.aggregator, lang)),
        (
            T::MinIndicatorShare.text(lang),
            format!("{} %", num(s.min_indicator_share * 100.0, 0)),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(&v));
    }
    let _ = writeln!(out, "</table>\n<h3>{}</h3>\n<table>", T::RestsOn.text(lang));
    let _ = writeln!(
        out,
        "<tr><th>{}</th><th>{}</th><th class=\"n\">{} (%)</th></tr>",
        T::Indicator.text(lang),
        T::Dimension.text(lang),
        T::WeightInIndex.text(lang)
    );
    for k in ctx.index_indicators() {
        let dim = fw.parent(k).map_or(String::new(), |p| ctx.node_name(p).to_string());
        let _ = writeln!(
            out,
            "<tr><td>{} <span class=\"muted\">{}</span></td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(ctx.node_name(k)),
            esc(&fw.nodes()[k].code),
            esc(&dim),
            num(100.0 * ctx.res.effective_weights[k], 1)
        );
    }
    let _ = writeln!(out, "</table>");
    let left_out: Vec<String> = fw
        .indicators()
        .filter(|&k| ctx.res.treated.get(k).is_none_or(|c| !c.any_present()))
        .map(|k| format!("{} ({})", ctx.node_name(k), fw.nodes()[k].code))
        .collect();
    if !left_out.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} ({})</summary><p class=\"note\">{}</p></details>",
            T::LeftOut.text(lang),
            left_out.len(),
            esc(&left_out.join(", "))
        );
    }
}

/// The sources section: each id resolved to its citation, publisher, year and address.
fn sources_section(ctx: &Ctx<'_>, ids: &BTreeSet<String>, out: &mut String) {
    let lang = ctx.lang;
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", T::Sources.text(lang));
    for id in ids {
        let Some(s) = ctx.ds.sources().iter().find(|s| &s.id == id) else {
            let _ = writeln!(out, "<li><code>{}</code></li>", esc(id));
            continue;
        };
        let _ = writeln!(out, "<li>{}</li>", source_item(s));
    }
    let _ = writeln!(out, "</ul>\n<p class=\"note\">{}</p>", T::SecondaryFootnote.text(lang));
}

fn source_item(s: &Source) -> String {
    let mut item = format!("<code>{}</code> {}", esc(&s.id), esc(&s.citation));
    if !s.publisher.is_empty() && !s.citation.contains(&s.publisher) {
        let _ = write!(item, ". {}", esc(&s.publisher));
    }
    if let Some(y) = s.year {
        let _ = write!(item, ", {y}");
    }
    if !s.url.is_empty() {
        let _ = write!(item, ". <a href=\"{u}\">{u}</a>", u = esc(&s.url));
    }
    if !s.repository.is_empty() {
        let _ = write!(item, " ({} {} {})", esc(&s.repository), esc(&s.path), esc(&s.commit));
    }
    if !s.notes.is_empty() {
        let _ = write!(item, " <span class=\"muted\">— {}</span>", esc(&s.notes));
    }
    item
}

fn footer(ctx: &Ctx<'_>, ids: &BTreeSet<String>, out: &mut String) {
    out.push_str("<footer>\n");
    method_section(ctx, out);
    sources_section(ctx, ids, out);
    let _ = writeln!(
        out,
        "<p class=\"muted\">{} {}</p>\n</footer>",
        T::Generated.text(ctx.lang),
        env!("CARGO_PKG_VERSION")
    );
}

fn nav(ctx: &Ctx<'_>, prefix: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "<nav><a href=\"{prefix}index.html\">{}</a><a href=\"{prefix}overview.html\">{}</a></nav>",
        T::BackToIndex.text(ctx.lang),
        T::Overview.text(ctx.lang)
    );
}

fn rank_interval_text(ctx: &Ctx<'_>, code: &str) -> Option<String> {
    let ua = ctx.opts.uncertainty.as_ref()?;
    let u = ua.node(&ua.index_code)?.units.iter().find(|u| u.unit_code == code)?;
    let r = u.rank?;
    Some(format!(
        "{} {} · 5–95 %: {}–{}",
        T::RankMedian.text(ctx.lang),
        num(r.median, 1),
        num(r.q05, 1),
        num(r.q95, 1)
    ))
}

fn unit_group(ctx: &Ctx<'_>, pos: usize) -> String {
    ctx.gaps
        .grouping
        .as_deref()
        .and_then(|g| ctx.ds.units()[pos].group(g))
        .map(|l| group_label(l, ctx.lang))
        .unwrap_or_default()
}

/// A profile page: score, rank, dimension profile, diagnosis, data coverage, method, sources.
pub(crate) fn profile(ctx: &Ctx<'_>, u: &UnitRow, charts: &Charts) -> String {
    let lang = ctx.lang;
    let fw = &ctx.res.framework;
    let unit = &ctx.ds.units()[u.pos];
    let name = unit.name(lang);
    let other = match lang {
        Lang::Zh => &unit.name_en,
        Lang::En => &unit.name_zh,
    };
    let c = colon(lang);
    let mut b = String::new();
    nav(ctx, "../", &mut b);
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"muted\">{} · {} · {}</p>",
        esc(name),
        esc(other),
        esc(&unit.code),
        esc(&unit_group(ctx, u.pos))
    );
    let mut ids: BTreeSet<String> = ctx.source_ids(&ctx.index_sources).into_iter().collect();

    // score and rank
    let n = ctx.units.iter().filter(|x| x.score.is_some()).count();
    let _ = writeln!(b, "<h2>{}</h2>\n<table>", esc(ctx.node_name(ctx.root)));
    let _ = writeln!(
        b,
        "<tr><th>{}</th><td class=\"n\">{}</td></tr>",
        T::Score.text(lang),
        opt(u.score, 2)
    );
    let _ = writeln!(
        b,
        "<tr><th>{}</th><td class=\"n\">{}</td></tr>",
        T::Rank.text(lang),
        u.rank.map_or_else(|| "–".to_string(), |r| format!("{r} / {n}"))
    );
    let interval = rank_interval_text(ctx, &u.code).unwrap_or_else(|| T::UncertaintyNotRun.text(lang).to_string());
    let _ = writeln!(
        b,
        "<tr><th>{}</th><td>{}</td></tr>\n</table>",
        T::RankInterval.text(lang),
        esc(&interval)
    );

    // dimension profile
    let _ = writeln!(b, "<h2>{}</h2>", T::DimensionProfile.text(lang));
    if let Some(p) = charts.radar.get(&u.code) {
        img(&mut b, "../", p, T::DimensionProfile.text(lang));
    }
    let diag = ctx.gaps.diagnoses.iter().find(|d| d.unit == u.code);
    let _ = writeln!(
        b,
        "<table><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
        T::Dimension.text(lang),
        T::Score.text(lang),
        T::Rank.text(lang),
        T::ProvinceAverage.text(lang),
        T::GapToLeader.text(lang)
    );
    for &d in std::iter::once(&ctx.root).chain(&ctx.dims) {
        let code = &fw.nodes()[d].code;
        let v: Vec<f64> = ctx.units.iter().filter_map(|x| ctx.res.score(d, x.row)).collect();
        let avg = (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let rank = ctx.res.rank(d, u.row);
        let gap = diag
            .and_then(|g| g.gap_to_leader.iter().find(|(c, _)| c == code))
            .map(|g| g.1);
        let score = ctx
            .res
            .score(d, u.row)
            .map_or_else(|| T::NoData.text(lang).to_string(), |s| num(s, 2));
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(ctx.node_name(d)),
            esc(&score),
            rank.map_or_else(|| "–".into(), |r| r.to_string()),
            opt(avg, 2),
            opt(gap, 2)
        );
    }
    let _ = writeln!(b, "</table>\n<p class=\"note\">{}</p>", T::RadarNote.text(lang));

    // benchmarks on goalposts
    let _ = writeln!(b, "<h2>{}</h2>", T::BenchmarkDimensions.text(lang));
    if let Some(p) = charts.radar_goalposts.get(&u.code) {
        img(&mut b, "../", p, T::RadarGoalpostsTitle.text(lang));
    }
    let comps = ctx.comparisons.get(&u.code).map_or(&[][..], Vec::as_slice);
    let rows: Vec<(&str, &crate::benchmark::DimensionGap)> = comps
        .iter()
        .flat_map(|c| {
            c.dimensions
                .iter()
                .filter(|d| d.gap.is_some())
                .map(move |d| (c.benchmark.as_str(), d))
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", T::NoBenchmarkComparison.text(lang));
    } else {
        benchmark_table(ctx, &rows, false, &mut b);
        for cmp in comps
            .iter()
            .filter(|cmp| cmp.dimensions.iter().any(|d| d.gap.is_some()))
        {
            ids.extend(cmp.sources.iter().cloned());
        }
        let _ = writeln!(b, "<p class=\"note\">{}</p>", T::GoalpostsNote.text(lang));
    }

    // diagnosis
    let ind_row = |code: &str, v: String| {
        format!(
            "<tr><td>{}</td><td class=\"n\">{v}</td></tr>",
            esc(&ctx.node_name_of(code))
        )
    };
    for (title, list) in [
        (T::Strengths, diag.map(|d| d.strengths.as_slice()).unwrap_or_default()),
        (T::Weaknesses, diag.map(|d| d.weaknesses.as_slice()).unwrap_or_default()),
    ] {
        let _ = writeln!(
            b,
            "<h2>{}</h2>\n<table><tr><th>{}</th><th class=\"n\">{}</th></tr>",
            title.text(lang),
            T::Indicator.text(lang),
            T::RankAmongUnits.text(lang)
        );
        for (code, r) in list {
            let _ = writeln!(b, "{}", ind_row(code, r.to_string()));
        }
        let _ = writeln!(b, "</table>");
    }
    let _ = writeln!(b, "<h2>{}</h2>", T::Obstacles.text(lang));
    match diag.filter(|d| !d.obstacles.is_empty()) {
        Some(d) => {
            let _ = writeln!(
                b,
                "<table><tr><th>{}</th><th class=\"n\">{}</th></tr>",
                T::Indicator.text(lang),
                T::ObstacleDegree.text(lang)
            );
            for (code, pct) in d.obstacles.iter().take(5) {
                let _ = writeln!(b, "{}", ind_row(code, num(*pct, 1)));
            }
            let _ = writeln!(
                b,
                "</table>\n<h3>{}</h3>\n<table><tr><th>{}</th><th class=\"n\">{}</th></tr>",
                T::DimensionObstacles.text(lang),
                T::Dimension.text(lang),
                T::ObstacleDegree.text(lang)
            );
            for (code, pct) in &d.dimension_obstacles {
                let _ = writeln!(b, "{}", ind_row(code, num(*pct, 1)));
            }
            let _ = writeln!(b, "</table>");
        }
        None => {
            let _ = writeln!(b, "<p class=\"note\">{}</p>", T::NoObstacle.text(lang));
        }
    }

    // data coverage
    let _ = writeln!(b, "<h2>{}</h2>", T::DataCoverage.text(lang));
    let _ = writeln!(
        b,
        "<table><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
        T::Dimension.text(lang),
        T::Official.text(lang),
        T::Secondary.text(lang),
        T::Derived.text(lang),
        T::PresentOf.text(lang),
        T::Missing.text(lang)
    );
    for row in crate::coverage::coverage(ctx.ds)
        .iter()
        .filter(|r| r.unit == u.code && r.year.is_none())
    {
        let k = row.counts;
        let missing: Vec<String> = row.missing.iter().map(|m| ctx.node_name_of(m)).collect();
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} / {}</td><td class=\"note\">{}</td></tr>",
            esc(&if row.dimension == "context" && fw.position("context").is_none() {
                T::Context.text(lang).to_string()
            } else {
                ctx.node_name_of(&row.dimension)
            }),
            k.official,
            k.secondary,
            k.derived,
            k.present(),
            k.present() + k.missing,
            esc(&missing.join(", "))
        );
    }
    let _ = writeln!(b, "</table>");
    let _ = writeln!(
        b,
        "<table><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        T::Indicator.text(lang),
        T::Value.text(lang),
        T::Year.text(lang),
        T::Quality.text(lang),
        T::Source.text(lang),
        T::UsedInIndex.text(lang)
    );
    let used: BTreeSet<usize> = ctx
        .index_indicators()
        .into_iter()
        .filter(|&k| ctx.used_cell(k, u.row).is_some())
        .collect();
    let ds_fw = ctx.ds.framework();
    for k in ds_fw.measured() {
        let Some((cell, year)) = latest_value(ctx.ds, u.pos, k, None) else {
            continue;
        };
        let node = &ds_fw.nodes()[k];
        let src = ctx
            .ds
            .sources()
            .get(cell.source as usize)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        ids.insert(src.clone());
        let in_index = fw.position(&node.code).is_some_and(|p| used.contains(&p));
        let mark = if cell.quality == Quality::Secondary { "†" } else { "" };
        let _ = writeln!(
            b,
            "<tr><td>{} <span class=\"muted\">{}</span></td><td class=\"n\">{}{mark} <span class=\"muted\">{}</span></td><td class=\"n\">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(node.name(lang)),
            esc(&node.code),
            num(cell.value, 4).trim_end_matches('0').trim_end_matches('.'),
            esc(&node.unit),
            year.map_or_else(|| "–".into(), |y| y.to_string()),
            quality_text(cell.quality, lang),
            esc(&src),
            if in_index { T::Yes.text(lang) } else { T::No.text(lang) }
        );
    }
    let _ = writeln!(b, "</table>\n<p class=\"note\">{}</p>", T::SecondaryFootnote.text(lang));
    ids.retain(|s| !s.is_empty());
    footer(ctx, &ids, &mut b);
    let title = format!("{name}{c}{}", T::Profile.text(lang));
    document(lang, &title, &b)
}

fn benchmark_table(ctx: &Ctx<'_>, rows: &[(&str, &crate::benchmark::DimensionGap)], with_unit: bool, b: &mut String) {
    let lang = ctx.lang;
    let first = if with_unit {
        format!("{} – {}", T::Unit.text(lang), T::Benchmark.text(lang))
    } else {
        T::Benchmark.text(lang).to_string()
    };
    let _ = writeln!(
        b,
        "<table><tr><th>{first}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
        T::Dimension.text(lang),
        T::UnitScore.text(lang),
        T::BenchmarkScore.text(lang),
        T::GapPoints.text(lang),
        T::SharedIndicators.text(lang)
    );
    for (label, d) in rows {
        let shared: Vec<String> = d.shared.iter().map(|s| ctx.node_name_of(s)).collect();
        let dagger = if d.n_secondary > 0 { " †" } else { "" };
        let label = if with_unit {
            (*label).to_string()
        } else {
            ctx.unit_name_of(label)
        };
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}{dagger}</td></tr>",
            esc(&label),
            esc(&ctx.node_name_of(&d.dimension)),
            opt(d.unit_score, 2),
            opt(d.bench_score, 2),
            opt(d.gap, 2),
            esc(&shared.join(", "))
        );
    }
    b.push_str("</table>\n");
}

/// The rows of the inequality table: label and value getter.
type MeasureRow = (&'static str, fn(&crate::analysis::NodeInequality) -> Option<f64>, usize);

const MEASURES: [MeasureRow; 15] = [
    ("n", |m| Some(m.n as f64), 0),
    ("mean", |m| Some(m.mean), 2),
    ("min", |m| Some(m.min), 2),
    ("max", |m| Some(m.max), 2),
    ("range", |m| Some(m.range), 2),
    ("max / min", |m| m.max_min_ratio, 2),
    ("SD", |m| Some(m.sd), 2),
    ("CV", |m| m.cv_sample, 3),
    ("Gini", |m| m.gini, 4),
    ("Theil T", |m| m.theil_t, 4),
    ("Theil L", |m| m.theil_l, 4),
    ("GE(2)", |m| m.ge2, 4),
    ("Atkinson (ε = 0.5)", |m| m.atkinson_05, 4),
    ("Gini (population-weighted)", |m| m.gini_pop, 4),
    ("Theil T (population-weighted)", |m| m.theil_t_pop, 4),
];

fn measure_label(label: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return label;
    }
    match label {
        "n" => "地区数",
        "mean" => "均值",
        "min" => "最小值",
        "max" => "最大值",
        "range" => "极差",
        "max / min" => "最大值 / 最小值",
        "SD" => "标准差",
        "CV" => "变异系数",
        "Gini" => "基尼系数",
        "Theil T" => "泰尔T指数",
        "Theil L" => "泰尔L指数",
        "GE(2)" => "广义熵 GE(2)",
        "Atkinson (ε = 0.5)" => "阿特金森指数（ε = 0.5）",
        "Gini (population-weighted)" => "基尼系数（人口加权）",
        "Theil T (population-weighted)" => "泰尔T指数（人口加权）",
        other => other,
    }
}

/// The province overview: map, ranking, gap measures, decompositions, benchmarks, coverage.
pub(crate) fn overview(ctx: &Ctx<'_>, charts: &Charts, skipped: &[String]) -> String {
    let lang = ctx.lang;
    let fw = &ctx.res.framework;
    let mut b = String::new();
    let mut ids: BTreeSet<String> = ctx.source_ids(&ctx.index_sources).into_iter().collect();
    nav(ctx, "", &mut b);
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"muted\">{} · {}</p>",
        esc(&report_title(ctx)),
        T::Overview.text(lang),
        esc(&years_text(ctx))
    );

    let _ = writeln!(b, "<h2>{}</h2>", T::Map.text(lang));
    match &charts.map {
        Some(p) => img(&mut b, "", p, T::Map.text(lang)),
        None => {
            let _ = writeln!(b, "<p class=\"note\">{}</p>", T::NoData.text(lang));
        }
    }

    // ranking
    let _ = writeln!(b, "<h2>{}</h2>", T::Ranking.text(lang));
    if let Some(p) = &charts.ranking {
        img(&mut b, "", p, T::Ranking.text(lang));
    }
    let _ = write!(
        b,
        "<table><tr><th class=\"n\">{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th>",
        T::Rank.text(lang),
        T::Unit.text(lang),
        T::Group.text(lang),
        T::Score.text(lang),
        T::RankInterval.text(lang)
    );
    for &d in &ctx.dims {
        let _ = write!(b, "<th class=\"n\">{}</th>", esc(ctx.node_name(d)));
    }
    b.push_str("</tr>\n");
    let mut order: Vec<&UnitRow> = ctx.units.iter().collect();
    order.sort_by(|a, b| {
        a.rank
            .unwrap_or(u32::MAX)
            .cmp(&b.rank.unwrap_or(u32::MAX))
            .then_with(|| a.code.cmp(&b.code))
    });
    for u in order {
        let _ = write!(
            b,
            "<tr><td class=\"n\">{}</td><td><a href=\"profiles/{}.html\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td>{}</td>",
            u.rank.map_or_else(|| "–".into(), |r| r.to_string()),
            file_stem(&u.code),
            esc(ctx.unit_name(u.pos)),
            esc(&unit_group(ctx, u.pos)),
            opt(u.score, 2),
            esc(&rank_interval_text(ctx, &u.code).unwrap_or_else(|| "–".into()))
        );
        for &d in &ctx.dims {
            let _ = write!(b, "<td class=\"n\">{}</td>", opt(ctx.res.score(d, u.row), 1));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</table>\n");
    if ctx.opts.uncertainty.is_none() {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", T::UncertaintyNotRun.text(lang));
    }

    // gap measures
    let _ = writeln!(b, "<h2>{}</h2>", T::GapMeasures.text(lang));
    let _ = write!(b, "<table><tr><th>{}</th>", T::Measure.text(lang));
    for m in &ctx.gaps.inequality {
        let _ = write!(b, "<th class=\"n\">{}</th>", esc(&ctx.node_name_of(&m.node)));
    }
    b.push_str("</tr>\n");
    for (label, get, decimals) in MEASURES {
        let _ = write!(b, "<tr><th>{}</th>", esc(measure_label(label, lang)));
        for m in &ctx.gaps.inequality {
            let _ = write!(b, "<td class=\"n\">{}</td>", opt(get(m), decimals));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</table>\n");
    if let Some(p) = &charts.lorenz {
        let _ = writeln!(b, "<h3>{}</h3>", T::Lorenz.text(lang));
        img(&mut b, "", p, T::Lorenz.text(lang));
    }
    if let Some(sp) = &ctx.gaps.spatial {
        let _ = writeln!(
            b,
            "<h3>{}</h3>\n<table><tr><th>{}</th><th>{}</th><th>{}</th></tr><tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></table>",
            T::Spatial.text(lang),
            T::MoranI.text(lang),
            T::Expected.text(lang),
            T::PValue.text(lang),
            num(sp.moran.i, 4),
            num(sp.moran.expected, 4),
            opt(sp.moran.permutation.as_ref().map(|p| p.p_value), 3)
        );
    }

    // decomposition
    let _ = writeln!(b, "<h2>{}</h2>", T::Decomposition.text(lang));
    if let Some(p) = &charts.theil {
        img(&mut b, "", p, "Theil");
    }
    if !ctx.gaps.theil.is_empty() {
        let _ = writeln!(
            b,
            "<table><tr><th>{}</th><th class=\"n\">Theil T</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
            T::Node.text(lang),
            T::Within.text(lang),
            T::Between.text(lang),
            T::BetweenShare.text(lang)
        );
        for (node, d) in &ctx.gaps.theil {
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&ctx.node_name_of(node)),
                num(d.total, 4),
                num(d.within, 4),
                num(d.between, 4),
                d.between_share
                    .map_or_else(|| "–".into(), |s| format!("{:.1} %", 100.0 * s))
            );
        }
        b.push_str("</table>\n");
        let root_code = &fw.nodes()[ctx.root].code;
        if let Some((_, d)) = ctx.gaps.theil.iter().find(|(n, _)| n == root_code) {
            let _ = writeln!(
                b,
                "<table><tr><th>{}</th><th class=\"n\">n</th><th class=\"n\">{}</th><th class=\"n\">Theil T</th></tr>",
                T::Group.text(lang),
                measure_label("mean", lang)
            );
            for g in &d.groups {
                let _ = writeln!(
                    b,
                    "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    esc(&group_label(&g.label, lang)),
                    g.n,
                    num(g.mean, 2),
                    num(g.theil, 4)
                );
            }
            b.push_str("</table>\n");
        }
    }
    if let Some(p) = &charts.dagum {
        img(&mut b, "", p, "Dagum");
    }
    if !ctx.gaps.dagum.is_empty() {
        let _ = writeln!(
            b,
            "<table><tr><th>{}</th><th class=\"n\">Gini</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>",
            T::Node.text(lang),
            T::Within.text(lang),
            T::Between.text(lang),
            T::Transvariation.text(lang)
        );
        let share = |v: f64, s: Option<f64>| {
            format!(
                "{} ({})",
                num(v, 4),
                s.map_or_else(|| "–".into(), |s| format!("{:.1} %", 100.0 * s))
            )
        };
        for (node, d) in &ctx.gaps.dagum {
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&ctx.node_name_of(node)),
                num(d.gini, 4),
                share(d.within, d.within_share),
                share(d.net_between, d.net_between_share),
                share(d.transvariation, d.transvariation_share)
            );
        }
        b.push_str("</table>\n");
    }

    if let Some(p) = &charts.heatmap {
        let _ = writeln!(b, "<h2>{}</h2>", T::Heatmap.text(lang));
        img(&mut b, "", p, T::Heatmap.text(lang));
    }

    // benchmarks
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<h3>{}</h3>",
        T::Benchmarks.text(lang),
        T::BenchmarkTrends.text(lang)
    );
    for (_, p) in &charts.trends {
        img(&mut b, "", p, T::BenchmarkTrends.text(lang));
    }
    let trend_inds: Vec<usize> = ctx
        .opts
        .trend_indicators
        .iter()
        .filter_map(|c| ctx.ds.framework().position(c))
        .collect();
    if !trend_inds.is_empty() {
        let _ = write!(b, "<table><tr><th>{}</th>", T::Unit.text(lang));
        for &k in &trend_inds {
            let _ = write!(
                b,
                "<th class=\"n\">{} ({})</th>",
                esc(ctx.ds.framework().nodes()[k].name(lang)),
                T::Latest.text(lang)
            );
        }
        b.push_str("</tr>\n");
        for code in &ctx.opts.trend_units {
            let Some(p) = ctx.ds.unit_position(code) else { continue };
            let _ = write!(b, "<tr><td>{}</td>", esc(ctx.unit_name(p)));
            for &k in &trend_inds {
                match latest_value(ctx.ds, p, k, None) {
                    Some((c, y)) => {
                        let mark = if c.quality == Quality::Secondary { "†" } else { "" };
                        if let Some(s) = ctx.ds.sources().get(c.source as usize) {
                            ids.insert(s.id.clone());
                        }
                        let _ = write!(
                            b,
                            "<td class=\"n\">{}{mark} ({})</td>",
                            num(c.value, 4),
                            y.map_or_else(|| "–".into(), |y| y.to_string())
                        );
                    }
                    None => {
                        let _ = write!(b, "<td class=\"n\">{}</td>", T::NoData.text(lang));
                    }
                }
            }
            b.push_str("</tr>\n");
        }
        b.push_str("</table>\n");
        // the sources behind the trend lines
        for code in &ctx.opts.trend_indicators {
            if let Some((_, s)) = super::inputs::trends(ctx, code) {
                ids.extend(ctx.source_ids(&s));
            }
        }
    }
    let _ = writeln!(b, "<h3>{}</h3>", T::BenchmarkDimensions.text(lang));
    let rows: Vec<(String, &crate::benchmark::DimensionGap)> = ctx
        .comparisons
        .values()
        .flatten()
        .flat_map(|c| c.dimensions.iter().filter(|d| d.gap.is_some()).map(move |d| (c, d)))
        .map(|(c, d)| {
            (
                format!("{} – {}", ctx.unit_name_of(&c.unit), ctx.unit_name_of(&c.benchmark)),
                d,
            )
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", T::NoBenchmarkComparison.text(lang));
    } else {
        let refs: Vec<(&str, &crate::benchmark::DimensionGap)> = rows.iter().map(|(l, d)| (l.as_str(), *d)).collect();
        benchmark_table(ctx, &refs, true, &mut b);
        for c in ctx
            .comparisons
            .values()
            .flatten()
            .filter(|c| c.dimensions.iter().any(|d| d.gap.is_some()))
        {
            ids.extend(c.sources.iter().cloned());
        }
        let _ = writeln!(b, "<p class=\"note\">{}</p>", T::GoalpostsNote.text(lang));
    }

    // uncertainty and densities
    let _ = writeln!(b, "<h2>{}</h2>", T::Uncertainty.text(lang));
    match (&charts.rank_intervals, &ctx.opts.uncertainty) {
        (Some(p), Some(ua)) => {
            let _ = writeln!(
                b,
                "<p>{}{}{} reps, seed {}.</p>",
                T::UncertaintyRun.text(lang),
                colon(lang),
                ua.reps,
                ua.seed
            );
            img(&mut b, "", p, T::Uncertainty.text(lang));
            b.push_str("<table>");
            for (label, spread) in [
                ("Gini", ua.gini),
                ("Theil T", ua.theil),
                (T::BetweenShare.text(lang), ua.theil_between_share),
            ] {
                if let Some(s) = spread {
                    let _ = writeln!(
                        b,
                        "<tr><th>{}</th><td class=\"n\">{} · 5–95 %: {}–{}</td></tr>",
                        esc(measure_label(label, lang)),
                        opt(s.nominal, 4),
                        num(s.q05, 4),
                        num(s.q95, 4)
                    );
                }
            }
            b.push_str("</table>\n");
        }
        _ => {
            let _ = writeln!(b, "<p class=\"note\">{}</p>", T::UncertaintyNotRun.text(lang));
        }
    }
    let _ = writeln!(b, "<h2>{}</h2>", T::Densities.text(lang));
    match &charts.densities {
        Some(p) => img(&mut b, "", p, T::Densities.text(lang)),
        None => {
            let _ = writeln!(b, "<p class=\"note\">{}</p>", T::DensitiesOneYear.text(lang));
        }
    }

    // coverage
    let _ = writeln!(b, "<h2>{}</h2>", T::Coverage.text(lang));
    if let Some(p) = &charts.coverage {
        img(&mut b, "", p, T::Coverage.text(lang));
    }

    // notes
    let notes: Vec<&String> = ctx.gaps.notes.iter().chain(&ctx.res.notes).chain(skipped).collect();
    if !notes.is_empty() {
        let _ = writeln!(
            b,
            "<h2>{}</h2>\n<details><summary>{} ({})</summary><ul>",
            T::Notes.text(lang),
            T::Notes.text(lang),
            notes.len()
        );
        for n in notes {
            let _ = writeln!(b, "<li class=\"note\">{}</li>", esc(n));
        }
        b.push_str("</ul></details>\n");
    }
    ids.retain(|s| !s.is_empty());
    footer(ctx, &ids, &mut b);
    document(
        lang,
        &format!("{}{}{}", report_title(ctx), colon(lang), T::Overview.text(lang)),
        &b,
    )
}

/// `index.html`: links to the overview, every profile and every chart.
pub(crate) fn index(ctx: &Ctx<'_>, profiles: &[String], charts: &[ChartFile]) -> String {
    let lang = ctx.lang;
    let mut b = String::new();
    let title = report_title(ctx);
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"muted\">{}</p>",
        esc(&title),
        esc(&years_text(ctx))
    );
    let _ = writeln!(b, "<h2><a href=\"overview.html\">{}</a></h2>", T::Overview.text(lang));
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<table><tr><th class=\"n\">{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr>",
        T::Profiles.text(lang),
        T::Rank.text(lang),
        T::Unit.text(lang),
        T::Group.text(lang),
        T::Score.text(lang)
    );
    for (u, path) in ctx.units.iter().zip(profiles) {
        let _ = writeln!(
            b,
            "<tr><td class=\"n\">{}</td><td><a href=\"{}\">{}</a> <span class=\"muted\">{}</span></td><td>{}</td><td class=\"n\">{}</td></tr>",
            u.rank.map_or_else(|| "–".into(), |r| r.to_string()),
            esc(path),
            esc(ctx.unit_name(u.pos)),
            esc(&u.code),
            esc(&unit_group(ctx, u.pos)),
            opt(u.score, 2)
        );
    }
    b.push_str("</table>\n");
    let _ = writeln!(b, "<h2>{}</h2>\n<ul class=\"cols\">", T::Files.text(lang));
    for c in charts {
        let _ = writeln!(b, "<li><a href=\"{p}\">{p}</a></li>", p = esc(&c.path));
    }
    b.push_str("</ul>\n");
    let _ = writeln!(
        b,
        "<footer><p>{}{}{}</p><p class=\"muted\">{} {}</p></footer>",
        T::Method.text(lang),
        colon(lang),
        esc(&method_line(ctx)),
        T::Generated.text(lang),
        env!("CARGO_PKG_VERSION")
    );
    document(lang, &title, &b)
}
