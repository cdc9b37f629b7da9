//! The pure half of stream resolution: what a fetched answer is (HLS master or media playlist, PLS, M3U, an audio
//! stream, something else) and, for a master, which rendition an Echo should play. No network: the fetcher hands
//! in the final URL, the headers that matter and the first bytes.

use serde::Serialize;
use url::Url;

use crate::schedule::{MAX_BITRATE_KBPS, MIN_BITRATE_KBPS};

/// The parts of an HTTP answer the decision reads.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// The URL that answered (after redirects): relative playlist entries resolve against it.
    pub url: Option<Url>,
    /// The `content-type` essence, lowercase (`audio/mpeg`), when sent.
    pub content_type: Option<String>,
    /// Whether any `icy-*` header (Shoutcast, Icecast) was sent.
    pub icy: bool,
    /// `icy-br`, in kbit/s.
    pub icy_bitrate_kbps: Option<u32>,
    /// The first bytes of the body (a whole playlist, or nothing for an audio stream).
    pub body: Vec<u8>,
}

/// How a master variant looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariantKind {
    /// Carries video (a `RESOLUTION`, a video codec, or an I-frame stream): never played.
    Video,
    /// `CODECS` lists audio codecs only.
    AudioOnly,
    /// No `CODECS` and no `RESOLUTION`: audio if its bandwidth is in an Echo's range.
    Unknown,
}

/// One `EXT-X-STREAM-INF` (or I-frame) variant of a master playlist, as `onair stream check` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariantSeen {
    /// Its URI, resolved against the master.
    pub uri: String,
    /// `BANDWIDTH` in kbit/s.
    pub bandwidth_kbps: u32,
    /// `CODECS`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codecs: Option<String>,
    /// `RESOLUTION`, as `WxH`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Video, audio only, or unknown.
    pub kind: VariantKind,
}

/// One `EXT-X-MEDIA:TYPE=AUDIO` rendition with a URI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioRenditionSeen {
    /// Its URI, resolved against the master.
    pub uri: String,
    /// `GROUP-ID`.
    pub group: String,
    /// `NAME`.
    pub name: String,
    /// `DEFAULT=YES`.
    pub default: bool,
}

/// Which rendition of a master was picked, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pick {
    /// The rendition's URL.
    pub url: Url,
    /// Its audio codec, when the master names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codec: Option<String>,
    /// Its bandwidth in kbit/s, when the master names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitrate_kbps: Option<u32>,
    /// Why this one, in words.
    pub reason: String,
}

/// What a fetched answer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// An HLS master playlist: what it lists, and the pick (`None`: nothing an Echo can play).
    HlsMaster {
        /// The variants.
        variants: Vec<VariantSeen>,
        /// The audio renditions with a URI.
        audio_renditions: Vec<AudioRenditionSeen>,
        /// The rendition to play.
        pick: Option<Pick>,
        /// Candidates skipped for plain-HTTP URIs.
        plain_http: Vec<String>,
    },
    /// An HLS media playlist: played as it is.
    HlsMedia,
    /// A PLS or M3U playlist's entries (resolved), in order.
    Entries {
        /// `true` for PLS, `false` for M3U.
        pls: bool,
        /// The entries.
        entries: Vec<Url>,
    },
    /// An audio stream.
    Audio {
        /// The content type, when it names the codec (`audio/mpeg`).
        codec: Option<String>,
        /// `icy-br`, in kbit/s.
        bitrate_kbps: Option<u32>,
    },
    /// Not audio: what it was instead.
    NotAudio(String),
}

const PLAYLIST_TYPES: [&str; 5] = [
    "application/vnd.apple.mpegurl",
    "application/x-mpegurl",
    "audio/mpegurl",
    "audio/x-mpegurl",
    "application/mpegurl",
];
const PLS_TYPES: [&str; 2] = ["audio/x-scpls", "application/pls+xml"];

