//! The HTTP side of `dossier serve` (axum on a single-threaded tokio runtime): the site from
//! memory, the live-reload client, its websocket, and the current build error.

use std::net::TcpListener;
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State as Shared;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast::error::RecvError;

use super::inject::{self, LIVERELOAD_JS, OVERLAY_CSS};
use super::state::{Event, State};

/// Serves until the process stops.
pub fn serve(listener: TcpListener, state: Arc<State>) -> Result<()> {
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(state)).await
    })?;
    Ok(())
}

fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(
            "/__dossier/livereload.js",
            get(|| asset("x.js", LIVERELOAD_JS)),
        )
        .route(
            "/__dossier/overlay.css",
            get(|| asset("x.css", OVERLAY_CSS)),
        )
        .route("/__dossier/ws", get(websocket))
        .route("/__dossier/error", get(error))
        .fallback(get(page))
        .with_state(state)
}

async fn asset(name: &'static str, text: &'static str) -> Response {
    file(StatusCode::OK, name, text.as_bytes().to_vec())
}

/// A response that the browser must not cache: the next rebuild may change it.
fn file(status: StatusCode, name: &str, body: Vec<u8>) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, inject::content_type(name)),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// A file of the last good site; `/` and `folder/` mean their `index.html`.
async fn page(Shared(state): Shared<Arc<State>>, uri: Uri) -> Response {
    let site = state.site();
    if site.generation == 0 {
        return file(
            StatusCode::SERVICE_UNAVAILABLE,
            "x.html",
            inject::placeholder(0),
        );
    }
    let mut path = uri.path().trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    let (status, path) = if site.contains(&path) {
        (StatusCode::OK, path)
    } else {
        (StatusCode::NOT_FOUND, "404.html".to_string())
    };
    let Some(bytes) = site.get(&path) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let body = if path.ends_with(".html") {
        inject::html(&bytes, site.generation)
    } else {
        bytes
    };
    file(status, &path, body)
}

/// The current build error, for tools and tests: `{"error": null}` when the last build passed.
async fn error(Shared(state): Shared<Arc<State>>) -> Response {
    let body = serde_json::json!({ "error": state.error() }).to_string();
    file(StatusCode::OK, "x.json", body.into_bytes())
}

async fn websocket(Shared(state): Shared<Arc<State>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| notify(socket, state))
}

/// Tells one page the current build (and error), then every later event, until it leaves.
async fn notify(mut socket: WebSocket, state: Arc<State>) {
    // Subscribe first: an event between the snapshot and the subscription is not lost.
    let mut events = state.subscribe();
    let mut first = vec![Event::Hello(state.site().generation)];
    first.extend(state.error().map(Event::Error));
    for event in first {
        if socket
            .send(Message::Text(event.to_json().into()))
            .await
            .is_err()
        {
            return;
        }
    }
    loop {
        tokio::select! {
            event = events.recv() => {
                let event = match event {
                    Ok(event) => event,
                    // Fell behind a burst of builds: a reload covers all of them.
                    Err(RecvError::Lagged(_)) => Event::Reload,
                    Err(RecvError::Closed) => return,
                };
                if socket.send(Message::Text(event.to_json().into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}
