use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

use super::chars::is_cjk_letter;

declare_rule! {
    /// ## What it finds
    /// Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 on its
    /// way to the page, so that `’` shows as `â€™`, `é` as `Ã©` and `Путин` as
    /// `ÐŸÑƒÑ‚Ð¸Ð½`. A run is reported when encoding it back to cp1252 bytes
    /// and decoding those as UTF-8 gives plausible text: typographic
    /// punctuation, accented Latin letters, whole Cyrillic, Greek or CJK words,
    /// emoji, or a stray byte-order mark. Text mangled twice (`Ã¢â‚¬â„¢`) is
    /// repaired one layer per pass.
    ///
    /// Accented words that are meant (`café`, `São Paulo`, `NESTLÉ®`, a
    /// capital `Ã` before a closing quote) do not round-trip to plausible text
    /// and are left alone.
    ///
    /// ## Why it matters
    /// One wrong charset setting in a scraper or CMS turns every apostrophe,
    /// quote and dash into two or three junk characters. Readers see garbage,
    /// and search, spell-checking and every other rule are thrown off.
    ///
    /// ## Examples
    /// ```bad
    /// Putinâ€™s visit to Beijing was â€œproductiveâ€, the Kremlin said.
    /// ```
    /// ```fixed
    /// Putin’s visit to Beijing was “productive”, the Kremlin said.
    /// ```
    /// ```bad
    /// The rouble fell â€” again â€” after the cafÃ© owners protested.
    /// ```
    /// ```fixed
    /// The rouble fell — again — after the café owners protested.
    /// ```
    /// ```bad
    /// ÐŸÑƒÑ‚Ð¸Ð½ said the talks would continue.
    /// ```
    /// ```fixed
    /// Путин said the talks would continue.
    /// ```
    /// ```bad
    /// The minister said it was Ã¢â‚¬Å“unacceptableÃ¢â‚¬Â\u{9d}, officials said.
    /// ```
    /// ```fixed
    /// The minister said it was “unacceptable”, officials said.
    /// ```
    /// ```bad
    /// Temperatures reached 40Â°C in GdaÅ„sk and ZÃ¼rich.
    /// ```
    /// ```fixed
    /// Temperatures reached 40°C in Gdańsk and Zürich.
    /// ```
    /// ```good
    /// The café in São Paulo served crème brûlée to Señor Muñoz.
    /// ```
    /// ```good
    /// C O N C L U S Ã O
    /// ```
    /// ```good
    /// NESTLÉ® products and the “CAFÉ” sign, Âge d’or, IRMÃ” said.
    /// ```
    /// ```good
    /// “I went to the café…” she said, naïve as ever, at the Hôtel Ritz.
    /// ```
    /// ```good
    /// ¯\_(ツ)_/¯ and (╯°□°）╯ and Ångström units at 5 °C.
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the run with its re-decoded text is safe: the round trip is
    /// exact, byte for byte. When the cp1252 decoder dropped the last byte of
    /// `”` (`â€` alone, or `â€�`), the fix to `”` is unsafe, since four other
    /// characters share that prefix.
    pub struct Mojibake {
        code: "U001",
        name: "mojibake",
        family: Unicode,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

/// Windows-1252 bytes 0x80–0x9F; `None` for the five it leaves undefined.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte that decoding as cp1252 turned into `c`. Latin-1 covers the bytes
/// cp1252 leaves undefined (a "sloppy" decoder passes them as C1 controls).
fn cp1252_byte(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x80..=0xff).contains(&code) {
        return u8::try_from(code).ok();
    }
    let index = CP1252_HIGH.iter().position(|&m| m == Some(c))?;
    u8::try_from(0x80 + index).ok()
}

/// How much one re-decoded character says that its run is mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// Only mojibake looks like this (`â€™`, `Ã©`, `Â°`, `ï»¿`).
    Strong,
    /// A letter of another script or of Latin Extended-A: convincing in
    /// company, or inside a word.
    Letter,
}

/// One UTF-8 sequence seen through cp1252: the lead char and its continuation chars.
#[derive(Debug, Clone)]
struct Sequence {
    range: Range<usize>,
    decoded: char,
    evidence: Evidence,
    /// A two-char sequence whose second char is punctuation such as `”` or
    /// `—`, which also follows real capitals (`CAFÉ”`).
    ends_in_punctuation: bool,
}

