//! Keyboard shortcuts: which key, pressed where, asks for what.

/// What a shortcut asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// "/": jump to the tag filter.
    FocusFilter,
}

/// A key press, as far as shortcuts care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// The tag name of the element it was pressed in (`INPUT`…), if any.
    pub target_tag: Option<&'a str>,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
}

/// The shortcut a key press asks for. Keys typed into a form field are the field's, and a
/// modifier makes the press another shortcut (the browser's, the system's).
pub fn shortcut(press: KeyPress) -> Option<Shortcut> {
    let in_field = press.target_tag.is_some_and(|tag| matches!(tag, "INPUT" | "TEXTAREA" | "SELECT"));
    if in_field || press.ctrl || press.meta || press.alt {
        return None;
    }
    match press.key {
        "/" => Some(Shortcut::FocusFilter),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_focuses_the_filter_from_anywhere_but_a_field() {
        let slash = KeyPress { key: "/", ..KeyPress::default() };
        assert_eq!(shortcut(slash), Some(Shortcut::FocusFilter));
        assert_eq!(shortcut(KeyPress { target_tag: Some("BODY"), ..slash }), Some(Shortcut::FocusFilter));
        assert_eq!(shortcut(KeyPress { target_tag: Some("BUTTON"), ..slash }), Some(Shortcut::FocusFilter));
        for field in ["INPUT", "TEXTAREA", "SELECT"] {
            assert_eq!(shortcut(KeyPress { target_tag: Some(field), ..slash }), None, "{field}");
        }
    }

    #[test]
    fn modifiers_and_other_keys_are_not_shortcuts() {
        let slash = KeyPress { key: "/", ..KeyPress::default() };
        assert_eq!(shortcut(KeyPress { ctrl: true, ..slash }), None);
        assert_eq!(shortcut(KeyPress { meta: true, ..slash }), None);
        assert_eq!(shortcut(KeyPress { alt: true, ..slash }), None);
        assert_eq!(shortcut(KeyPress { key: "?", ..slash }), None);
        assert_eq!(shortcut(KeyPress { key: "s", ..slash }), None);
    }
}
