//! The engine: the provider-neutral artifact model, the catalog that stores it, and the
//! filter → sort → page pipeline, with what it needs (natural tag order, tag matching,
//! statistics, export, formatting). Depends on nothing else in the crate.

pub mod catalog;
pub mod columns;
pub mod export;
pub mod digest;
pub mod few;
pub mod format;
pub mod intern;
pub mod key_index;
pub mod model;
pub mod natural;
pub mod plan;
pub mod row_set;
pub mod sort;
pub mod stats;
pub mod tag_match;
pub mod value_set;
pub mod view;

/// An enum whose variants have fixed names (URL values, config values): `as_str`, `parse`
/// and `ALL`, in declaration order.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use named_enum;
