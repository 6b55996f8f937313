//! Family M: MT markers and leftovers.

use crate::registry::Rule;

pub mod scrape_ui_junk;
pub mod stray_end_marker;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(stray_end_marker::StrayEndMarker),
        Box::new(scrape_ui_junk::ScrapeUiJunk),
    ]
}
