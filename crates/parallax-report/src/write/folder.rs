//! A folder of outputs built beside its target and swapped in whole, so a
//! reader finds either the previous outputs or the new ones, never a mix,
//! never a page cut short, never a stale page of an earlier run.

use super::pending::Registration;
use super::{WriteError, beside_reason, folder_of, resolve};
use std::path::{Path, PathBuf};

/// Which paths of an output folder (relative to it) are outputs the tool
/// writes there: only a folder holding nothing else is replaced.
pub type Ours = dyn Fn(&Path) -> bool + Sync;

/// A folder of outputs being built; [`StagedFolder::commit`] puts it in
/// place of the target, and dropping it removes it.
#[derive(Debug)]
pub struct StagedFolder {
    shown: String,
    target: PathBuf,
    building: Option<tempfile::TempDir>,
    _registration: Registration,
}

impl StagedFolder {
    /// Starts building the folder `path` in a hidden folder beside it. A
    /// path that exists must be a folder holding only what `ours` accepts
    /// (or nothing): anything else would be lost when the new folder takes
    /// its place, so it is refused before any work is done.
    pub fn begin(path: &Path, ours: &Ours) -> Result<Self, WriteError> {
        let shown = path.display().to_string();
        let fail = |reason: String| WriteError {
            path: shown.clone(),
            reason,
        };
        let target = resolve(path);
        check_replaceable(&target, ours).map_err(fail)?;
        let name = target
            .file_name()
            .map_or_else(|| "output".into(), |name| name.to_string_lossy());
        let building = tempfile::Builder::new()
            .prefix(&format!(".{name}.partial-"))
            .tempdir_in(folder_of(&target))
            .map_err(|error| fail(beside_reason(&error)))?;
        // A temporary folder is private (0700); the outputs are not.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode =
                std::fs::metadata(&target).map_or(0o755, |metadata| metadata.permissions().mode());
            std::fs::set_permissions(building.path(), std::fs::Permissions::from_mode(mode))
                .map_err(|error| fail(error.kind().to_string()))?;
        }
        let registration = Registration::new(building.path().to_path_buf());
        Ok(Self {
            shown,
            target,
            building: Some(building),
            _registration: registration,
        })
    }

    /// Where the outputs are being built.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.building
            .as_ref()
            .map_or(self.target.as_path(), tempfile::TempDir::path)
    }

    /// Writes one output, `relative` to the folder, and flushes it to the
    /// disk, so the swapped-in folder survives a power loss.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), WriteError> {
        let path = self.path().join(relative);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::File::create(&path))
            .and_then(|mut file| {
                std::io::Write::write_all(&mut file, contents)?;
                file.sync_all()
            });
        written.map_err(|error| WriteError {
            path: Path::new(&self.shown).join(relative).display().to_string(),
            reason: error.to_string(),
        })
    }

    /// Puts the folder built in place of the target: the target swapped
    /// for it in one step where the system can (Linux), else moved aside
    /// first and removed after; the previous outputs are removed.
    pub fn commit(mut self, ours: &Ours) -> Result<(), WriteError> {
        let fail = |reason: String| WriteError {
            path: self.shown.clone(),
            reason,
        };
        let Some(building) = self.building.take() else {
            return Ok(());
        };
        sync_folders(building.path()).map_err(|error| fail(error.to_string()))?;
        // Checked again: a file put in the folder while the run went on is
        // not the run's to remove.
        check_replaceable(&self.target, ours).map_err(fail)?;
        let built = building.path().to_path_buf();
        let swapped = match std::fs::rename(&built, &self.target) {
            // There was no folder: the new one is simply in place.
            Ok(()) => {
                // The folder has been moved: nothing is left to remove.
                let _ = building.keep();
                return sync_parent(&self.target).map_err(|error| fail(error.to_string()));
            }
            Err(_) => swap(&built, &self.target),
        };
        swapped.map_err(|error| fail(error.to_string()))?;
        // `building` now holds the previous outputs; dropping it removes
        // them.
        drop(building);
        sync_parent(&self.target).map_err(|error| fail(error.to_string()))
    }
}

/// Why `target` may not be replaced by a folder of outputs, if it may not.
fn check_replaceable(target: &Path, ours: &Ours) -> Result<(), String> {
    match std::fs::symlink_metadata(target) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error.kind().to_string()),
        Ok(metadata) if !metadata.is_dir() => Err("it exists and is not a folder".to_owned()),
        Ok(_) => match foreign_entry(target, Path::new(""), ours) {
            Ok(None) => Ok(()),
            Ok(Some(foreign)) => Err(format!(
                "it holds {}, which parallax did not write; give a new or empty folder",
                foreign.display()
            )),
            Err(error) => Err(error.kind().to_string()),
        },
    }
}

