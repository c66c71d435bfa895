//! Progress bars with counts and time left, drawn on standard error when
//! it is a terminal and not at all when it is not (a pipe, CI). They use
//! no colour, so `NO_COLOR` needs nothing of them.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

/// One bar at a time, one per stage of a corpus run.
#[derive(Debug, Default)]
pub struct Bars {
    current: Mutex<Option<ProgressBar>>,
}

impl Bars {
    fn start(&self, stage: &str, total: Option<u64>, template: &str) {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.set_message(stage.to_owned());
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }
}

impl parallax_corpus::Progress for Bars {
    fn begin(&self, stage: &str, total: Option<u64>) {
        let template = if total.is_some() {
            "{msg:<26} {wide_bar} {human_pos}/{human_len} ({eta} left)"
        } else {
            "{msg:<26} {spinner} {human_pos} ({per_sec})"
        };
        self.start(stage, total, template);
    }

    fn begin_bytes(&self, stage: &str, total: u64) {
        self.start(
            stage,
            Some(total),
            "{msg:<26} {wide_bar} {binary_bytes}/{binary_total_bytes} ({eta} left)",
        );
    }

    fn advance(&self, by: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(by);
        }
    }

    fn end(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}
