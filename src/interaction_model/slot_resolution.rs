//! What entity resolution reports for a slot ([`SlotResolution`]), which authority matched it ([`AuthorityKind`]),
//! and the names the live schedule adds at run time ([`DynamicName`]): shared by the slot catalogs that resolve and
//! the NLU that reports.

use serde::Serialize;

/// A name the live schedule pushes with `Dialog.UpdateDynamicEntities`, so that names not in the model's static
/// catalog still resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicName {
    /// The entity id, the schedule's source key (`radio-uno`).
    pub id: String,
    /// The name as written (`Radio Uno`).
    pub name: String,
    /// Other ways to say it.
    pub synonyms: Vec<String>,
}

/// Which entity-resolution authority matched a slot value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthorityKind {
    /// The slot type's values in the interaction model.
    Static,
    /// The names pushed with `Dialog.UpdateDynamicEntities`.
    Dynamic,
}

/// The result of entity resolution for one slot, as Alexa reports it in `resolutionsPerAuthority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotResolution {
    /// The authority that matched (or, on no match, the static one).
    pub authority: AuthorityKind,
    /// `ER_SUCCESS_MATCH` when true, `ER_SUCCESS_NO_MATCH` when false.
    pub status_match: bool,
    /// The matched value's id; empty on no match.
    pub id: String,
    /// The matched value's canonical name; empty on no match.
    pub name: String,
}

impl AuthorityKind {
    /// The authority string of Alexa's `resolutionsPerAuthority[].authority` for this kind.
    #[must_use]
    pub fn authority(self, skill_id: &str, slot_type: &str) -> String {
        match self {
            Self::Static => format!("amzn1.er-authority.echo-sdk.{skill_id}.{slot_type}"),
            Self::Dynamic => format!("amzn1.er-authority.echo-sdk.dynamic.{skill_id}.{slot_type}"),
        }
    }
}
