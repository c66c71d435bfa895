//! Reading a corpus as a stream: units found in order, parsed on any
//! thread, without holding the corpus in memory.

use crate::read::{escaped_path, read, record_document, stem_of};
use crate::records;
use crate::{IngestError, Input, ManifestEntry, Note};
use parallax_core::{Document, OffsetBase, Source, SourceFormat};

/// Where a document sits in a run: the number of its input (in
/// [`Discovery::inputs`](crate::Discovery::inputs)) and its record's position in that input (0 for a
/// file that is one document). Sorting by place gives the order [`load`](crate::load)
/// reads in.
pub type Place = (u32, u32);

/// What reading a [`Unit`] gives, in reading order.
#[derive(Debug)]
pub enum Streamed {
    Document(Place, Box<Document>),
    Note(Place, Note),
}

/// A piece of input [`stream`] found but has not parsed: one line of a JSON
/// Lines file, or one whole file. [`Unit::read`] parses it and needs
/// nothing else from the stream, so units can be read on other threads
/// while the stream goes on.
#[derive(Debug)]
pub struct Unit {
    place: Place,
    kind: UnitKind,
    /// Bytes of input files read since the unit before.
    read_bytes: u64,
}

/// The bytes of input files `stream` will go through: their sizes on disk.
#[must_use]
pub fn input_size(inputs: &[Input]) -> u64 {
    inputs.iter().map(file_size).sum()
}

/// An input's size on disk; 0 when it cannot be read (reading it will say
/// why).
fn file_size(input: &Input) -> u64 {
    std::fs::metadata(&input.path).map_or(0, |metadata| metadata.len())
}

/// A file that counts the bytes read from it.
struct Counting {
    file: std::fs::File,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl std::io::Read for Counting {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.file.read(buffer)?;
        self.count.set(self.count.get() + read as u64);
        Ok(read)
    }
}

#[derive(Debug)]
enum UnitKind {
    Line {
        bytes: Vec<u8>,
        context: std::sync::Arc<LineContext>,
    },
    File(Box<Input>),
    Read(Vec<Streamed>),
}

/// What every line of one JSON Lines file shares.
#[derive(Debug)]
struct LineContext {
    stem: String,
    path: String,
    path_escaped: Option<String>,
    source: Source,
    manifest: Option<ManifestEntry>,
}

impl Unit {
    #[must_use]
    pub fn place(&self) -> Place {
        self.place
    }

    /// The bytes of input files [`stream`] read since it handed over the
    /// unit before, skipped lines included: summed over the units, about
    /// [`input_size`], for a progress bar.
    #[must_use]
    pub fn read_bytes(&self) -> u64 {
        self.read_bytes
    }

    /// Parses the unit: a line gives one document or one note (a bad
    /// record), a file whatever [`read`] gives.
    pub fn read(self) -> Result<Vec<Streamed>, IngestError> {
        let (number, position) = self.place;
        match self.kind {
            UnitKind::Read(read) => Ok(read),
            UnitKind::File(input) => {
                let loaded = read(&input)?;
                let mut read: Vec<Streamed> = loaded
                    .notes
                    .into_iter()
                    .map(|note| Streamed::Note((number, 0), note))
                    .collect();
                read.extend(loaded.documents.into_iter().map(|document| {
                    Streamed::Document((number, position_of(&document)), Box::new(document))
                }));
                Ok(read)
            }
            UnitKind::Line { bytes, context } => {
                let record = std::str::from_utf8(&bytes)
                    .map_err(|error| {
                        format!(
                            "not UTF-8 (JSON Lines are UTF-8) at byte {}",
                            error.valid_up_to()
                        )
                    })
                    .and_then(|text| records::json_line(text, position as usize));
                Ok(vec![match record {
                    Ok(article) => {
                        let mut document = record_document(
                            &context.stem,
                            &context.path,
                            &article,
                            &context.source,
                        );
                        if let Some(entry) = &context.manifest {
                            entry.apply(&mut document.metadata);
                        }
                        document.path_escaped.clone_from(&context.path_escaped);
                        Streamed::Document(self.place, Box::new(document))
                    }
                    Err(reason) => Streamed::Note(
                        self.place,
                        Note::new(
                            format!("{}:{position}", context.path),
                            format!("record skipped: {reason}"),
                        ),
                    ),
                }])
            }
        }
    }
}

