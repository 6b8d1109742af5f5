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

/// A spinner naming the step under way, for work whose size is not known in bytes.
pub fn spinner(message: &str) -> ProgressBar {
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
    );
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}
