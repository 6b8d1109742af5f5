//! A 2-D R-tree of lon/lat boxes, each standing for an item (a site, a piece of a route) by
//! its position in the input slice.

use crate::search_box::boxes_around;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;
use vigil_domain::Point;

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Items indexed by conservative boxes; a lookup returns every item whose box meets the
/// query's boxes (a superset of the items truly in reach).
pub(crate) struct BoxIndex {
    tree: RTree<Entry>,
}

impl BoxIndex {
    /// An index of discs: item `i` covers every point within `radius_m` of `centre`.
    pub(crate) fn of_discs(discs: impl IntoIterator<Item = (usize, Point, f64)>) -> Self {
        let entries = discs
            .into_iter()
            .flat_map(|(item, centre, radius_m)| {
                boxes_around(centre, radius_m)
                    .into_iter()
                    .map(move |b| Entry::new(Rectangle::from_aabb(b), item))
            })
            .collect();
        // Bulk loading builds a better-packed tree than inserting one by one, and faster.
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The items (sorted, each once) whose disc may come within `radius_m` of `p`.
    pub(crate) fn candidates(&self, p: Point, radius_m: f64) -> Vec<usize> {
        let mut items: Vec<usize> = boxes_around(p, radius_m)
            .iter()
            .flat_map(|b| self.tree.locate_in_envelope_intersecting(b))
            .map(|entry| entry.data)
            .collect();
        // An item split across ±180°, or queried with a split box, can come back twice.
        items.sort_unstable();
        items.dedup();
        items
    }
}
