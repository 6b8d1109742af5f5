//! The views of an area ([`vigil_domain::policy::may_see_area`]): in a list without its
//! boundary (a governorate's can be hundreds of kilobytes), on its own with the boundary as a
//! GeoJSON geometry (RFC 7946: `MultiPolygon`, `[lon, lat]` positions, rings closed as
//! stored).

use serde::Serialize;
use serde_json::{json, Value};
use vigil_domain::{policy, Area, AreaLevel, Principal};

#[derive(Serialize)]
struct AreaView<'a> {
    id: &'a str,
    level: AreaLevel,
    pcode: Option<&'a str>,
    name_en: &'a str,
    name_ar: Option<&'a str>,
    parent: Option<&'a str>,
}

fn summary_of(area: &Area) -> Value {
    super::to_value(&AreaView {
        id: area.id.as_str(),
        level: area.level,
        pcode: area.pcode.as_deref(),
        name_en: &area.name_en,
        name_ar: area.name_ar.as_deref(),
        parent: area.parent.as_ref().map(|p| p.as_str()),
    })
}

/// The list view of `area` for `principal`; `None` when the principal may not see it.
pub(crate) fn area_summary(principal: &Principal, area: &Area) -> Option<Value> {
    policy::may_see_area(principal, area.level).then(|| summary_of(area))
}

/// The view of `area` with its boundary (`null` when none is stored) and, for those who may
/// see source identities, its source; `None` when the principal may not see it.
pub(crate) fn area(principal: &Principal, area: &Area) -> Option<Value> {
    if !policy::may_see_area(principal, area.level) {
        return None;
    }
    let mut view = summary_of(area);
    view["boundary"] = area.boundary.as_ref().map_or(Value::Null, |boundary| {
        let polygons: Vec<Vec<Vec<Value>>> = boundary
            .iter()
            .map(|polygon| {
                std::iter::once(polygon.exterior())
                    .chain(polygon.interiors())
                    .map(|ring| ring.coords().map(|c| json!([c.x, c.y])).collect())
                    .collect()
            })
            .collect();
        json!({ "type": "MultiPolygon", "coordinates": polygons })
    });
    if policy::may_see_source_identities(principal) {
        if let Some(source) = &area.source {
            view["source"] = Value::String(source.to_string());
        }
    }
    Some(view)
}
