//! The EPUB container made reproducible.
//!
//! epub-builder 0.8 writes the zip itself (its `Zip` trait is private, so no
//! writer of ours can plug in) and the `zip` crate dates entries with the
//! current time whenever its `time` feature is on somewhere in the build. So
//! the finished package is copied once more: every entry, in the same order,
//! gets the book's timestamp; compressed data is copied as is, and only the
//! few entries given a patch are rewritten. `mimetype` must come first and
//! stored, as the OCF specification requires.
//!
//! Large files that need no templating skip epub-builder's compression:
//! the fonts were deflated at compile time by the build script, the
//! chapters side by side while epub-builder writes the rest (it got a
//! placeholder for each); their compressed data is copied as is.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use zip::read::ZipFile;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::{Error, Result};
use crate::manifest::utc_parts;

/// The earliest time a zip entry can carry: 1980-01-01T00:00:00Z.
const ZIP_EPOCH: i64 = 315_532_800;
/// The latest: the end of 2107.
const ZIP_END: i64 = 4_354_819_199;
/// The entry that must open every EPUB, uncompressed.
const MIMETYPE: &str = "mimetype";

/// A rewrite of one entry's text: the entry's name and the function.
pub type Patch<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// What to change while copying a package.
pub struct Repackaging<'a> {
    /// Seconds since the Unix epoch, clamped to what zip can hold.
    pub timestamp: i64,
    /// Entries whose text is rewritten.
    pub patches: &'a [Patch<'a>],
    /// Zip archives whose entries take the place of the package's entries of
    /// the same name (see [`deflated`]).
    pub replacements: &'a [Vec<u8>],
    /// A zip archive whose entries named here are appended after the package's.
    pub additions: Option<(&'a [u8], &'a [String])>,
}

/// `data` deflated as the one entry `name` of a zip archive, at `level`
/// (1–9; `None`: the default): compressed where it is made (side by side
/// with others), then copied as is.
pub fn deflated(name: &str, data: &[u8], level: Option<i64>) -> Result<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(data.len() / 3 + 256)));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(level);
    writer.start_file(name, options).map_err(failed)?;
    writer.write_all(data).map_err(|e| failed(e.into()))?;
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// Copies the EPUB `package` as `how` says: every entry dated its
/// timestamp, in the same order, compressed data copied as is unless the
/// entry is patched.
pub fn repackage(package: &[u8], how: &Repackaging) -> Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(package)).map_err(failed)?;
    if archive.name_for_index(0) != Some(MIMETYPE) {
        return Err(Error::render("EPUB", "the package does not start with its mimetype entry"));
    }
    let time = zip_time(how.timestamp);
    let options = SimpleFileOptions::default().last_modified_time(time).unix_permissions(0o644);
    let mut replacements = Entries::open(how.replacements)?;
    let size = package.len()
        + how.replacements.iter().map(Vec::len).sum::<usize>()
        + how.additions.map_or(0, |(a, _)| a.len());
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(failed)?;
        let name = entry.name().to_string();
        if let Some((_, patch)) = how.patches.iter().find(|(patched, _)| *patched == name) {
            drop(entry);
            let mut text = String::new();
            archive.by_index(index).map_err(failed)?.read_to_string(&mut text).map_err(|e| failed(e.into()))?;
            writer.start_file(name, options.compression_method(CompressionMethod::Deflated)).map_err(failed)?;
            writer.write_all(patch(&text).as_bytes()).map_err(|e| failed(e.into()))?;
        } else if let Some(replacement) = replacements.take(&name)? {
            writer.raw_copy_file_touch(replacement, time, Some(0o644)).map_err(failed)?;
        } else {
            writer.raw_copy_file_touch(entry, time, Some(0o644)).map_err(failed)?;
        }
    }
    if let Some((additions, names)) = how.additions {
        let mut archive = ZipArchive::new(Cursor::new(additions)).map_err(failed)?;
        for index in 0..archive.len() {
            let entry = archive.by_index_raw(index).map_err(failed)?;
            if names.iter().any(|name| name == entry.name()) {
                writer.raw_copy_file_touch(entry, time, Some(0o644)).map_err(failed)?;
            }
        }
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// The entries of several archives, found by name.
struct Entries<'a> {
    archives: Vec<ZipArchive<Cursor<&'a [u8]>>>,
    /// Entry name → (archive, index in it).
    by_name: HashMap<String, (usize, usize)>,
}