/// A document's position in its input: its record's, or 0 for a file that
/// is one document.
fn position_of(document: &Document) -> u32 {
    document
        .source
        .record
        .map_or(0, |record| u32::try_from(record).unwrap_or(u32::MAX))
}

/// Goes through `inputs` in order without holding a corpus in memory, and
/// hands each unit `take` accepts to `visit`, unparsed (see [`Unit`]). A
/// JSON Lines file (plain or gzip) is read line by line and shared out by
/// line, so several readers can split one file between them; any other
/// input is one unit, shared out whole, at position 0. Ids are as [`read`]
/// gives them; make them unique across the run with [`unique_ids`](crate::unique_ids).
///
/// A JSON Lines file is read as UTF-8, as JSON requires (a line that is
/// not is a bad record), unless it opens with a UTF-16 byte-order mark.
pub fn stream(
    inputs: &[Input],
    take: impl Fn(Place) -> bool,
    mut visit: impl FnMut(Unit),
) -> Result<(), IngestError> {
    for (number, input) in inputs.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        if input.format == SourceFormat::Jsonl {
            stream_json_lines(number, input, &take, &mut visit)?;
        } else if take((number, 0)) {
            visit(Unit {
                place: (number, 0),
                kind: UnitKind::File(Box::new(input.clone())),
                read_bytes: file_size(input),
            });
        }
    }
    Ok(())
}

fn stream_json_lines(
    number: u32,
    input: &Input,
    take: &impl Fn(Place) -> bool,
    visit: &mut impl FnMut(Unit),
) -> Result<(), IngestError> {
    use std::io::BufRead as _;
    let path = input.display.clone();
    let unreadable = |source: std::io::Error| IngestError::Unreadable {
        path: path.clone(),
        source,
    };
    let count = std::rc::Rc::new(std::cell::Cell::new(0_u64));
    let file = Counting {
        file: std::fs::File::open(&input.path).map_err(unreadable)?,
        count: std::rc::Rc::clone(&count),
    };
    let mut handed = 0;
    let mut reader: Box<dyn std::io::BufRead> = if input.gzip {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        )))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, file))
    };
    let start = reader.fill_buf().map_err(unreadable)?;
    if start.starts_with(b"\xff\xfe") || start.starts_with(b"\xfe\xff") {
        // UTF-16 cannot be split into lines as bytes: read it whole.
        drop(reader);
        return stream_whole(number, input, take, visit);
    }
    let byte_order_mark = start.starts_with(b"\xef\xbb\xbf");
    if byte_order_mark {
        reader.consume(3);
    }
    let context = std::sync::Arc::new(LineContext {
        stem: stem_of(&input.path),
        path: path.clone(),
        path_escaped: escaped_path(&input.path),
        source: Source {
            format: input.format,
            encoding: "UTF-8".to_owned(),
            byte_order_mark,
            gzip: input.gzip,
            record: None,
            offsets: OffsetBase::RecordText,
        },
        manifest: input.manifest.clone(),
    });
    let mut bytes = usize::from(byte_order_mark) * 3;
    for position in 1_u32.. {
        let mut line = Vec::new();
        let read = read_line_within(&mut reader, &mut line, input.max_bytes).map_err(|error| {
            if input.gzip {
                IngestError::Gzip {
                    path: path.clone(),
                    reason: error.to_string(),
                }
            } else {
                unreadable(error)
            }
        })?;
        if read == 0 {
            break;
        }
        bytes += read;
        if !take((number, position)) || line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let kept = input.max_bytes.saturating_add(1);
        let too_long = read as u64 > kept || (read as u64 == kept && line.last() != Some(&b'\n'));
        if too_long {
            visit(Unit {
                place: (number, position),
                kind: UnitKind::Read(vec![Streamed::Note(
                    (number, position),
                    Note::new(
                        format!("{path}:{position}"),
                        format!(
                            "record skipped: its line is longer than {}, the most one document may hold (raise it with --max-document-size)",
                            crate::human_size(input.max_bytes)
                        ),
                    ),
                )]),
                read_bytes: count.get() - handed,
            });
            handed = count.get();
            continue;
        }
        visit(Unit {
            place: (number, position),
            kind: UnitKind::Line {
                bytes: line,
                context: std::sync::Arc::clone(&context),
            },
            read_bytes: count.get() - handed,
        });
        handed = count.get();
    }
    if bytes == 0 {
        return Err(IngestError::Empty { path });
    }
    Ok(())
}

