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
//! Large files that need no templating (the fonts) skip epub-builder and are
//! added here: compressed side by side, at the fastest level, since they make
//! most of the package's bytes and most of its build time.

use std::io::{Cursor, Read, Write};

use rayon::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::{Error, Result};

/// The earliest time a zip entry can carry: 1980-01-01T00:00:00Z.
const ZIP_EPOCH: i64 = 315_532_800;
/// The latest: the end of 2107.
const ZIP_END: i64 = 4_354_819_199;
/// The entry that must open every EPUB, uncompressed.
const MIMETYPE: &str = "mimetype";

/// A rewrite of one entry's text: the entry's name and the function.
pub type Patch<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// A file to add after epub-builder's: its name in the container and its bytes.
pub type Addition<'a> = (String, &'a [u8]);

/// Copies the EPUB `package` with every entry dated `timestamp` (seconds
/// since the Unix epoch, clamped to what zip can hold), applying `patches`,
/// then appends `additions` in their order.
pub fn repackage(package: &[u8], timestamp: i64, patches: &[Patch], additions: &[Addition]) -> Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(package)).map_err(failed)?;
    if archive.name_for_index(0) != Some(MIMETYPE) {
        return Err(Error::render("EPUB", "the package does not start with its mimetype entry"));
    }
    let time = zip_time(timestamp);
    let options = SimpleFileOptions::default().last_modified_time(time).unix_permissions(0o644);
    let compressed =
        additions.par_iter().map(|(name, data)| single_entry_zip(name, data, options)).collect::<Result<Vec<_>>>()?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(package.len())));
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
    for bytes in compressed {
        let mut single = ZipArchive::new(Cursor::new(bytes)).map_err(failed)?;
        writer.raw_copy_file_touch(single.by_index_raw(0).map_err(failed)?, time, Some(0o644)).map_err(failed)?;
    }
    Ok(writer.finish().map_err(failed)?.into_inner())
}

/// A zip of one deflated entry, to copy its compressed data from.
fn single_entry_zip(name: &str, data: &[u8], options: SimpleFileOptions) -> Result<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(data.len())));
    let fastest = options.compression_method(CompressionMethod::Deflated).compression_level(Some(1));
    writer.start_file(name, fastest).map_err(failed)?;
    writer.write_all(data).map_err(|e| failed(e.into()))?;
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

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_become_utc_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
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
        let font = vec![7u8; 1000];
        let additions = [("OEBPS/fonts/f.ttf".to_string(), font.as_slice())];
        let output = repackage(&input, 1_763_856_000, &[("OEBPS/b.opf", &patch)], &additions).unwrap();
        assert_eq!(&output[30..38], b"mimetype");
        assert_eq!(u16::from_le_bytes([output[8], output[9]]), 0, "mimetype is stored");
        let mut archive = ZipArchive::new(Cursor::new(output)).unwrap();
        let names: Vec<_> = (0..archive.len()).map(|n| archive.name_for_index(n).unwrap().to_string()).collect();
        assert_eq!(names, [MIMETYPE, "OEBPS/a.xhtml", "OEBPS/b.opf", "OEBPS/fonts/f.ttf"]);
        let mut added = Vec::new();
        archive.by_name("OEBPS/fonts/f.ttf").unwrap().read_to_end(&mut added).unwrap();
        assert_eq!(added, font);
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
        assert!(repackage(&input, 0, &[], &[]).is_err());
    }
}
