//! Measuring parallax against data nobody on the project wrote.
//!
//! ```
//! use parallax_eval::extraction::{PageScore, Summary};
//!
//! let gold = "The port reopened on Saturday after a strike ended with a pay deal.";
//! let exact = PageScore::compare(gold, gold);
//! let half = PageScore::compare(gold, "The port reopened on Saturday after a strike. Share this story on social media now please");
//! let summary = Summary::of(&[exact, half]);
//! assert_eq!(summary.pages, 2);
//! assert!(summary.precision < 1.0 && summary.recall < 1.0);
//! ```
//!
//! - [`extraction`]: the article-extraction-benchmark's metric (word 4-gram
//!   shingles, per-page normalised counts, means over pages) and its data
//!   layout (`html/<key>.html.gz`, `ground-truth.json`).
//!
//! This crate only scores; producing the predictions (running parallax on
//! the pages) is the caller's.

pub mod extraction;
