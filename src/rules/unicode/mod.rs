//! Family U: Unicode and encoding.

use crate::registry::Rule;

pub mod chars;
pub mod cjk_punctuation;
pub mod fullwidth_forms;
pub mod invisible_format_char;
pub mod lossy_encoding_residue;
pub mod mixed_script_word;
pub mod mojibake;
pub mod non_nfc_text;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(mojibake::Mojibake),
        Box::new(lossy_encoding_residue::LossyEncodingResidue),
        Box::new(invisible_format_char::InvisibleFormatChar),
        Box::new(fullwidth_forms::FullwidthForms),
        Box::new(cjk_punctuation::CjkPunctuation),
        Box::new(mixed_script_word::MixedScriptWord),
        Box::new(non_nfc_text::NonNfcText),
    ]
}
