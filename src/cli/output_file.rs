//! `--output` files are written whole or not at all: each goes to a
//! temporary file beside it and replaces the target only when the run has
//! written every report. A run that stops on an error (bad input, a file
//! that cannot be written) leaves no half-written report, and no report
//! from this run beside the one that failed, for CI to upload as if the
//! check had completed. A device or pipe (`/dev/null`) is written in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use modelgate::error::{Error, ErrorKind, Result};

/// A report being written to `path`; dropped without `commit`, it leaves
/// `path` as it was.
pub struct OutputFile {
    path: PathBuf,
    writer: Writer,
}

enum Writer {
    /// A regular file (or a new one): a temporary file renamed onto `target`
    /// (the file a symlink points at, so the link stays).
    Replace { temp: std::io::BufWriter<tempfile::NamedTempFile>, target: PathBuf },
    /// A device or a pipe (`/dev/null`, `/dev/stdout`, `<(...)`): written in
    /// place, since renaming onto it would replace the device itself.
    InPlace(std::io::BufWriter<std::fs::File>),
}

fn cannot_write(path: &Path, e: std::io::Error) -> Error {
    // tempfile names its random temporary path in the message: the target
    // is the one to name, and the same failure gives the same words.
    let reason = e.to_string();
    let reason = reason.split(" at path \"").next().unwrap_or(&reason);
    Error::new(ErrorKind::Io, format!("{}: cannot write: {reason}", path.display()))
}

impl OutputFile {
    pub fn create(path: &Path) -> Result<OutputFile> {
        let existing = std::fs::metadata(path).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| cannot_write(path, e))?;
            return Ok(OutputFile { path: path.to_path_buf(), writer: Writer::InPlace(std::io::BufWriter::new(file)) });
        }
        let target = match existing {
            Some(_) => std::fs::canonicalize(path).map_err(|e| cannot_write(path, e))?,
            None => path.to_path_buf(),
        };
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut builder = tempfile::Builder::new();
        builder.prefix(".modelgate-report-");
        // A report is an ordinary file for others to read (tempfile's
        // default is owner-only).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let temp = builder.tempfile_in(dir).map_err(|e| cannot_write(path, e))?;
        Ok(OutputFile {
            path: path.to_path_buf(),
            writer: Writer::Replace { temp: std::io::BufWriter::new(temp), target },
        })
    }

    /// Replaces the target with what was written.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        match self.writer {
            Writer::Replace { temp, target } => {
                let temp = temp.into_inner().map_err(|e| cannot_write(&path, e.into_error()))?;
                temp.persist(&target).map_err(|e| cannot_write(&path, e.error))?;
            }
            Writer::InPlace(mut file) => file.flush().map_err(|e| cannot_write(&path, e))?,
        }
        Ok(())
    }

    /// Writes `text`; a failure names the target.
    pub fn write_text(&mut self, text: &str) -> Result<()> {
        self.write_all(text.as_bytes()).map_err(|e| cannot_write(&self.path, e))
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.writer {
            Writer::Replace { temp, .. } => temp.write(buf),
            Writer::InPlace(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.writer {
            Writer::Replace { temp, .. } => temp.flush(),
            Writer::InPlace(file) => file.flush(),
        }
    }
}

/// Writes every `(path, text)`, replacing no target unless all were written.
pub fn write_all_or_none(reports: &[(&Path, String)]) -> Result<()> {
    let mut files = Vec::with_capacity(reports.len());
    for (path, text) in reports {
        let mut file = OutputFile::create(path)?;
        file.write_text(text)?;
        files.push(file);
    }
    files.into_iter().try_for_each(OutputFile::commit)
}
