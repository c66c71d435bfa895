//! Temporary files and folders in flight, so that an interrupted run can
//! remove them: a signal handler calls [`remove_temporary`] before the
//! process exits, and nothing it prepared is left beside the outputs.

use std::path::PathBuf;
use std::sync::Mutex;

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary path in [`PENDING`] while this lives.
#[derive(Debug)]
pub(crate) struct Registration(PathBuf);

impl Registration {
    pub(crate) fn new(path: PathBuf) -> Self {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.clone());
        }
        Self(path)
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock()
            && let Some(position) = pending.iter().position(|path| *path == self.0)
        {
            pending.swap_remove(position);
        }
    }
}

/// Removes every temporary file and folder outputs are being prepared in.
/// For a signal handler: the outputs themselves stay as they were (the
/// previous ones, or none), since nothing is renamed into place here.
pub fn remove_temporary() {
    // The handler runs on a thread of its own, so waiting for a thread
    // that holds the list for a moment is safe.
    let pending = PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for path in pending.iter() {
        let removed = match std::fs::symlink_metadata(path) {
            Ok(metadata) if metadata.is_dir() => std::fs::remove_dir_all(path),
            Ok(_) => std::fs::remove_file(path),
            Err(_) => Ok(()),
        };
        // Nothing is left to do with a path that cannot be removed: the
        // process is ending.
        drop(removed);
    }
}
