//! Dates of the book: `[book] date`, `SOURCE_DATE_EPOCH` and the build's
//! timestamp made of them; the calendar is chrono's.
//!
//! EPUB's `dcterms:modified` and the PDF's dates have room for a four-digit
//! year, so every date here lies in the years 0001–9999, and the timestamp
//! from `SOURCE_DATE_EPOCH` in 1970–9999.

use std::ffi::OsStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};

use super::Manifest;
use crate::error::{Error, Location, Result};

/// The timestamp of builds whose book names no date: the earliest a zip file can hold.
pub const DEFAULT_TIMESTAMP: i64 = 315_532_800; // 1980-01-01T00:00:00Z

/// The last second a four-digit year holds: 9999-12-31T23:59:59Z.
const LAST_TIMESTAMP: i64 = 253_402_300_799;

impl Manifest {
    /// The build's timestamp (seconds since the Unix epoch): `SOURCE_DATE_EPOCH`
    /// if it is set, else `[book] date`, else [`DEFAULT_TIMESTAMP`]. Never the
    /// wall clock.
    pub fn timestamp(&self) -> Result<i64> {
        self.timestamp_with(std::env::var_os("SOURCE_DATE_EPOCH").as_deref())
    }

    pub(super) fn timestamp_with(&self, source_date_epoch: Option<&OsStr>) -> Result<i64> {
        match source_date_epoch {
            Some(value) => parse_source_date_epoch(value).ok_or_else(|| {
                let value = value.to_string_lossy();
                Error::book(
                    Location::file("SOURCE_DATE_EPOCH"),
                    format!("`{value}` is not a Unix timestamp from 1970 to the end of 9999"),
                )
                .with_help("set it to a Unix timestamp, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
            }),
            None => Ok(self.date_timestamp().unwrap_or(DEFAULT_TIMESTAMP)),
        }
    }

    /// The publication date as seconds since the Unix epoch, if the manifest has one.
    pub fn date_timestamp(&self) -> Option<i64> {
        self.book.date.as_deref().and_then(parse_date)
    }
}

/// A Unix timestamp from 1970 up to the end of the year 9999.
fn parse_source_date_epoch(value: &OsStr) -> Option<i64> {
    let seconds: i64 = value.to_str()?.trim().parse().ok()?;
    (0..=LAST_TIMESTAMP).contains(&seconds).then_some(seconds)
}

/// `YYYY-MM-DD`, a day of the calendar in the years 0001–9999 → seconds
/// since the Unix epoch at midnight UTC. The shape is checked here (chrono's
/// parser would take `2026-1-1` or a five-digit year); the calendar by chrono.
pub fn parse_date(date: &str) -> Option<i64> {
    let mut parts = date.trim().split('-');
    let mut number = |digits: usize| {
        let part = parts.next().filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse::<u32>().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if parts.next().is_some() || year == 0 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.and_time(NaiveTime::MIN).and_utc().timestamp())
}

/// (year, month, day) and (hour, minute, second) of a Unix timestamp in
/// UTC, for the editions' dates; the epoch for one outside the calendar
/// (the manifest keeps the build's timestamp within 0001–9999).
pub fn utc_parts(timestamp: i64) -> ((i32, u32, u32), (u32, u32, u32)) {
    let moment = DateTime::<Utc>::from_timestamp(timestamp, 0).unwrap_or_default();
    ((moment.year(), moment.month(), moment.day()), (moment.hour(), moment.minute(), moment.second()))
}
