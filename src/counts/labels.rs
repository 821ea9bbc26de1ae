//! Names for the ids that counts are keyed by.
//!
//! Takes a [`Gazetteer`] and a [`LexiconSet`] (or plain names, for tests and
//! library users without either) and gives the council name, GSS code and
//! theme id that every output prints. An id neither knows (a stale index
//! read with a newer gazetteer) gets a visible placeholder, never a panic.

use crate::councils::{CouncilId, Gazetteer};
use crate::themes::{LexiconSet, ThemeId};

/// A council as outputs name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CouncilLabel {
    pub name: String,
    pub gss_code: String,
}

/// A theme as outputs name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ThemeLabel {
    /// Machine name used in tables (`caseloads`).
    pub id: String,
    /// Human name used in the HTML report.
    pub label: String,
    pub description: String,
}

/// Council and theme names, indexed by [`CouncilId`] and [`ThemeId`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Labels {
    councils: Vec<CouncilLabel>,
    themes: Vec<ThemeLabel>,
}

impl Labels {
    /// Names from the gazetteer and lexicons in force.
    pub fn new(gazetteer: &Gazetteer, lexicons: &LexiconSet) -> Labels {
        Labels {
            councils: gazetteer
                .councils()
                .iter()
                .map(|c| CouncilLabel {
                    name: c.name.clone(),
                    gss_code: c.gss_code.clone(),
                })
                .collect(),
            themes: lexicons
                .themes()
                .iter()
                .map(|t| ThemeLabel {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    description: t.description.clone(),
                })
                .collect(),
        }
    }

    /// Names given directly: councils as `(name, gss_code)` in id order,
    /// themes as ids in id order (label = id).
    pub fn from_parts(councils: &[(&str, &str)], themes: &[&str]) -> Labels {
        Labels {
            councils: councils
                .iter()
                .map(|(name, gss)| CouncilLabel {
                    name: (*name).to_string(),
                    gss_code: (*gss).to_string(),
                })
                .collect(),
            themes: themes
                .iter()
                .map(|id| ThemeLabel {
                    id: (*id).to_string(),
                    label: (*id).to_string(),
                    description: String::new(),
                })
                .collect(),
        }
    }

    /// Every theme id in use, in lexicon order.
    pub fn theme_ids(&self) -> impl Iterator<Item = ThemeId> + '_ {
        (0..self.themes.len()).filter_map(|i| u16::try_from(i).ok().map(ThemeId))
    }

    /// The council's name and code (a placeholder for an unknown id).
    pub fn council(&self, id: CouncilId) -> CouncilLabel {
        self.councils
            .get(usize::from(id.0))
            .cloned()
            .unwrap_or_else(|| CouncilLabel {
                name: format!("unknown council #{}", id.0),
                gss_code: String::new(),
            })
    }

    /// The theme's names (a placeholder for an unknown id).
    pub fn theme(&self, id: ThemeId) -> ThemeLabel {
        self.themes
            .get(usize::from(id.0))
            .cloned()
            .unwrap_or_else(|| ThemeLabel {
                id: format!("theme_{}", id.0),
                label: format!("theme #{}", id.0),
                description: String::new(),
            })
    }

    /// Theme labels in lexicon order.
    pub fn themes(&self) -> &[ThemeLabel] {
        &self.themes
    }
}
