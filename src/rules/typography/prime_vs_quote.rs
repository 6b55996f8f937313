use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// Quote marks used as primes for feet and inches or minutes and seconds:
    /// in coordinates after a degree sign (`39°54'27"N`), and curly quotes after
    /// digits (`a 6’2” player`, `a 55” screen`).
    ///
    /// ## Why it matters
    /// Smart-quote software curls the marks after a number into quotes, which
    /// look wrong; the prime `′` and double prime `″` are the typeset forms.
    ///
    /// Opt-in: plain-ASCII house styles write `5'11"` on purpose, and that is
    /// left alone outside coordinates. Decades (`the ’90s`) and quoted numbers
    /// (`“15”`) are not primes.
    ///
    /// ## Examples
    /// ```bad
    /// The epicentre was at 39°54'27"N.
    /// ```
    /// ```fixed
    /// The epicentre was at 39°54′27″N.
    /// ```
    /// ```bad
    /// a 6’2” player and a 55” screen
    /// ```
    /// ```fixed
    /// a 6′2″ player and a 55″ screen
    /// ```
    /// ```good
    /// the ’90s, the number “15” and a 5'11" player in plain ASCII
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the marks with primes is unsafe: it is a house-style choice.
    pub struct PrimeVsQuote {
        code: "T004",
        name: "prime-vs-quote",
        family: Typography,
        severity: Info,
        default: false,
        fix: Unsafe,
    }
}

fn prime_for(c: char) -> Option<&'static str> {
    match c {
        '\'' | '’' => Some("′"),
        '"' | '”' => Some("″"),
        _ => None,
    }
}

/// Whether the digits that end at `offset` follow a degree sign (`39°54`), or
/// minutes after one (`39°54'27`): a coordinate, not feet and inches.
fn in_coordinate(text: &str, offset: usize) -> bool {
    let digits = |c: char| c.is_ascii_digit() || c == '.';
    let before = text[..offset].trim_end_matches(digits);
    let before = match before.strip_suffix(['\'', '’', '′']) {
        Some(minutes) => minutes.trim_end_matches(digits),
        None => before,
    };
    before.ends_with('°')
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let marks = &doc.quotes().marks;
    for (pos, ch) in text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '\'' | '’' | '"' | '”'))
    {
        let Some(prime) = prime_for(ch) else { continue };
        if !doc.char_before(pos).is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let after = doc.char_at(pos + ch.len_utf8());
        let curly = matches!(ch, '’' | '”');
        let is_prime = if in_coordinate(text, pos) {
            true
        } else if ch == '’' {
            // `6’2`: feet before inches.
            after.is_some_and(|c| c.is_ascii_digit())
        } else if ch == '”' {
            // Not the close of a quoted number (`“15”`).
            let index = marks.partition_point(|m| m.offset < pos);
            marks
                .get(index)
                .is_some_and(|m| m.offset == pos && m.role != QuoteRole::Close)
        } else {
            false
        };
        if !is_prime || !curly && !in_coordinate(text, pos) {
            continue;
        }
        let span = pos..pos + ch.len_utf8();
        out.push(
            Diagnostic::new(&PrimeVsQuote::META, span.clone(), format!("`{ch}` used as a prime")).with_fix(
                Fix::unsafe_(format!("Write `{prime}`"), vec![Edit::replacement(span, prime)]),
            ),
        );
    }
}
