use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Ellipses written in more than one form in one document (`...`, `…` and
    /// `. . .`), runs of five or more periods, and the Chinese double ellipsis
    /// `……`. The forms in the minority are reported.
    ///
    /// ## Why it matters
    /// Mixed forms show text pasted from several sources; `……` is a leftover
    /// of Chinese punctuation, and long runs of dots are typing noise.
    ///
    /// Opt-in: which form is right is a house style. The four-dot form at a
    /// sentence end (`....`) counts as `...`; ranges in code (`1...10`) and
    /// URLs are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// He paused... and said nothing. Then he left…
    /// He came back... and smiled.
    /// ```
    /// ```fixed
    /// He paused... and said nothing. Then he left...
    /// He came back... and smiled.
    /// ```
    /// ```bad
    /// he paused……and said..... nothing
    /// ```
    /// ```fixed
    /// he paused...and said... nothing
    /// ```
    /// ```good
    /// “I don’t know …” he said, and then … nothing.
    /// ```
    /// ```good
    /// and so on . . . and so forth . . . in a loop for i in 1...10.
    /// ```
    ///
    /// ## Fix safety
    /// Rewriting an ellipsis in the majority form (`...` when there is none) is
    /// unsafe: the house style may differ.
    pub struct EllipsisForm {
        code: "T001",
        name: "ellipsis-form",
        family: Typography,
        severity: Info,
        default: false,
        fix: Unsafe,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Dots,
    Character,
    Spaced,
}

impl Form {
    fn text(self) -> &'static str {
        match self {
            Form::Dots => "...",
            Form::Character => "…",
            Form::Spaced => ". . .",
        }
    }
}

/// One ellipsis: its span, its form, and whether it is malformed by itself
/// (`……`, five or more dots).
struct Found {
    span: std::ops::Range<usize>,
    form: Form,
    malformed: bool,
}

fn find(doc: &Document) -> Vec<Found> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with("…".as_bytes()) {
            let len = text[i..].chars().take_while(|&c| c == '…').count();
            let end = i + len * '…'.len_utf8();
            found.push(Found {
                span: i..end,
                form: Form::Character,
                malformed: len > 1,
            });
            i = end;
        } else if bytes[i] == b'.' {
            let dots = bytes[i..].iter().take_while(|&&b| b == b'.').count();
            let mut end = i + dots;
            if dots >= 3 {
                let numeric = i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(end).is_some_and(u8::is_ascii_digit);
                if !numeric {
                    found.push(Found {
                        span: i..end,
                        form: Form::Dots,
                        malformed: dots > 4,
                    });
                }
            } else if text[i..].starts_with(". . .") {
                end = i + 5;
                while text[end..].starts_with(" .") {
                    end += 2;
                }
                found.push(Found {
                    span: i..end,
                    form: Form::Spaced,
                    malformed: false,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    found.retain(|f| !doc.is_protected(f.span.start));
    found
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let found = find(doc);
    let count = |form: Form| found.iter().filter(|f| f.form == form).count();
    let forms = [Form::Dots, Form::Character, Form::Spaced];
    let majority = forms
        .iter()
        .copied()
        .max_by_key(|&form| (count(form), form == Form::Dots))
        .unwrap_or(Form::Dots);
    let mixed = forms.iter().filter(|&&form| count(form) > 0).count() > 1;
    for ellipsis in found {
        let minority = mixed && ellipsis.form != majority;
        if !ellipsis.malformed && !minority {
            continue;
        }
        let message = if ellipsis.malformed {
            format!("Malformed ellipsis `{}`", &doc.text()[ellipsis.span.clone()])
        } else {
            format!(
                "Ellipsis written `{}` in a document that mostly uses `{}`",
                ellipsis.form.text(),
                majority.text()
            )
        };
        out.push(
            Diagnostic::new(&EllipsisForm::META, ellipsis.span.clone(), message).with_fix(Fix::unsafe_(
                format!("Write `{}`", majority.text()),
                vec![Edit::replacement(ellipsis.span, majority.text())],
            )),
        );
    }
}
