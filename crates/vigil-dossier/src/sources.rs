//! How a dossier names its sources: by id for those who may see source identities, otherwise
//! as "source 1", "source 2", … in the order they first appear, so the same source has the same
//! label throughout the document and nothing about it but its kind is given away.

use std::collections::HashMap;
use vigil_domain::{Source, SourceId, SourceKind};

use crate::model::SourcePart;

pub struct SourceLabels {
    identities: bool,
    known: HashMap<SourceId, Source>,
    labels: HashMap<SourceId, String>,
    order: Vec<SourceId>,
}

impl SourceLabels {
    /// `known` are the source records that may be described (by kind, and in full when
    /// `identities`).
    pub fn new(identities: bool, known: Vec<Source>) -> Self {
        Self {
            identities,
            known: known.into_iter().map(|s| (s.id.clone(), s)).collect(),
            labels: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// The label of `id`, given the next number the first time it is asked for.
    pub fn label(&mut self, id: &SourceId) -> String {
        if let Some(label) = self.labels.get(id) {
            return label.clone();
        }
        let label = if self.identities {
            id.to_string()
        } else {
            format!("source {}", self.order.len() + 1)
        };
        self.labels.insert(id.clone(), label.clone());
        self.order.push(id.clone());
        label
    }

    pub fn label_opt(&mut self, id: Option<&SourceId>) -> Option<String> {
        id.map(|id| self.label(id))
    }

    /// Every labelled source, in label order: in full for those who may see identities, by
    /// label and kind for everyone else.
    pub fn into_parts(self) -> Vec<SourcePart> {
        self.order
            .iter()
            .map(|id| {
                let source = self.known.get(id);
                let kind: Option<SourceKind> = source.map(|s| s.kind);
                let full = self.identities.then_some(source).flatten();
                SourcePart {
                    label: self.labels[id].clone(),
                    kind,
                    title: full.map(|s| s.title.clone()),
                    publisher: full.and_then(|s| s.publisher.clone()),
                    url: full.and_then(|s| s.url.clone()),
                    published_on: full.and_then(|s| s.published_on),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Source {
        Source {
            id: SourceId::new(id).unwrap(),
            kind: SourceKind::Witness,
            title: "A named witness".into(),
            publisher: Some("Someone".into()),
            url: None,
            published_on: None,
            protected: true,
        }
    }

    #[test]
    fn without_identities_sources_are_numbered_and_only_their_kind_is_told() {
        let (a, b) = (SourceId::new("w-1").unwrap(), SourceId::new("w-2").unwrap());
        let mut labels = SourceLabels::new(false, vec![source("w-1"), source("w-2")]);
        assert_eq!(labels.label(&b), "source 1");
        assert_eq!(labels.label(&a), "source 2");
        assert_eq!(
            labels.label(&b),
            "source 1",
            "the same source, the same label"
        );
        let parts = labels.into_parts();
        assert_eq!(parts.len(), 2);
        assert!(parts
            .iter()
            .all(|p| p.title.is_none() && p.publisher.is_none()));
        assert_eq!(parts[0].kind, Some(SourceKind::Witness));
        let text = serde_json::to_string(&parts).unwrap();
        assert!(
            !text.contains("w-1") && !text.contains("named witness"),
            "{text}"
        );
    }

    #[test]
    fn with_identities_sources_keep_their_ids_and_titles() {
        let mut labels = SourceLabels::new(true, vec![source("w-1")]);
        assert_eq!(labels.label(&SourceId::new("w-1").unwrap()), "w-1");
        let parts = labels.into_parts();
        assert_eq!(parts[0].title.as_deref(), Some("A named witness"));
    }
}
