//! How far a run is: stages report to a [`Progress`] the caller draws, or
//! to [`Silent`].

/// Where a run reports how far it is: the caller draws it (or not).
pub trait Progress: Sync {
    /// A stage begins; `total` is `None` when it is not known ahead.
    fn begin(&self, stage: &str, total: Option<u64>);
    /// A stage counted in bytes begins.
    fn begin_bytes(&self, stage: &str, total: u64) {
        self.begin(stage, Some(total));
    }
    fn advance(&self, by: u64);
    fn end(&self);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
}
