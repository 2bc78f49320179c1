//! A short list stored inline when it has one item: most artifacts are images with one
//! platform, one architecture and one OS, and a heap allocation for each would cost 100,000
//! artifacts megabytes (an allocation is at least 16 bytes in the wasm allocator).

use std::ops::Deref;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Few<T> {
    One(T),
    /// None, or more than one.
    Many(Box<[T]>),
}

impl<T> Default for Few<T> {
    fn default() -> Self {
        Few::Many(Box::default())
    }
}

impl<T> Deref for Few<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Few::One(item) => std::slice::from_ref(item),
            Few::Many(items) => items,
        }
    }
}

impl<T> From<Vec<T>> for Few<T> {
    fn from(mut items: Vec<T>) -> Self {
        match items.len() {
            1 => items.pop().map_or_else(Few::default, Few::One),
            _ => Few::Many(items.into_boxed_slice()),
        }
    }
}

impl<T> FromIterator<T> for Few<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        items.into_iter().collect::<Vec<T>>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_it_was_given_in_order() {
        for n in 0..4u16 {
            let items: Vec<u16> = (0..n).collect();
            let few = Few::from(items.clone());
            assert_eq!(&*few, &items[..]);
            assert_eq!(matches!(few, Few::One(_)), n == 1, "one item is kept inline");
            assert_eq!((0..n).collect::<Few<u16>>(), few);
        }
    }
}