/// Whether the body of an answer with this content type should be read (a playlist or an unknown text), rather
/// than left unread (an endless audio stream).
#[must_use]
pub fn wants_body(content_type: Option<&str>, icy: bool) -> bool {
    match content_type {
        _ if icy => false,
        None => true,
        Some(kind) => {
            PLAYLIST_TYPES.contains(&kind)
                || PLS_TYPES.contains(&kind)
                || kind.starts_with("text/")
                || kind == "application/octet-stream"
        }
    }
}

/// Decides what `answer` is.
#[must_use]
pub fn classify(answer: &Answer) -> Finding {
    let content_type = answer.content_type.as_deref();
    let text = String::from_utf8_lossy(&answer.body);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let playlist_type = content_type.is_some_and(|kind| PLAYLIST_TYPES.contains(&kind));
    let pls_type = content_type.is_some_and(|kind| PLS_TYPES.contains(&kind));
    if text.starts_with("#EXTM3U")
        && (text.contains("#EXT-X-STREAM-INF") || text.contains("#EXT-X-MEDIA:"))
    {
        return master(answer);
    }
    if text.starts_with("#EXTM3U")
        && (text.contains("#EXT-X-TARGETDURATION") || text.contains("#EXT-X-MEDIA-SEQUENCE"))
    {
        return Finding::HlsMedia;
    }
    if pls_type || text.to_ascii_lowercase().starts_with("[playlist]") {
        return Finding::Entries {
            pls: true,
            entries: pls_entries(text, answer.url.as_ref()),
        };
    }
    if playlist_type || text.starts_with("#EXTM3U") {
        return Finding::Entries {
            pls: false,
            entries: m3u_entries(text, answer.url.as_ref()),
        };
    }
    let audio_type = content_type.is_some_and(|kind| kind.starts_with("audio/"));
    let generic = matches!(content_type, None | Some("application/octet-stream"));
    if generic && let Some(codec) = sniff_audio(&answer.body) {
        return Finding::Audio {
            codec: Some(codec.to_owned()),
            bitrate_kbps: answer.icy_bitrate_kbps,
        };
    }
    if audio_type
        || (answer.icy && (generic || content_type.is_some_and(|kind| kind.starts_with("text/"))))
    {
        return Finding::Audio {
            codec: content_type
                .filter(|kind| kind.starts_with("audio/"))
                .map(str::to_owned),
            bitrate_kbps: answer.icy_bitrate_kbps,
        };
    }
    if text.is_empty() && generic {
        return Finding::NotAudio("an empty answer with no audio content type".to_owned());
    }
    Finding::NotAudio(match content_type {
        Some(kind) => format!("content type {kind}"),
        None => "no content type and no playlist".to_owned(),
    })
}

/// The audio format the first bytes of an answer without a telling content type show: an ID3 tag or an MPEG audio
/// frame (MP3), or an ADTS frame (AAC).
#[must_use]
pub fn sniff_audio(body: &[u8]) -> Option<&'static str> {
    match body {
        [b'I', b'D', b'3', ..] => Some("audio/mpeg"),
        [0xff, second, ..] if second & 0xf6 == 0xf0 => Some("audio/aac"),
        [0xff, second, ..] if second & 0xe0 == 0xe0 => Some("audio/mpeg"),
        _ => None,
    }
}

/// Whether the first bytes of an answer may be a playlist (text), worth reading on; binary bytes are not.
#[must_use]
pub fn may_be_playlist(body: &[u8]) -> bool {
    let start = &body[..body.len().min(512)];
    if start.contains(&0) || sniff_audio(start).is_some() {
        return false;
    }
    match std::str::from_utf8(start) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the sample is still text.
        Err(error) => error.error_len().is_none(),
    }
}

fn resolve(base: Option<&Url>, reference: &str) -> Option<Url> {
    match base {
        Some(base) => base.join(reference.trim()).ok(),
        None => Url::parse(reference.trim()).ok(),
    }
}

