//! govgap-app: the desktop dashboard (egui/eframe) and the command line, a thin shell over `govgap`.
//!
//! The app never computes an index or a gap measure itself: it calls the core crate.

pub mod cli;
pub mod dashboard;
pub mod shipped;
