//! Results as polars DataFrames (the table layer researchers use).

use polars::prelude::{Column, DataFrame};

use super::Results;
use crate::model::NodeRole;
use crate::{Error, Result};

/// Which nodes a results table has columns for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeSelection {
    /// Aggregates only (dimensions, sub-indices, the index), in framework order.
    #[default]
    Aggregates,
    /// Indicators and aggregates, in framework order.
    All,
}

fn table_err(e: polars::error::PolarsError) -> Error {
    Error::Table {
        context: "building a results table".into(),
        source: e,
    }
}

impl Results {
    fn node_list(&self, sel: NodeSelection) -> Vec<usize> {
        (0..self.framework.nodes().len())
            .filter(|&k| match self.framework.nodes()[k].role {
                NodeRole::Aggregate => true,
                NodeRole::Indicator => sel == NodeSelection::All,
                NodeRole::Context => false,
            })
            .collect()
    }

    fn key_columns(&self) -> Vec<Column> {
        let mut cols = vec![Column::new("unit".into(), self.unit_codes.as_slice())];
        if self.rows.iter().any(|o| o.year.is_some()) {
            let years: Vec<Option<i32>> = self.rows.iter().map(|o| o.year).collect();
            cols.push(Column::new("year".into(), years));
        }
        cols
    }

    /// Scores: `unit`, `year` (if the data has years), then one column per node code (missing =
    /// null). Indicators carry their normalised values.
    ///
    /// # Errors
    /// [`Error::Table`] if polars rejects the columns (not expected).
    pub fn scores_frame(&self, sel: NodeSelection) -> Result<DataFrame> {
        let mut cols = self.key_columns();
        for k in self.node_list(sel) {
            cols.push(Column::new(
                self.framework.nodes()[k].code.as_str().into(),
                self.scores[k].to_options(),
            ));
        }
        DataFrame::new(self.rows.len(), cols).map_err(table_err)
    }

    /// Ranks, same shape as [`Results::scores_frame`] (1 = best within the year).
    ///
    /// # Errors
    /// [`Error::Table`] if polars rejects the columns (not expected).
    pub fn ranks_frame(&self, sel: NodeSelection) -> Result<DataFrame> {
        let mut cols = self.key_columns();
        for k in self.node_list(sel) {
            cols.push(Column::new(
                self.framework.nodes()[k].code.as_str().into(),
                self.ranks(k),
            ));
        }
        DataFrame::new(self.rows.len(), cols).map_err(table_err)
    }

    /// Weights: node code, parent, level, weight within parent, effective weight in the index.
    ///
    /// # Errors
    /// [`Error::Table`] if polars rejects the columns (not expected).
    pub fn weights_frame(&self) -> Result<DataFrame> {
        let fw = &self.framework;
        let ks: Vec<usize> = (0..fw.nodes().len())
            .filter(|&k| fw.nodes()[k].role != NodeRole::Context)
            .collect();
        let code: Vec<&str> = ks.iter().map(|&k| fw.nodes()[k].code.as_str()).collect();
        let parent: Vec<Option<&str>> = ks.iter().map(|&k| fw.nodes()[k].parent.as_deref()).collect();
        let level: Vec<u32> = ks.iter().map(|&k| u32::from(fw.level(k))).collect();
        let w: Vec<f64> = ks.iter().map(|&k| self.weights[k]).collect();
        let ew: Vec<f64> = ks.iter().map(|&k| self.effective_weights[k]).collect();
        DataFrame::new(
            ks.len(),
            vec![
                Column::new("code".into(), code),
                Column::new("parent".into(), parent),
                Column::new("level".into(), level),
                Column::new("weight".into(), w),
                Column::new("effective_weight".into(), ew),
            ],
        )
        .map_err(table_err)
    }
}
