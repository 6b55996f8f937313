//! Character classes shared by the Unicode rules and M005: scripts by code
//! point range (enough for deciding "is this CJK / Cyrillic / Greek"), and the
//! look-alike letters between Latin, Cyrillic and Greek.

/// The scripts the rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    /// Han, kana and Hangul.
    Cjk,
}

impl Script {
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Arabic => "Arabic",
            Script::Cjk => "CJK",
        }
    }
}

/// The script of a letter, for the scripts the rules care about.
pub fn script_of(c: char) -> Option<Script> {
    match c {
        'A'..='Z' | 'a'..='z' => Some(Script::Latin),
        '\u{c0}'..='\u{24f}' if c != '×' && c != '÷' => Some(Script::Latin),
        '\u{1e00}'..='\u{1eff}' => Some(Script::Latin),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' if c.is_alphabetic() => Some(Script::Greek),
        '\u{400}'..='\u{52f}' if c.is_alphabetic() => Some(Script::Cyrillic),
        '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}'
            if c.is_alphabetic() =>
        {
            Some(Script::Arabic)
        }
        _ if is_cjk_letter(c) => Some(Script::Cjk),
        _ => None,
    }
}

/// Han ideographs, Hiragana, Katakana and Hangul syllables and letters.
pub fn is_cjk_letter(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309f}'     // Hiragana
        | '\u{30a0}'..='\u{30fa}'   // Katakana (not the middle dot U+30FB)
        | '\u{30fc}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'   // Han extension A
        | '\u{4e00}'..='\u{9fff}'   // Han
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'   // half-width katakana
        | '\u{1100}'..='\u{11ff}'   // Hangul jamo
        | '\u{3130}'..='\u{318f}'
        | '\u{ac00}'..='\u{d7af}'   // Hangul syllables
        | '\u{20000}'..='\u{2ffff}')
}

/// CJK letters and CJK punctuation (U+3000 block, full-width forms): a char that
/// belongs to Chinese, Japanese or Korean text rather than to English prose.
pub fn is_cjk(c: char) -> bool {
    is_cjk_letter(c) || matches!(c, '\u{3001}'..='\u{303f}' | '\u{ff01}'..='\u{ff65}' | '\u{30fb}')
}

/// The Latin letter a Cyrillic or Greek letter is drawn like, when a reader
/// cannot tell them apart. Greek lowercase letters other than omicron are left
/// out: `TNFα`, `IFNγ`, `NFκB` are science, not spoofing.
pub fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        'І' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        // Greek
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        _ => return None,
    })
}

/// The Cyrillic letter a Latin letter is drawn like (the inverse of the
/// Cyrillic half of [`latin_lookalike`]).
pub fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'I' => 'І',
        'J' => 'Ј',
        'S' => 'Ѕ',
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'j' => 'ј',
        's' => 'ѕ',
        'h' => 'һ',
        _ => return None,
    })
}

/// Emoji and pictographs, for leaving ZWJ sequences alone.
pub fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21ff}'
        | '\u{2300}'..='\u{23ff}'
        | '\u{2600}'..='\u{27bf}'
        | '\u{2b00}'..='\u{2bff}'
        | '\u{fe0f}'
        | '\u{1f000}'..='\u{1faff}')
}

/// Scripts whose spelling needs ZWJ/ZWNJ: Arabic, Persian, Hebrew, Syriac and the
/// Indic scripts.
pub fn needs_joiners(c: char) -> bool {
    matches!(c,
        '\u{590}'..='\u{8ff}'
        | '\u{900}'..='\u{dff}'
        | '\u{f00}'..='\u{fff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{fb1d}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_by_range() {
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('А'), Some(Script::Cyrillic));
        assert_eq!(script_of('β'), Some(Script::Greek));
        assert_eq!(script_of('习'), Some(Script::Cjk));
        assert_eq!(script_of('한'), Some(Script::Cjk));
        assert_eq!(script_of('×'), None);
        assert!(!is_cjk_letter('・'));
        assert!(is_cjk('，'));
    }

    #[test]
    fn lookalikes_round_trip() {
        for c in "AВЕКМНОРСТХУІЈЅаеорсухіјѕһ"
            .chars()
            .filter(|c| script_of(*c) == Some(Script::Cyrillic))
        {
            let latin = latin_lookalike(c).unwrap();
            assert_eq!(cyrillic_lookalike(latin), Some(c), "{c}");
        }
    }
}
