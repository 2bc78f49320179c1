//! The colour theme: the system's choice, or a manual override (remembered by the browser).

use crate::engine::named_enum;

named_enum!(
    /// The themes offered, in the order the toggle steps through them; the name is what is
    /// stored.
    Theme { System = "system", Light = "light", Dark = "dark" }
);

impl Theme {
    /// What is stored; anything else (nothing stored yet, an old value) is the system's.
    pub fn stored(value: &str) -> Theme {
        Theme::parse(value).unwrap_or(Theme::System)
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The theme the toggle switches to.
    pub fn next(self) -> Theme {
        let i = Theme::ALL.iter().position(|&t| t == self).unwrap_or(0);
        Theme::ALL[(i + 1) % Theme::ALL.len()]
    }

    /// The page's `data-theme` attribute: an override, or none to follow the system.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toggle_steps_through_system_light_dark() {
        assert_eq!(Theme::System.next(), Theme::Light);
        assert_eq!(Theme::Light.next(), Theme::Dark);
        assert_eq!(Theme::Dark.next(), Theme::System);
        assert_eq!(Theme::Dark.label(), "Dark");
    }

    #[test]
    fn only_an_override_sets_the_attribute_and_garbage_is_the_system() {
        assert_eq!(Theme::stored(""), Theme::System);
        assert_eq!(Theme::stored("sepia"), Theme::System);
        assert_eq!(Theme::stored("dark"), Theme::Dark);
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Light.attribute(), Some("light"));
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
    }
}
