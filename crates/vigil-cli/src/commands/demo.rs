//! `vigil demo`: loads the Aleppo 2016 scenario and tells its story from the database.

use super::story;
use crate::failure::{CliResult, Failure};
use vigil_domain::Incident;
use vigil_store::Store;

/// Wraps text at `width` characters, indenting every line.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}

/// "1 site", "6 sites".
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn run(store: &mut dyn Store, location: &vigil_db::Location) -> CliResult {
    let (scenario, report) =
        vigil_demo::load(store).map_err(|e| Failure::internal(e.to_string()))?;
    let counts = store.counts()?;
    println!("Vigil demo: {}", scenario.name);
    println!();
    println!("{}", wrap(&scenario.summary, 92, "  "));
    println!();
    let loaded = [
        count(counts.sites, "site", "sites"),
        count(counts.movements, "movement", "movements"),
        format!(
            "{} ({})",
            count(counts.notifications, "notification", "notifications"),
            count(
                counts.acknowledgements,
                "acknowledgement",
                "acknowledgements"
            )
        ),
        format!(
            "{} from {}",
            count(counts.incidents, "incident", "incidents"),
            count(counts.reports, "report", "reports")
        ),
        count(counts.statements, "statement", "statements"),
        count(counts.ceasefires, "ceasefire", "ceasefires"),
        count(counts.sources, "source", "sources"),
        count(counts.areas, "area", "areas"),
    ];
    println!(
        "{}",
        wrap(
            &format!("Loaded into {}: {}.", location, loaded.join(", ")),
            94,
            ""
        )
    );
    if report.inserted == 0 && report.updated == 0 {
        println!("(The demo was loaded before; nothing changed.)");
    }
    super::check::update_stored_findings(store)?;
    println!();
    println!("Timeline (UTC)");

    // Ceasefire starts and collapses interleaved with incidents, in time order.
    let mut events: Vec<(chrono::DateTime<chrono::Utc>, String)> = Vec::new();
    for c in store.ceasefires()? {
        events.push((c.start, format!("{} begins", c.name)));
        if let Some(end) = c.collapsed_at {
            events.push((end, format!("{} collapses", c.name)));
        }
    }
    let mut incidents: Vec<Incident> = Vec::new();
    store.for_each_incident(&mut |i| {
        incidents.push(i);
        Ok(())
    })?;
    for i in &incidents {
        let mut text = format!(
            "{}: {} [{}]",
            i.kind.as_str().replace('_', " "),
            i.title.as_deref().unwrap_or(""),
            i.id
        );
        let hit = story::targets(store, i)?;
        if !hit.is_empty() {
            text.push_str(&format!("\n      hit: {}", hit.join("; ")));
        }
        for c in &i.casualties {
            text.push_str(&format!("\n      {}", story::casualty(store, c)?));
        }
        for subject in story::subjects(i) {
            for line in story::notices(store, &subject, &i.when)? {
                text.push_str(&format!("\n      {line}"));
            }
        }
        events.push((i.when.start(), text));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    for (when, text) in events {
        println!("  {}  {text}", when.format("%Y-%m-%d"));
    }
    println!();
    println!(
        "{}",
        wrap(
            "Every fact above cites a public source (`vigil list sources`). Records marked \
             \"illustrative\" stand where the story needs a fact that is not public, such as \
             the hour a notification was sent; each says why in its source.",
            94,
            ""
        )
    );
    println!();
    println!("Next:");
    println!("  vigil check                     what the cross-check finds: notified sites hit, repeats, …");
    println!("  vigil list incidents            every incident, by date");
    println!(
        "  vigil show <id>                 one site or incident, with sources and notifications"
    );
    println!("  vigil export --kind incidents --format geojson > incidents.geojson");
    Ok(())
}
