//! Family M: MT markers and leftovers.

use crate::registry::Rule;

pub mod name_interpunct;
pub mod repeated_phrase_loop;
pub mod scrape_ui_junk;
pub mod stray_end_marker;
pub mod untranslated_script_run;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(stray_end_marker::StrayEndMarker),
        Box::new(scrape_ui_junk::ScrapeUiJunk),
        Box::new(untranslated_script_run::UntranslatedScriptRun),
        Box::new(name_interpunct::NameInterpunct),
        Box::new(repeated_phrase_loop::RepeatedPhraseLoop),
    ]
}