impl<'a> Entries<'a> {
    fn open(archives: &'a [Vec<u8>]) -> Result<Entries<'a>> {
        let archives: Vec<_> = archives
            .iter()
            .map(|a| ZipArchive::new(Cursor::new(a.as_slice())))
            .collect::<Result<_, _>>()
            .map_err(failed)?;
        let by_name = archives
            .iter()
            .enumerate()
            .flat_map(|(n, archive)| {
                (0..archive.len()).filter_map(move |i| archive.name_for_index(i).map(|name| (name.to_string(), (n, i))))
            })
            .collect();
        Ok(Entries { archives, by_name })
    }

    /// The entry called `name`, if one of the archives has it.
    fn take(&mut self, name: &str) -> Result<Option<ZipFile<'_, Cursor<&'a [u8]>>>> {
        match self.by_name.get(name) {
            Some(&(archive, index)) => self.archives[archive].by_index_raw(index).map(Some).map_err(failed),
            None => Ok(None),
        }
    }
}

fn failed(error: zip::result::ZipError) -> Error {
    Error::render("EPUB", format!("cannot write the zip container: {error}"))
}

/// The zip (MS-DOS) date and time of a Unix timestamp, in UTC.
fn zip_time(timestamp: i64) -> DateTime {
    let ((year, month, day), (hour, minute, second)) = utc_parts(timestamp.clamp(ZIP_EPOCH, ZIP_END));
    // Every part is in range after the clamp; the fallback is never taken.
    DateTime::from_date_and_time(year as u16, month as u8, day as u8, hour as u8, minute as u8, second as u8)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_become_utc_dates() {
        let time = zip_time(1_763_856_000 + 3600 + 120 + 4); // 2025-11-23T01:02:04Z
        assert_eq!((time.year(), time.month(), time.day()), (2025, 11, 23));
        assert_eq!((time.hour(), time.minute(), time.second()), (1, 2, 4));
    }

    #[test]
    fn out_of_range_times_are_clamped() {
        assert_eq!(zip_time(0).year(), 1980);
        assert_eq!(zip_time(i64::MAX).year(), 2107);
    }

    fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            let method = if *name == MIMETYPE { CompressionMethod::Stored } else { CompressionMethod::Deflated };
            writer.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn repackaging_fixes_times_keeps_order_and_patches_entries() {
        let input = archive(&[(MIMETYPE, "application/epub+zip"), ("OEBPS/a.xhtml", ""), ("OEBPS/b.opf", "old")]);
        let patch = |_: &str| "new".to_string();
        let font = "\u{7}".repeat(1000);
        let additions = archive(&[("OEBPS/fonts/f.ttf", &font), ("OEBPS/fonts/unused.ttf", "")]);
        let wanted = ["OEBPS/fonts/f.ttf".to_string()];
        let how = Repackaging {
            timestamp: 1_763_856_000,
            patches: &[("OEBPS/b.opf", &patch)],
            replacements: &[deflated("OEBPS/a.xhtml", b"<p>chapter</p>", None).unwrap()],
            additions: Some((&additions, &wanted)),
        };
        let output = repackage(&input, &how).unwrap();
        assert_eq!(&output[30..38], b"mimetype");
        assert_eq!(u16::from_le_bytes([output[8], output[9]]), 0, "mimetype is stored");
        let mut archive = ZipArchive::new(Cursor::new(output)).unwrap();
        let names: Vec<_> = (0..archive.len()).map(|n| archive.name_for_index(n).unwrap().to_string()).collect();
        assert_eq!(names, [MIMETYPE, "OEBPS/a.xhtml", "OEBPS/b.opf", "OEBPS/fonts/f.ttf"]);
        let mut added = Vec::new();
        archive.by_name("OEBPS/fonts/f.ttf").unwrap().read_to_end(&mut added).unwrap();
        assert_eq!(added, font.as_bytes());
        let mut text = String::new();
        archive.by_name("OEBPS/b.opf").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "new");
        text.clear();
        archive.by_name("OEBPS/a.xhtml").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "<p>chapter</p>", "the placeholder is replaced");
        for n in 0..archive.len() {
            let modified = archive.by_index(n).unwrap().last_modified().unwrap();
            assert_eq!((modified.year(), modified.month(), modified.day()), (2025, 11, 23));
        }
    }

    #[test]
    fn a_package_without_mimetype_first_is_refused() {
        let input = archive(&[("OEBPS/a.xhtml", "<p/>"), (MIMETYPE, "application/epub+zip")]);
        let how = Repackaging { timestamp: 0, patches: &[], replacements: &[], additions: None };
        assert!(repackage(&input, &how).is_err());
    }
}