fn pls_entries(text: &str, base: Option<&Url>) -> Vec<Url> {
    let mut numbered: Vec<(u32, Url)> = text
        .lines()
        .filter_map(|line| {
            let (key, value) = line.trim().split_once('=')?;
            let number = key
                .trim()
                .to_ascii_lowercase()
                .strip_prefix("file")?
                .parse()
                .ok()?;
            Some((number, resolve(base, value)?))
        })
        .collect();
    numbered.sort_by_key(|(number, _)| *number);
    numbered.into_iter().map(|(_, url)| url).collect()
}

fn m3u_entries(text: &str, base: Option<&Url>) -> Vec<Url> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| resolve(base, line))
        .collect()
}

const AUDIO_CODECS: [&str; 8] = [
    "mp4a", "mp3", "ac-3", "ec-3", "opus", "flac", "alac", "vorbis",
];
const VIDEO_CODECS: [&str; 10] = [
    "avc1", "avc3", "hvc1", "hev1", "dvh1", "dvhe", "vp09", "vp8", "av01", "mp4v",
];

fn codec_list(codecs: &str) -> impl Iterator<Item = String> + '_ {
    codecs
        .split(',')
        .map(|codec| codec.trim().to_ascii_lowercase())
        .filter(|codec| !codec.is_empty())
}

fn is_audio_codec(codec: &str) -> bool {
    AUDIO_CODECS.iter().any(|prefix| codec.starts_with(prefix))
}

fn is_video_codec(codec: &str) -> bool {
    VIDEO_CODECS.iter().any(|prefix| codec.starts_with(prefix))
}

/// The audio codec among `codecs` (`mp4a.40.2` of `avc1.4d401f,mp4a.40.2`).
fn audio_codec(codecs: &str) -> Option<String> {
    codecs
        .split(',')
        .map(str::trim)
        .find(|codec| is_audio_codec(&codec.to_ascii_lowercase()))
        .map(str::to_owned)
}

fn kbps(bits_per_second: u64) -> u32 {
    u32::try_from(bits_per_second.div_ceil(1000)).unwrap_or(u32::MAX)
}

fn in_range(kbps: u32) -> bool {
    (MIN_BITRATE_KBPS..=MAX_BITRATE_KBPS).contains(&kbps)
}

fn master(answer: &Answer) -> Finding {
    let base = answer.url.as_ref();
    let Ok(parsed) = m3u8_rs::parse_master_playlist_res(&answer.body) else {
        return Finding::NotAudio("an HLS master playlist that cannot be read".to_owned());
    };
    let mut plain_http = Vec::new();
    let mut https = |uri: &str| -> Option<Url> {
        let url = resolve(base, uri)?;
        if url.scheme() == "https" {
            Some(url)
        } else {
            plain_http.push(url.to_string());
            None
        }
    };
    let variants: Vec<(VariantSeen, Option<Url>, Option<String>)> = parsed
        .variants
        .iter()
        .filter(|variant| !variant.uri.trim().is_empty())
        .map(|variant| {
            let codecs: Vec<String> = variant
                .codecs
                .as_deref()
                .map(|c| codec_list(c).collect())
                .unwrap_or_default();
            let kind = if variant.is_i_frame
                || variant.resolution.is_some()
                || codecs.iter().any(|codec| is_video_codec(codec))
            {
                VariantKind::Video
            } else if codecs.iter().any(|codec| is_audio_codec(codec)) {
                VariantKind::AudioOnly
            } else {
                VariantKind::Unknown
            };
            let url = resolve(base, &variant.uri);
            let seen = VariantSeen {
                uri: url
                    .as_ref()
                    .map_or_else(|| variant.uri.clone(), ToString::to_string),
                bandwidth_kbps: kbps(variant.bandwidth),
                codecs: variant.codecs.clone(),
                resolution: variant
                    .resolution
                    .map(|resolution| format!("{}x{}", resolution.width, resolution.height)),
                kind,
            };
            (seen, url, variant.audio.clone())
        })
        .collect();
    let audio_renditions: Vec<(AudioRenditionSeen, Url)> = parsed
        .alternatives
        .iter()
        .filter(|media| media.media_type == m3u8_rs::AlternativeMediaType::Audio)
        .filter_map(|media| {
            let url = resolve(base, media.uri.as_deref()?)?;
            Some((
                AudioRenditionSeen {
                    uri: url.to_string(),
                    group: media.group_id.clone(),
                    name: media.name.clone(),
                    default: media.default,
                },
                url,
            ))
        })
        .collect();

    let pick = pick_rendition(&variants, &audio_renditions, &mut https);
    Finding::HlsMaster {
        variants: variants.into_iter().map(|(seen, ..)| seen).collect(),
        audio_renditions: audio_renditions.into_iter().map(|(seen, _)| seen).collect(),
        pick,
        plain_http,
    }
}