/// The first entry under `folder` (`relative` to the output folder) that
/// `ours` does not accept; a folder is looked into, never through a link.
fn foreign_entry(folder: &Path, relative: &Path, ours: &Ours) -> std::io::Result<Option<PathBuf>> {
    let mut entries = std::fs::read_dir(folder)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = relative.join(entry.file_name());
        if !ours(&path) {
            return Ok(Some(path));
        }
        if entry.file_type()?.is_dir()
            && let Some(foreign) = foreign_entry(&entry.path(), &path, ours)?
        {
            return Ok(Some(foreign));
        }
    }
    Ok(None)
}

/// Exchanges two folders in one step.
#[cfg(target_os = "linux")]
fn swap(built: &Path, target: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, built, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // A file system that cannot exchange: two renames.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => swap_by_moving(built, target),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(built: &Path, target: &Path) -> std::io::Result<()> {
    swap_by_moving(built, target)
}

/// The previous folder moved aside, the new one moved in, and the previous
/// one moved to where the new one was built (so it is removed with it).
/// A moment passes with no folder at the target, but none with half of one.
fn swap_by_moving(built: &Path, target: &Path) -> std::io::Result<()> {
    let mut aside = built.as_os_str().to_owned();
    aside.push(".previous");
    let aside = PathBuf::from(aside);
    std::fs::rename(target, &aside)?;
    if let Err(error) = std::fs::rename(built, target) {
        // Put back what was there.
        std::fs::rename(&aside, target)?;
        return Err(error);
    }
    std::fs::rename(&aside, built)
}

/// Flushes a folder's entries (and its folders', recursively) to the disk.
fn sync_folders(folder: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_folders(&entry.path())?;
        }
    }
    sync_folder(folder)
}

/// Flushes the folder that holds `path`, so a rename in it is on the disk.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    sync_folder(&folder_of(path))
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

/// Elsewhere a folder cannot be opened to be flushed; its files were.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(path: &Path) -> bool {
        let text = path.to_string_lossy();
        text == "index.html" || text == "pages" || text.starts_with("pages/pair-")
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Issue 19: a second run into a folder left stale pages of the first;
    /// the folder built is swapped in whole.
    #[test]
    fn a_folder_is_replaced_whole() {
        let work = tempfile::tempdir().unwrap();
        let target = work.path().join("out");
        let first = StagedFolder::begin(&target, &ours).unwrap();
        first.write(Path::new("index.html"), b"first").unwrap();
        first
            .write(Path::new("pages/pair-9.html"), b"old page")
            .unwrap();
        first.commit(&ours).unwrap();
        assert_eq!(names(&target), ["index.html", "pages"]);

        let second = StagedFolder::begin(&target, &ours).unwrap();
        second.write(Path::new("index.html"), b"second").unwrap();
        second
            .write(Path::new("pages/pair-0.html"), b"page")
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "first",
            "nothing changes before the commit"
        );
        second.commit(&ours).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "second"
        );
        assert_eq!(names(&target.join("pages")), ["pair-0.html"]);
        assert_eq!(names(work.path()), ["out"], "nothing is left beside it");
    }

    #[test]
    fn a_failed_run_leaves_the_previous_folder() {
        let work = tempfile::tempdir().unwrap();
        let target = work.path().join("out");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "previous").unwrap();
        let staged = StagedFolder::begin(&target, &ours).unwrap();
        staged.write(Path::new("index.html"), b"half").unwrap();
        drop(staged);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
        assert_eq!(names(work.path()), ["out"]);
    }

    #[test]
    fn a_folder_with_files_of_its_own_is_not_replaced() {
        let work = tempfile::tempdir().unwrap();
        let target = work.path().join("out");
        std::fs::create_dir_all(target.join("pages")).unwrap();
        std::fs::write(target.join("pages/notes.txt"), "mine").unwrap();
        let error = StagedFolder::begin(&target, &ours).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: cannot write: it holds pages/notes.txt, which parallax did not write; give a \
                 new or empty folder",
                target.display()
            )
        );
        let file = work.path().join("file");
        std::fs::write(&file, "").unwrap();
        let error = StagedFolder::begin(&file, &ours).unwrap_err();
        assert_eq!(error.reason, "it exists and is not a folder");
    }

    #[test]
    fn moving_aside_swaps_as_the_exchange_does() {
        let work = tempfile::tempdir().unwrap();
        let (built, target) = (work.path().join("built"), work.path().join("target"));
        std::fs::create_dir(&built).unwrap();
        std::fs::write(built.join("index.html"), "new").unwrap();
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("index.html"), "old").unwrap();
        swap_by_moving(&built, &target).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(built.join("index.html")).unwrap(),
            "old"
        );
    }
}
