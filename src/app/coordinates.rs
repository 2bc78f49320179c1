//! Where the artifacts come from, as typed: a provider's coordinates, and what the
//! connection form means by them once submitted.

use crate::providers::katapult::RepositoryRef;
use crate::providers::ProviderKind;

/// Where the artifacts come from. Values are kept as typed; providers validate them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Coordinates {
    pub endpoint: String,
    pub proxy: String,
    pub region: String,
    pub instance: String,
    pub namespace: String,
    pub repository: String,
    pub repository_id: String,
    /// SWR: also list accessories (cosign signatures).
    pub accessories: bool,
}

impl Coordinates {
    /// What the connection form hands over: every field trimmed; `by_id` says which of the
    /// repository fields was shown (Katapult finds a repository by name or by id, never
    /// both), and only that one is kept — in `repository_id` for Katapult by id, in
    /// `repository` otherwise.
    pub fn normalized(&self, provider: ProviderKind, by_id: bool) -> Coordinates {
        let trimmed = |s: &String| s.trim().to_string();
        let repository = if by_id { trimmed(&self.repository_id) } else { trimmed(&self.repository) };
        let (repository, repository_id) = match (provider, by_id) {
            (ProviderKind::Katapult, true) => (String::new(), repository),
            _ => (repository, String::new()),
        };
        Coordinates {
            endpoint: trimmed(&self.endpoint),
            proxy: trimmed(&self.proxy),
            region: trimmed(&self.region),
            instance: trimmed(&self.instance),
            namespace: trimmed(&self.namespace),
            repository,
            repository_id,
            accessories: self.accessories,
        }
    }

    /// Whether the form shows the repository by id: only an id is given.
    pub fn by_id(&self) -> bool {
        self.repository.is_empty() && !self.repository_id.is_empty()
    }

    /// Katapult's repository: by name when a name is given, else by id.
    pub fn katapult_repository(&self) -> RepositoryRef {
        if self.repository.is_empty() {
            RepositoryRef::Id(self.repository_id.clone())
        } else {
            RepositoryRef::Name(self.repository.clone())
        }
    }

    /// The endpoint and proxy of `next` that differ from these (trimmed, empty ones left
    /// out): URLs the person typed in the form, whose hosts need no confirmation.
    pub fn typed_urls<'a>(&self, next: &'a Coordinates) -> Vec<&'a str> {
        [(&self.endpoint, &next.endpoint), (&self.proxy, &next.proxy)]
            .into_iter()
            .filter(|(before, after)| before != after)
            .map(|(_, after)| after.trim())
            .filter(|after| !after.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> Coordinates {
        Coordinates {
            endpoint: " https://api.katapult.io/ ".into(),
            proxy: "\thttp://127.0.0.1:8081/ ".into(),
            region: " uk-lon-01".into(),
            instance: "inst ".into(),
            namespace: " team ".into(),
            repository: " team/web ".into(),
            repository_id: " arep_1 ".into(),
            accessories: true,
        }
    }

    #[test]
    fn a_submitted_form_is_trimmed() {
        let c = typed().normalized(ProviderKind::Swr, false);
        assert_eq!(
            c,
            Coordinates {
                endpoint: "https://api.katapult.io/".into(),
                proxy: "http://127.0.0.1:8081/".into(),
                region: "uk-lon-01".into(),
                instance: "inst".into(),
                namespace: "team".into(),
                repository: "team/web".into(),
                repository_id: String::new(),
                accessories: true,
            }
        );
        assert_eq!(c.normalized(ProviderKind::Swr, false), c, "idempotent");
    }

    #[test]
    fn katapult_keeps_exactly_one_of_name_and_id() {
        let by_name = typed().normalized(ProviderKind::Katapult, false);
        assert_eq!((by_name.repository.as_str(), by_name.repository_id.as_str()), ("team/web", ""));
        let by_id = typed().normalized(ProviderKind::Katapult, true);
        assert_eq!((by_id.repository.as_str(), by_id.repository_id.as_str()), ("", "arep_1"));
        assert_eq!(by_id.katapult_repository(), RepositoryRef::Id("arep_1".into()));
        assert_eq!(by_name.katapult_repository(), RepositoryRef::Name("team/web".into()));
        // Another provider has no "by id": what the id field held becomes the repository.
        let swr = typed().normalized(ProviderKind::Swr, true);
        assert_eq!((swr.repository.as_str(), swr.repository_id.as_str()), ("arep_1", ""));
    }

    #[test]
    fn the_form_shows_by_id_only_when_only_an_id_is_given() {
        let id_only = Coordinates { repository_id: "arep_1".into(), ..Coordinates::default() };
        assert!(id_only.by_id());
        assert!(!typed().by_id(), "a name wins");
        assert!(!Coordinates::default().by_id());
        assert_eq!(Coordinates::default().katapult_repository(), RepositoryRef::Id(String::new()));
    }

    #[test]
    fn typed_urls_are_the_changed_endpoint_and_proxy() {
        let before = Coordinates { endpoint: "https://a.example".into(), ..Coordinates::default() };
        let next = Coordinates {
            endpoint: "https://a.example".into(),
            proxy: " https://p.example/?url={url} ".into(),
            region: "changed".into(),
            ..Coordinates::default()
        };
        assert_eq!(before.typed_urls(&next), ["https://p.example/?url={url}"], "the unchanged endpoint is not typed");
        let cleared = Coordinates::default();
        assert!(before.typed_urls(&cleared).is_empty(), "a cleared field names no host");
        assert_eq!(cleared.typed_urls(&before), ["https://a.example"]);
    }
}
