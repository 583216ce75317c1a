//! `dossier serve` end to end: the real binary on a free port, fetched over HTTP and watched
//! over its live-reload websocket while seeds change under it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use tungstenite::{Message, WebSocket};

/// Generous: nothing here is timed, only bounded.
const WAIT: Duration = Duration::from_secs(30);

/// A running `dossier serve`, stopped when dropped (even when an assertion fails).
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server on a port the system picks and reads the URL it prints.
fn start(config: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "-p", "0", "-c"])
        .arg(config)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = channel();
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let port = wait_for(&rx, |line| {
        let rest = line.split("http://127.0.0.1:").nth(1)?;
        rest.trim_end_matches(|c: char| !c.is_ascii_digit())
            .split('/')
            .next()?
            .parse()
            .ok()
    });
    Server { child, port }
}

fn wait_for<T>(rx: &Receiver<String>, mut found: impl FnMut(&str) -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx
            .recv_timeout(left)
            .expect("the server printed no URL in time");
        if let Some(t) = found(&line) {
            return t;
        }
    }
}

/// A plain HTTP/1.1 GET: status code and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn connect(port: u16) -> WebSocket<TcpStream> {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let url = format!("ws://127.0.0.1:{port}/__dossier/ws");
    tungstenite::client(url.as_str(), stream).unwrap().0
}

/// The next message of `kind` (`reload`, `error`…), skipping others.
fn next_message(ws: &mut WebSocket<TcpStream>, kind: &str) -> serde_json::Value {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Message::Text(text) = ws.read().expect("no message in time") {
            let msg: serde_json::Value = serde_json::from_str(&text).unwrap();
            if msg["type"] == kind {
                return msg;
            }
        }
    }
    panic!("no {kind} message within {WAIT:?}");
}

fn copy_site(from: &Path, to: &Path) {
    std::fs::copy(from.join("site.toml"), to.join("site.toml")).unwrap();
    std::fs::create_dir(to.join("seeds")).unwrap();
    for entry in std::fs::read_dir(from.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join("seeds").join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn serve_reloads_on_edit_and_keeps_the_last_good_site_on_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(
        &super::common::repo().join("tests/fixtures/europe"),
        dir.path(),
    );
    let server = start(&dir.path().join("site.toml"));
    let port = server.port;

    let (status, page) = get(port, "/articles/brussels-gas.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("<script src=\"/__dossier/livereload.js?build=1\" defer></script></head>"),
        "the client is injected as a script file: {page}"
    );
    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Energy Policy Notes"));
    let (status, client) = get(port, "/__dossier/livereload.js");
    assert!(status == 200 && client.contains("WebSocket"));
    assert_eq!(get(port, "/no-such-page.html").0, 404);

    let mut ws = connect(port);
    assert_eq!(next_message(&mut ws, "hello")["build"], 1);

    let seed = dir.path().join("seeds/brussels-gas.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text.push_str("The Zanzibar clause was added in review.\n");
    std::fs::write(&seed, &text).unwrap();
    next_message(&mut ws, "reload");
    let (status, page) = get(port, "/articles/brussels-gas.html");
    assert_eq!(status, 200);
    assert!(
        super::common::without_entity_links(&page).contains("Zanzibar clause"),
        "edit not served: {page}"
    );

    std::fs::write(
        dir.path().join("seeds/broken.md"),
        "+++\nnope = 1\n+++\nText.\n",
    )
    .unwrap();
    let error = next_message(&mut ws, "error");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("seeds/broken.md"), "{message}");
    let (status, page) = get(port, "/articles/brussels-gas.html");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(super::common::without_entity_links(&page).contains("Zanzibar clause"));
    let (_, current) = get(port, "/__dossier/error");
    assert!(current.contains("broken.md"), "{current}");

    // A page opened while the build is broken is told the error at once.
    let mut late = connect(port);
    next_message(&mut late, "hello");
    assert!(next_message(&mut late, "error")["message"]
        .as_str()
        .unwrap()
        .contains("broken.md"));

    std::fs::remove_file(dir.path().join("seeds/broken.md")).unwrap();
    next_message(&mut ws, "reload");
    assert!(get(port, "/__dossier/error").1.contains("null"));
    drop(server);
}

/// Edit→reload latency on the shipped corpus; run with
/// `cargo test --release --test integration serve_latency -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check: prints the latency"]
fn serve_latency_on_shipped_corpus() {
    let dir = tempfile::tempdir().unwrap();
    copy_site(&super::common::repo(), dir.path());
    let server = start(&dir.path().join("site.toml"));
    let mut ws = connect(server.port);
    next_message(&mut ws, "hello");
    let mut seeds: Vec<_> = std::fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let mut times = Vec::new();
    for round in 0..10 {
        let seed = &seeds[round % seeds.len()];
        let mut text = std::fs::read_to_string(seed).unwrap();
        text.push_str(&format!(
            "Round {round} added a line about Russia in 2020.\n"
        ));
        std::thread::sleep(Duration::from_millis(300));
        let written = Instant::now();
        std::fs::write(seed, &text).unwrap();
        next_message(&mut ws, "reload");
        times.push(written.elapsed());
    }
    times.sort();
    println!(
        "edit→reload latency over {} edits: min {:?}, median {:?}, max {:?}",
        times.len(),
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
