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
//! Large files that need no templating (the fonts) skip epub-builder: the
//! build script deflated them at compile time, and their compressed data is
//! copied from that archive as is.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::{Error, Result};
use crate::manifest::civil_from_days;

/// The earliest time a zip entry can carry: 1980-01-01T00:00:00Z.
const ZIP_EPOCH: i64 = 315_532_800;
/// The latest: the end of 2107.
const ZIP_END: i64 = 4_354_819_199;
/// The entry that must open every EPUB, uncompressed.
const MIMETYPE: &str = "mimetype";

/// A rewrite of one entry's text: the entry's name and the function.
pub type Patch<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// Copies the EPUB `package` with every entry dated `timestamp` (seconds
/// since the Unix epoch, clamped to what zip can hold), applying `patches`,
/// then appends the `additions`: the entries of a zip archive, copied in their
/// order without recompressing them.
pub fn repackage(package: &[u8], timestamp: i64, patches: &[Patch], additions: Option<&[u8]>) -> Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(package)).map_err(failed)?;
    if archive.name_for_index(0) != Some(MIMETYPE) {
        return Err(Error::render("EPUB", "the package does not start with its mimetype entry"));
    }
    let time = zip_time(timestamp);
    let options = SimpleFileOptions::default().last_modified_time(time).unix_permissions(0o644);
    let added = additions.map_or(0, <[u8]>::len);
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(package.len() + added)));
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(failed)?;
        match patches.iter().find(|(name, _)| *name == entry.name()) {
            None => writer.raw_copy_file_touch(entry, time, Some(0o644)).map_err(failed)?,
            Some((name, patch)) => {
                drop(entry);
                let mut text = String::new();
                archive.by_index(index).map_err(failed)?.read_to_string(&mut text).map_err(|e| failed(e.into()))?;
                writer.start_file(*name, options.compression_method(CompressionMethod::Deflated)).map_err(failed)?;
                writer.write_all(patch(&text).as_bytes()).map_err(|e| failed(e.into()))?;
            }
        }
    }
    if let Some(additions) = additions {
        let mut archive = ZipArchive::new(Cursor::new(additions)).map_err(failed)?;
        for index in 0..archive.len() {
            writer
                .raw_copy_file_touch(archive.by_index_raw(index).map_err(failed)?, time, Some(0o644))
                .map_err(failed)?;
        }
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

fn failed(error: zip::result::ZipError) -> Error {
    Error::render("EPUB", format!("cannot write the zip container: {error}"))
}

/// The zip (MS-DOS) date and time of a Unix timestamp, in UTC.
fn zip_time(timestamp: i64) -> DateTime {
    let seconds = timestamp.clamp(ZIP_EPOCH, ZIP_END);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let time = seconds.rem_euclid(86_400);
    let (hour, minute, second) = (time / 3600, time % 3600 / 60, time % 60);
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
        let input = archive(&[(MIMETYPE, "application/epub+zip"), ("OEBPS/a.xhtml", "<p/>"), ("OEBPS/b.opf", "old")]);
        let patch = |_: &str| "new".to_string();
        let font = "\u{7}".repeat(1000);
        let additions = archive(&[("OEBPS/fonts/f.ttf", &font)]);
        let output = repackage(&input, 1_763_856_000, &[("OEBPS/b.opf", &patch)], Some(&additions)).unwrap();
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
        for n in 0..archive.len() {
            let modified = archive.by_index(n).unwrap().last_modified().unwrap();
            assert_eq!((modified.year(), modified.month(), modified.day()), (2025, 11, 23));
        }
    }

    #[test]
    fn a_package_without_mimetype_first_is_refused() {
        let input = archive(&[("OEBPS/a.xhtml", "<p/>"), (MIMETYPE, "application/epub+zip")]);
        assert!(repackage(&input, 0, &[], None).is_err());
    }
}
