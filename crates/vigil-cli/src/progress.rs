//! The progress bar of long imports, drawn on standard error only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files smaller than this import in well under a second: no bar.
const MIN_BYTES_FOR_BAR: u64 = 256 * 1024;

pub fn for_file(total_bytes: Option<u64>) -> ProgressBar {
    match total_bytes {
        Some(total) if total >= MIN_BYTES_FOR_BAR => {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {bytes}/{total_bytes} [{bar:30}] {msg} ({eta} left)",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar
        }
        _ => ProgressBar::hidden(),
    }
}
