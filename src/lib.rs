//! motif finds the themes that keep coming back in inspections of English
//! councils' children's services, and counts them per council and year.
//!
//! The library is laid out in the order data flows (see `ARCHITECTURE.md`):
//! [`corpus`] reads files into [`corpus::Document`]s, [`text`] splits a
//! body into [`text::Sentence`]s, [`councils`] decides which council each
//! sentence is about, [`themes`] finds [`themes::Mention`]s with polarity,
//! [`index`] keeps everything in Tantivy, [`counts`] aggregates mentions into
//! [`counts::CountRow`]s and [`report`] writes them for people and
//! spreadsheets. [`pipeline`] is the one place that calls them all.

pub mod corpus;
pub mod councils;
pub mod counts;
pub mod error;
pub mod gen;
pub mod index;
pub mod judgements;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod text;
pub mod themes;

pub use error::{Error, Result};
