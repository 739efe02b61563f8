//! Report building (in progress).
