//! `vigil serve` and `vigil config`: the HTTP server on a runtime of its own, and the
//! configuration it would run with.

use crate::cli::{ConfigArgs, ServeArgs};
use crate::failure::{CliResult, Failure};
use std::path::Path;
use vigil_db::{Database, Location};
use vigil_server::{AppState, Config};

/// Defaults, then the file, then the environment, then `--db` (a flag or `VIGIL_DB`).
fn load(db: Option<&Path>, file: Option<&Path>) -> CliResult<Config> {
    let mut config =
        Config::load(file, std::env::vars()).map_err(|e| Failure::input(e.to_string()))?;
    if let Some(db) = db {
        config.db = db.to_owned();
    }
    Ok(config)
}

pub fn print_config(db: Option<&Path>, args: &ConfigArgs) -> CliResult {
    print!("{}", load(db, args.config.as_deref())?.to_redacted_toml());
    Ok(())
}

pub fn run(db: Option<&Path>, args: &ServeArgs) -> CliResult {
    let mut config = load(db, args.config.as_deref())?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    init_logs(&config.log)?;
    // The server never creates a database: serving an empty file by a typo would look like
    // data lost.
    let location = Location::parse(&config.db);
    let store = Database::open_existing(&location)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| Failure::input(format!("cannot listen on {}: {e}", config.listen)))?;
        let address = listener.local_addr()?;
        let shutdown = shutdown_signal();
        // On standard output, alone on its line: scripts and tests read the port from it.
        println!("Serving {location} at http://{address}/");
        let app = vigil_server::app(AppState::new(store, location), &config);
        vigil_server::serve(listener, app, shutdown).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// Structured logs on standard error, filtered by `log` (`info`, `debug`, or a full
/// `tracing` filter such as `vigil_server=debug`).
fn init_logs(filter: &str) -> CliResult {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .map_err(|e| Failure::input(format!("log filter '{filter}': {e}")))?;
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours for a person at a terminal, plain text for a log file or a service manager.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    Ok(())
}

/// Ctrl-C, or SIGTERM as service managers send it. The handlers are installed when this is
/// called, not when it is first awaited: it is called before the address is printed, so a
/// signal sent as soon as the server says it is up stops it cleanly instead of killing it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let handlers = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (mut interrupt, mut terminate) = handlers;
            let interrupt = async {
                match interrupt.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            let terminate = async {
                match terminate.as_mut() {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = interrupt => {},
                _ = terminate => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down: finishing the requests in flight");
    }
}