/// Reads one line, its newline included, into `line` as `read_until`
/// does, but keeps no more than `max_bytes` of it and one byte more: the
/// rest of a longer line is read past, not held. Gives the bytes the line
/// took in the input, so a line longer than `max_bytes` plus its newline is
/// one for which this is more than `max_bytes + 1`.
fn read_line_within(
    reader: &mut dyn std::io::BufRead,
    line: &mut Vec<u8>,
    max_bytes: u64,
) -> std::io::Result<usize> {
    let keep = usize::try_from(max_bytes.saturating_add(1)).unwrap_or(usize::MAX);
    let mut read = 0;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(read);
        }
        let (taken, done) = match buffer.iter().position(|&byte| byte == b'\n') {
            Some(newline) => (newline + 1, true),
            None => (buffer.len(), false),
        };
        let room = keep.saturating_sub(line.len());
        line.extend_from_slice(&buffer[..taken.min(room)]);
        reader.consume(taken);
        read += taken;
        if done {
            return Ok(read);
        }
    }
}

/// A JSON Lines file that cannot be split by bytes, read whole; its lines
/// are still shared out by position.
fn stream_whole(
    number: u32,
    input: &Input,
    take: &impl Fn(Place) -> bool,
    visit: &mut impl FnMut(Unit),
) -> Result<(), IngestError> {
    let loaded = read(input)?;
    let mut read_bytes = file_size(input);
    for note in loaded.notes {
        let position = note
            .location
            .rsplit(':')
            .next()
            .and_then(|position| position.parse().ok())
            .unwrap_or(0);
        if take((number, position)) {
            visit(Unit {
                place: (number, position),
                kind: UnitKind::Read(vec![Streamed::Note((number, position), note)]),
                read_bytes: std::mem::take(&mut read_bytes),
            });
        }
    }
    for document in loaded.documents {
        let position = position_of(&document);
        if take((number, position)) {
            visit(Unit {
                place: (number, position),
                kind: UnitKind::Read(vec![Streamed::Document(
                    (number, position),
                    Box::new(document),
                )]),
                read_bytes: std::mem::take(&mut read_bytes),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{discover, load};
    use std::path::PathBuf;

    /// Everything `stream` hands over for `paths`, read, with the units'
    /// places.
    fn streamed(paths: &[PathBuf], take: impl Fn(Place) -> bool) -> Vec<(Place, String)> {
        let inputs = discover(paths).unwrap().inputs;
        let mut units = Vec::new();
        stream(&inputs, take, |unit| units.push(unit)).unwrap();
        units
            .into_iter()
            .flat_map(|unit| unit.read().unwrap())
            .map(|streamed| match streamed {
                Streamed::Document(place, document) => (place, format!("document {}", document.id)),
                Streamed::Note(place, note) => (place, format!("note {note}")),
            })
            .collect()
    }

    #[test]
    fn a_line_is_kept_only_up_to_the_limit_and_read_past() {
        let mut reader = std::io::BufReader::with_capacity(4, &b"abc\nabcdefgh\nxy"[..]);
        let mut lines = Vec::new();
        loop {
            let mut line = Vec::new();
            let read = read_line_within(&mut reader, &mut line, 3).unwrap();
            if read == 0 {
                break;
            }
            lines.push((read, String::from_utf8(line).unwrap()));
        }
        // Three bytes and one more are kept; the long line's rest is
        // passed over and the next line read whole.
        assert_eq!(
            lines,
            [
                (4, "abc\n".to_owned()),
                (9, "abcd".to_owned()),
                (2, "xy".to_owned())
            ]
        );
    }

    #[test]
    fn streaming_reads_what_load_reads_and_shares_lines_out() {
        let directory = tempfile::tempdir().unwrap();
        let feed = directory.path().join("feed.jsonl");
        std::fs::write(
            &feed,
            "\u{feff}{\"id\": \"a\", \"text\": \"First story.\"}\n\n{\"text\": 3}\n{\"text\": \"Third line.\", \"outlet\": \"Wire\"}\n",
        )
        .unwrap();
        let page = directory.path().join("page.txt");
        std::fs::write(&page, "A page of its own.").unwrap();
        let paths = [feed.clone(), page];
        let all = streamed(&paths, |_| true);
        let feed_display = feed.display().to_string();
        assert_eq!(
            all,
            [
                ((0, 1), "document a".to_owned()),
                (
                    (0, 3),
                    format!("note {feed_display}:3: record skipped: \"text\" is not a string")
                ),
                ((0, 4), "document feed:4".to_owned()),
                ((1, 0), "document page".to_owned()),
            ]
        );
        // The documents are those `load` reads, metadata and all.
        let loaded = load(&paths).unwrap();
        let inputs = discover(&paths).unwrap().inputs;
        let mut documents = Vec::new();
        stream(
            &inputs,
            |_| true,
            |unit| {
                for streamed in unit.read().unwrap() {
                    if let Streamed::Document(_, document) = streamed {
                        documents.push(*document);
                    }
                }
            },
        )
        .unwrap();
        assert_eq!(documents, loaded.documents);
        assert!(documents[0].source.byte_order_mark);
        // The bytes the units report add up to the inputs' size.
        let mut read_bytes = 0;
        stream(&inputs, |_| true, |unit| read_bytes += unit.read_bytes()).unwrap();
        assert_eq!(read_bytes, input_size(&inputs));
        assert!(read_bytes > 0);
        // Two readers split the lines of the feed and take the page whole.
        let even = streamed(&paths, |(_, position)| position % 2 == 0);
        let odd = streamed(&paths, |(_, position)| position % 2 == 1);
        assert_eq!(even.len() + odd.len(), all.len());
        assert!(even.iter().any(|(place, _)| *place == (1, 0)));
        assert!(odd.iter().all(|(place, _)| place.1 % 2 == 1));
    }

    #[test]
    fn streaming_reads_gzip_and_utf16_feeds() {
        use std::io::Write as _;
        let directory = tempfile::tempdir().unwrap();
        let gzip = directory.path().join("feed.jsonl.gz");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n")
            .unwrap();
        std::fs::write(&gzip, encoder.finish().unwrap()).unwrap();
        let utf16 = directory.path().join("wide.jsonl");
        let mut bytes = vec![0xff, 0xfe];
        for unit in "{\"text\": \"Wide.\"}\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        std::fs::write(&utf16, bytes).unwrap();
        let all = streamed(&[gzip, utf16], |_| true);
        assert_eq!(
            all,
            [
                ((0, 1), "document feed:1".to_owned()),
                ((0, 2), "document feed:2".to_owned()),
                ((1, 1), "document wide:1".to_owned()),
            ]
        );
        let empty = directory.path().join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        let inputs = discover(&[empty]).unwrap().inputs;
        let error = stream(&inputs, |_| true, |_| {}).unwrap_err().to_string();
        assert!(error.ends_with("empty.jsonl: the file is empty"), "{error}");
    }
}