fn sequence_at(text: &str, start: usize) -> Option<Sequence> {
    let mut chars = text[start..].char_indices();
    let (_, lead) = chars.next()?;
    let lead = u8::try_from(u32::from(lead))
        .ok()
        .filter(|b| (0xc2..=0xf4).contains(b))?;
    let needed = match lead {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        _ => 3,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut last = ' ';
    for slot in bytes.iter_mut().skip(1).take(needed) {
        let (_, c) = chars.next()?;
        *slot = cp1252_byte(c).filter(|b| (0x80..=0xbf).contains(b))?;
        last = c;
    }
    let end = start + chars.offset();
    let decoded = std::str::from_utf8(&bytes[..=needed]).ok()?.chars().next()?;
    let evidence = evidence(lead, decoded)?;
    Some(Sequence {
        range: start..end,
        decoded,
        evidence,
        ends_in_punctuation: needed == 1 && u32::from(last) > 0xff && !last.is_alphabetic(),
    })
}

fn evidence(lead: u8, decoded: char) -> Option<Evidence> {
    let code = u32::from(decoded);
    match (lead, code) {
        (0xc2, 0x80..=0xbf)
        | (0xc3, _)
        | (0xe2, 0x2000..=0x2bff)
        | (0xe3, 0x3000..=0x303f)
        | (0xef, 0xfeff..=0xffef)
        | (0xf0, 0x1f000..=0x1faff) => Some(Evidence::Strong),
        (0xc4 | 0xc5, _) | (0xce | 0xcf, 0x386..=0x3ff) | (0xd0..=0xd3, _) | (0xd7..=0xdb, _)
            if decoded.is_alphabetic() =>
        {
            Some(Evidence::Letter)
        }
        _ if is_cjk_letter(decoded) => Some(Evidence::Letter),
        _ => None,
    }
}

/// A maximal chain of back-to-back sequences from `start`.
fn chain_at(text: &str, start: usize) -> Vec<Sequence> {
    let mut chain = Vec::new();
    let mut at = start;
    while let Some(sequence) = sequence_at(text, at) {
        at = sequence.range.end;
        chain.push(sequence);
    }
    chain
}

/// Whether a chain reads as mojibake rather than as meant text.
fn is_mojibake(text: &str, chain: &[Sequence]) -> bool {
    let (Some(first), Some(last)) = (chain.first(), chain.last()) else {
        return false;
    };
    let before = text[..first.range.start].chars().next_back();
    let after = text[last.range.end..].chars().next();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    if chain.len() == 1 {
        // `IRMÃ”`, `CAFÉ—`: a real capital before punctuation, unless a
        // letter follows as it would inside a mangled word (`Ã‰cole`).
        if first.ends_in_punctuation && !letter(after) {
            return false;
        }
        if first.evidence == Evidence::Letter {
            return letter(before) && letter(after);
        }
    }
    chain.iter().any(|s| s.evidence == Evidence::Strong) || chain.len() >= 2
}

/// The run's text once decoded as UTF-8.
fn decode(chain: &[Sequence]) -> String {
    chain.iter().map(|s| s.decoded).collect()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    // Every lead char (U+00C2–U+00F4) is encoded as 0xC3 and a second byte.
    for pos in memchr::memchr_iter(0xc3, text.as_bytes()) {
        if pos < covered {
            continue;
        }
        let chain = chain_at(text, pos);
        if is_mojibake(text, &chain) {
            let range = chain[0].range.start..chain[chain.len() - 1].range.end;
            covered = range.end;
            let decoded = decode(&chain);
            out.push(
                Diagnostic::new(
                    &Mojibake::META,
                    range.clone(),
                    format!(
                        "Mojibake: `{}` is `{decoded}` decoded in the wrong charset",
                        &text[range.clone()]
                    ),
                )
                .with_fix(Fix::safe(
                    format!("Replace with `{decoded}`"),
                    vec![Edit::replacement(range, decoded)],
                )),
            );
        } else if let Some(range) = truncated_right_quote(text, pos) {
            covered = range.end;
            out.push(
                Diagnostic::new(
                    &Mojibake::META,
                    range.clone(),
                    format!(
                        "Mojibake: `{}` is most likely `”` decoded in the wrong charset",
                        &text[range.clone()]
                    ),
                )
                .with_fix(Fix::unsafe_("Replace with `”`", vec![Edit::replacement(range, "”")])),
            );
        }
    }
}

/// `â€` whose third byte (0x9D for `”`) the decoder dropped or replaced by `�`.
fn truncated_right_quote(text: &str, pos: usize) -> Option<Range<usize>> {
    let rest = &text[pos..];
    if !rest.starts_with("â€") {
        return None;
    }
    let end = pos + "â€".len();
    match text[end..].chars().next() {
        Some('\u{fffd}') => Some(pos..end + '\u{fffd}'.len_utf8()),
        Some(c) if cp1252_byte(c).is_some_and(|b| (0x80..=0xbf).contains(&b)) => None,
        _ => Some(pos..end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> Option<String> {
        let chain = chain_at(text, 0);
        is_mojibake(text, &chain).then(|| decode(&chain))
    }

    /// Mangles `text` the way a cp1252 reader does.
    fn mangle(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                0x00..=0x7f | 0xa0..=0xff => char::from(b),
                _ => CP1252_HIGH[usize::from(b - 0x80)].unwrap_or(char::from(b)),
            })
            .collect()
    }

    #[test]
    fn round_trips_what_cp1252_mangled() {
        for original in [
            "’",
            "“",
            "—",
            "é",
            "Ü",
            "ß",
            "Путин",
            "Ελλάδα",
            "中国",
            "€",
            "™",
            "😀",
            "\u{feff}",
            "，",
            "。",
        ] {
            let mangled = mangle(original);
            assert_eq!(repaired(&mangled).as_deref(), Some(original), "{mangled}");
        }
    }

    #[test]
    fn undefined_cp1252_bytes_fall_back_to_latin1() {
        assert_eq!(repaired("â€\u{9d}").as_deref(), Some("”"));
        assert_eq!(cp1252_byte('\u{81}'), Some(0x81));
        assert_eq!(cp1252_byte('Ÿ'), Some(0x9f));
        assert_eq!(cp1252_byte('A'), None);
    }

    #[test]
    fn meant_accents_do_not_round_trip() {
        for text in ["É®", "Ã”", "é…”", "Ã O", "Ão", "Ñ¡"] {
            assert_eq!(repaired(text), None, "{text}");
        }
    }

    #[test]
    fn a_lone_letter_needs_a_word_around_it() {
        assert_eq!(repaired("Å„"), None);
        let doc = "GdaÅ„sk";
        let chain = chain_at(doc, 3);
        assert!(is_mojibake(doc, &chain));
        assert_eq!(decode(&chain), "ń");
    }

    #[test]
    fn truncated_quote() {
        assert_eq!(truncated_right_quote("â€ and", 0), Some(0..5));
        assert_eq!(truncated_right_quote("â€\u{fffd}", 0), Some(0..8));
        assert_eq!(truncated_right_quote("â€™", 0), None);
    }
}
