//! Sources: where the artifacts come from (a provider and its coordinates), and the pure
//! decisions about them.

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