fn pick_rendition(
    variants: &[(VariantSeen, Option<Url>, Option<String>)],
    renditions: &[(AudioRenditionSeen, Url)],
    https: &mut impl FnMut(&str) -> Option<Url>,
) -> Option<Pick> {
    // 1. An audio rendition (EXT-X-MEDIA TYPE=AUDIO with a URI): the default one first.
    let mut ordered: Vec<&(AudioRenditionSeen, Url)> = renditions.iter().collect();
    ordered.sort_by_key(|(seen, _)| !seen.default);
    for (seen, url) in ordered {
        let Some(url) = https(url.as_str()) else {
            continue;
        };
        let codec = variants
            .iter()
            .filter(|(_, _, group)| group.as_deref() == Some(seen.group.as_str()))
            .find_map(|(variant, ..)| variant.codecs.as_deref().and_then(audio_codec));
        return Some(Pick {
            url,
            codec,
            bitrate_kbps: None,
            reason: format!(
                "the audio rendition {:?} (group {:?})",
                seen.name, seen.group
            ),
        });
    }
    // 2. An audio-only variant: the best one within an Echo's range, else the one nearest to it.
    let audio_only: Vec<&(VariantSeen, Option<Url>, Option<String>)> = variants
        .iter()
        .filter(|(seen, url, _)| seen.kind == VariantKind::AudioOnly && url.is_some())
        .collect();
    let best = audio_only
        .iter()
        .filter(|(seen, ..)| in_range(seen.bandwidth_kbps))
        .max_by_key(|(seen, ..)| seen.bandwidth_kbps)
        .or_else(|| {
            audio_only.iter().min_by_key(|(seen, ..)| {
                seen.bandwidth_kbps
                    .saturating_sub(MAX_BITRATE_KBPS)
                    .max(MIN_BITRATE_KBPS.saturating_sub(seen.bandwidth_kbps))
            })
        });
    if let Some((seen, Some(url), _)) = best
        && let Some(url) = https(url.as_str())
    {
        return Some(Pick {
            url,
            codec: seen.codecs.as_deref().and_then(audio_codec),
            bitrate_kbps: Some(seen.bandwidth_kbps),
            reason: format!("the audio-only variant of {} kbit/s", seen.bandwidth_kbps),
        });
    }
    // 3. A variant that names no codecs and no resolution, in range: the lowest bandwidth.
    let mut unknown: Vec<&(VariantSeen, Option<Url>, Option<String>)> = variants
        .iter()
        .filter(|(seen, url, _)| {
            seen.kind == VariantKind::Unknown && url.is_some() && in_range(seen.bandwidth_kbps)
        })
        .collect();
    unknown.sort_by_key(|(seen, ..)| seen.bandwidth_kbps);
    for (seen, url, _) in unknown {
        let Some(url) = url.as_ref().and_then(|url| https(url.as_str())) else {
            continue;
        };
        return Some(Pick {
            url,
            codec: None,
            bitrate_kbps: Some(seen.bandwidth_kbps),
            reason: format!(
                "the lowest variant within {MIN_BITRATE_KBPS}-{MAX_BITRATE_KBPS} kbit/s ({} kbit/s, no codecs named)",
                seen.bandwidth_kbps
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(url: &str, content_type: Option<&str>, body: &str) -> Answer {
        Answer {
            url: Some(Url::parse(url).unwrap()),
            content_type: content_type.map(str::to_owned),
            body: body.as_bytes().to_vec(),
            ..Answer::default()
        }
    }

    const TWITCH: &str = "#EXTM3U
#EXT-X-TWITCH-INFO:NODE=\"video-edge\",CLUSTER=\"fra\"
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"chunked\",NAME=\"1080p60 (source)\",AUTOSELECT=YES,DEFAULT=YES
#EXT-X-STREAM-INF:BANDWIDTH=8534030,RESOLUTION=1920x1080,CODECS=\"avc1.64002A,mp4a.40.2\",VIDEO=\"chunked\",FRAME-RATE=60.000
https://video-edge.example.net/v1/playlist/chunked.m3u8
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"720p60\",NAME=\"720p60\",AUTOSELECT=YES,DEFAULT=YES
#EXT-X-STREAM-INF:BANDWIDTH=3422999,RESOLUTION=1280x720,CODECS=\"avc1.4D401F,mp4a.40.2\",VIDEO=\"720p60\",FRAME-RATE=60.000
https://video-edge.example.net/v1/playlist/720p60.m3u8
#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"audio_only\",NAME=\"audio_only\",AUTOSELECT=NO,DEFAULT=NO
#EXT-X-STREAM-INF:BANDWIDTH=160000,CODECS=\"mp4a.40.2\",VIDEO=\"audio_only\"
audio_only.m3u8
";

    #[test]
    fn a_twitch_style_master_plays_its_audio_only_variant_resolved_against_the_master() {
        let found = classify(&answer(
            "https://usher.example.net/live/chan.m3u8?sig=1",
            None,
            TWITCH,
        ));
        let Finding::HlsMaster { variants, pick, .. } = found else {
            panic!("a master, got {found:?}");
        };
        assert_eq!(variants.len(), 3);
        assert_eq!(variants[0].kind, VariantKind::Video);
        assert_eq!(variants[2].kind, VariantKind::AudioOnly);
        let pick = pick.expect("a pick");
        assert_eq!(
            pick.url.as_str(),
            "https://usher.example.net/live/audio_only.m3u8"
        );
        assert_eq!(pick.codec.as_deref(), Some("mp4a.40.2"));
        assert_eq!(pick.bitrate_kbps, Some(160));
    }

    #[test]
    fn an_audio_group_rendition_wins_over_variants() {
        let body = "#EXTM3U
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"English\",DEFAULT=NO,URI=\"audio/en.m3u8\"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Main\",DEFAULT=YES,URI=\"audio/main.m3u8\"
#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.5\",AUDIO=\"aac\"
video/720.m3u8
";
        let Finding::HlsMaster { pick, .. } = classify(&answer(
            "https://cdn.example.com/show/master.m3u8",
            None,
            body,
        )) else {
            panic!("a master");
        };
        let pick = pick.unwrap();
        assert_eq!(
            pick.url.as_str(),
            "https://cdn.example.com/show/audio/main.m3u8"
        );
        assert_eq!(pick.codec.as_deref(), Some("mp4a.40.5"));
    }

    #[test]
    fn a_master_of_muxed_video_variants_only_has_nothing_to_play() {
        let body = "#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=1280000,CODECS=\"avc1.42e00a,mp4a.40.2\"
low.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2560000,RESOLUTION=1280x720
mid.m3u8
#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI=\"iframe.m3u8\"
";
        let Finding::HlsMaster { pick, variants, .. } =
            classify(&answer("https://cdn.example.com/master.m3u8", None, body))
        else {
            panic!("a master");
        };
        assert_eq!(pick, None);
        assert!(
            variants
                .iter()
                .all(|variant| variant.kind == VariantKind::Video)
        );
    }

    #[test]
    fn without_codecs_the_lowest_variant_in_range_is_picked_and_plain_http_ones_are_skipped() {
        let body = "#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=8000
tiny.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=64000
http://cdn.example.com/64.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=128000
128.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=3000000
hd.m3u8
";
        let Finding::HlsMaster {
            pick, plain_http, ..
        } = classify(&answer(
            "https://cdn.example.com/radio/master.m3u8",
            None,
            body,
        ))
        else {
            panic!("a master");
        };
        assert_eq!(
            pick.unwrap().url.as_str(),
            "https://cdn.example.com/radio/128.m3u8"
        );
        assert_eq!(plain_http, ["http://cdn.example.com/64.m3u8"]);
    }

    #[test]
    fn audio_only_variants_pick_the_best_within_range() {
        let body = "#EXTM3U
#EXT-X-STREAM-INF:BANDWIDTH=48000,CODECS=\"mp4a.40.5\"
48.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=192000,CODECS=\"mp4a.40.2\"
192.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS=\"flac\"
lossless.m3u8
";
        let Finding::HlsMaster { pick, .. } =
            classify(&answer("https://cdn.example.com/m.m3u8", None, body))
        else {
            panic!("a master");
        };
        assert_eq!(pick.unwrap().bitrate_kbps, Some(192));
    }

    #[test]
    fn media_playlists_pls_and_m3u_are_told_apart() {
        let media = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nseg1.aac\n";
        assert_eq!(
            classify(&answer("https://a.example.com/m.m3u8", None, media)),
            Finding::HlsMedia
        );
        let pls = "[playlist]\nNumberOfEntries=2\nFile2=https://b.example.com/two\nFile1=http://a.example.com/one\n";
        assert_eq!(
            classify(&answer(
                "https://a.example.com/x.pls",
                Some("audio/x-scpls"),
                pls
            )),
            Finding::Entries {
                pls: true,
                entries: vec![
                    Url::parse("http://a.example.com/one").unwrap(),
                    Url::parse("https://b.example.com/two").unwrap()
                ]
            }
        );
        let m3u = "#EXTM3U\n#EXTINF:-1,Radio\nlive.mp3\n";
        assert_eq!(
            classify(&answer(
                "https://a.example.com/r/x.m3u",
                Some("audio/x-mpegurl"),
                m3u
            )),
            Finding::Entries {
                pls: false,
                entries: vec![Url::parse("https://a.example.com/r/live.mp3").unwrap()]
            }
        );
    }

    #[test]
    fn direct_streams_are_audio_by_content_type_or_icy_headers() {
        let mut icy = answer("https://a.example.com/live", Some("audio/mpeg"), "");
        icy.icy = true;
        icy.icy_bitrate_kbps = Some(128);
        assert_eq!(
            classify(&icy),
            Finding::Audio {
                codec: Some("audio/mpeg".to_owned()),
                bitrate_kbps: Some(128)
            }
        );
        let mut shoutcast = answer("https://a.example.com/;", None, "");
        shoutcast.icy = true;
        assert!(matches!(classify(&shoutcast), Finding::Audio { .. }));
        let mut unlabelled = answer(
            "https://a.example.com/live",
            Some("application/octet-stream"),
            "",
        );
        unlabelled.body = vec![0xff, 0xfb, 0x90, 0x64, 0x00];
        assert_eq!(
            classify(&unlabelled),
            Finding::Audio {
                codec: Some("audio/mpeg".to_owned()),
                bitrate_kbps: None
            }
        );
        unlabelled.body = vec![0xff, 0xf1, 0x50, 0x80];
        assert!(
            matches!(classify(&unlabelled), Finding::Audio { codec: Some(codec), .. } if codec == "audio/aac")
        );
        assert!(!may_be_playlist(&[0xff, 0xfb, 0x90, 0x64]));
        assert!(!may_be_playlist(&[0x00, 0x01, 0x02]));
        assert!(may_be_playlist(b"#EXTM3U\n"));
        assert_eq!(
            classify(&answer(
                "https://a.example.com/",
                Some("text/html"),
                "<html></html>"
            )),
            Finding::NotAudio("content type text/html".to_owned())
        );
        assert!(matches!(
            classify(&answer(
                "https://a.example.com/v.mp4",
                Some("video/mp4"),
                ""
            )),
            Finding::NotAudio(_)
        ));
    }
}
