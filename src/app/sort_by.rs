//! The "Sort by" control that stands in for the column headers where they are hidden
//! (narrow screens): the columns it offers, in the grid's order, the two orders, and the
//! view a choice makes (the same `sort`/`order` in the URL as a header click).

use crate::app::url_state::ViewState;
use crate::engine::sort::{Order, SortKey};

/// The grid's sortable columns and their header names, in the grid's order.
pub const COLUMNS: [(SortKey, &str); 7] = [
    (SortKey::Tags, "Tags"),
    (SortKey::Digest, "Digest"),
    (SortKey::Platform, "Platform"),
    (SortKey::Size, "Size"),
    (SortKey::Pushed, "Pushed"),
    (SortKey::Pulled, "Pulled"),
    (SortKey::MediaType, "Media type"),
];

/// The columns offered, as the grid's headers name them; the Plan column only with a plan.
pub fn columns(plan_active: bool) -> Vec<(SortKey, &'static str)> {
    let mut columns = COLUMNS.to_vec();
    if plan_active {
        columns.push((SortKey::Plan, "Plan"));
    }
    columns
}

/// The orders offered, in words.
pub const ORDERS: [(Order, &str); 2] = [(Order::Asc, "Ascending"), (Order::Desc, "Descending")];

/// The view sorted by `key` in `order`, back on its first page.
pub fn sorted(view: &ViewState, key: SortKey, order: Order) -> ViewState {
    ViewState { sort: key, order, page: 1, ..view.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_offered_once_and_plan_only_with_a_plan() {
        let with_plan = columns(true);
        assert_eq!(with_plan.len(), SortKey::ALL.len());
        for &key in SortKey::ALL.iter() {
            assert_eq!(with_plan.iter().filter(|(k, _)| *k == key).count(), 1, "{key:?}");
        }
        assert!(!columns(false).iter().any(|(k, _)| *k == SortKey::Plan));
        assert_eq!(columns(false)[0], (SortKey::Tags, "Tags"));
    }

    #[test]
    fn a_choice_sets_sort_and_order_and_returns_to_page_one() {
        let view = ViewState { page: 4, tag: "v1".into(), ..ViewState::default() };
        let next = sorted(&view, SortKey::Size, Order::Desc);
        assert_eq!((next.sort, next.order, next.page), (SortKey::Size, Order::Desc, 1));
        assert_eq!(next.tag, "v1");
        // Same as the header's click when it lands on the same column and order.
        let by_header = view.clone().sorted_by(SortKey::Size);
        assert_eq!(sorted(&view, SortKey::Size, by_header.order), by_header);
    }

    #[test]
    fn orders_are_both_directions() {
        assert_eq!(ORDERS.map(|(o, _)| o), [Order::Asc, Order::Desc]);
    }
}
