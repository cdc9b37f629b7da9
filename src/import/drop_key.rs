//! Drop keys: which S3 objects are partner drops (`drops/<partner>/<file>`), whose they are, where their report
//! goes, and how an S3 event record names one.

use aws_lambda_events::event::s3::S3EventRecord;

use super::report::Skip;
use crate::schedule::DropFormat;
use crate::storage::event_item::Origin;

/// Where partners drop schedules: `drops/<partner>/<file>`.
pub const DROPS_PREFIX: &str = "drops/";
/// Where reports go: `reports/<the drop's key>.json`, in the drop's bucket.
pub const REPORTS_PREFIX: &str = "reports/";

/// Why a key is not a partner drop.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DropKeyError {
    /// The key is not under `drops/`.
    #[error("key {0:?} is not under drops/")]
    NotUnderDrops(String),
    /// The key is `drops/<file>` or `drops/<partner>/` with no file.
    #[error("key {0:?} must look like drops/<partner>/<file>")]
    NoPartnerOrFile(String),
}

/// A drop's key, `drops/<partner>/<file>`: the partner owns what the file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropKey {
    key: String,
    partner: String,
}

impl DropKey {
    /// Checks that `key` is `drops/<partner>/<file>` (the file may be in folders of its own).
    ///
    /// # Errors
    /// Returns [`DropKeyError`] for any other key.
    pub fn parse(key: &str) -> Result<Self, DropKeyError> {
        let rest = key
            .strip_prefix(DROPS_PREFIX)
            .ok_or_else(|| DropKeyError::NotUnderDrops(key.to_owned()))?;
        match rest.split_once('/') {
            Some((partner, file))
                if !partner.trim().is_empty() && !file.is_empty() && !file.ends_with('/') =>
            {
                Ok(Self {
                    key: key.to_owned(),
                    partner: partner.to_owned(),
                })
            }
            _ => Err(DropKeyError::NoPartnerOrFile(key.to_owned())),
        }
    }

    /// The key as stored in S3.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.key
    }

    /// The partner: the first path segment after `drops/`.
    #[must_use]
    pub fn partner(&self) -> &str {
        &self.partner
    }

    /// The file's format by its extension, if a reader knows it.
    #[must_use]
    pub fn format(&self) -> Option<DropFormat> {
        DropFormat::from_name(&self.key)
    }

    /// Where the report of this drop goes: `reports/<key>.json`.
    #[must_use]
    pub fn report_key(&self) -> String {
        format!("{REPORTS_PREFIX}{}.json", self.key)
    }
}

/// One object to import, and which version of it the S3 event announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropObject {
    /// The bucket.
    pub bucket: String,
    /// The key.
    pub key: DropKey,
    /// The version's ETag: a newer version of the object is left to its own event.
    pub etag: Option<String>,
    /// The S3 event's sequencer: a delivery no later than the last one imported is skipped.
    pub sequencer: Option<String>,
}

impl DropObject {
    /// The current version of `s3://bucket/key`, as `onair schedule import` names it (no event: always imported).
    ///
    /// # Errors
    /// Returns [`DropKeyError`] when the key is not a drop.
    pub fn latest(bucket: &str, key: &str) -> Result<Self, DropKeyError> {
        Ok(Self {
            bucket: bucket.to_owned(),
            key: DropKey::parse(key)?,
            etag: None,
            sequencer: None,
        })
    }

    /// `s3://bucket/key`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key.as_str())
    }

    pub(super) fn origin(&self) -> Origin {
        Origin::new(self.key.partner(), &self.bucket, self.key.as_str())
    }
}

/// What an S3 event record names, or why it is not a drop to import.
pub(super) fn drop_object(record: &S3EventRecord) -> Result<DropObject, Skip> {
    let event = record.event_name.as_deref().unwrap_or_default();
    if !event.starts_with("ObjectCreated") {
        return Err(Skip::NotADrop(format!(
            "event {event:?} is not ObjectCreated"
        )));
    }
    let bucket = record
        .s3
        .bucket
        .name
        .clone()
        .ok_or_else(|| Skip::NotADrop("the record names no bucket".to_owned()))?;
    let raw_key = record
        .s3
        .object
        .key
        .as_deref()
        .ok_or_else(|| Skip::NotADrop("the record names no key".to_owned()))?;
    let key =
        DropKey::parse(&event_key(raw_key)).map_err(|error| Skip::NotADrop(error.to_string()))?;
    Ok(DropObject {
        bucket,
        key,
        etag: record.s3.object.e_tag.clone(),
        sequencer: record.s3.object.sequencer.clone(),
    })
}

/// An S3 event's key as stored: events carry keys form-URL-encoded (`+` for a space, `%XX` for other bytes).
pub(super) fn event_key(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match bytes[i] {
            b'+' => decoded.push(b' '),
            b'%' => {
                if let (Some(high), Some(low)) = (hex(i + 1), hex(i + 2)) {
                    decoded.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                    i += 2;
                } else {
                    decoded.push(b'%');
                }
            }
            byte => decoded.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}
