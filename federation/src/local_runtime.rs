//! One thread running an ntex system (a single-threaded tokio runtime with a `LocalSet`
//! and ntex's network driver), for the executor's subscription transports: they start
//! their streams with `spawn_local`, which panics on the gateway's multi-threaded runtime,
//! and the WebSocket one connects through ntex's driver. The thread lives as long as the
//! process, so the connections it opens stay driven.

use std::sync::OnceLock;

use futures_util::future::LocalBoxFuture;
use tokio::sync::mpsc;

/// Work for the thread: a future built on it (it need not be `Send`).
type Job = Box<dyn FnOnce() -> LocalBoxFuture<'static, ()> + Send>;

static JOBS: OnceLock<mpsc::UnboundedSender<Job>> = OnceLock::new();

/// Runs `job` on the subscription thread, starting the thread on first use.
pub(crate) fn spawn(job: Job) {
    let jobs = JOBS.get_or_init(|| {
        let (sender, mut receiver) = mpsc::unbounded_channel::<Job>();
        std::thread::Builder::new()
            .name("cctns-federated-subscriptions".into())
            .spawn(move || {
                ntex::rt::System::new("cctns-federated-subscriptions", ntex::rt::DefaultRuntime)
                    .block_on(async move {
                        while let Some(job) = receiver.recv().await {
                            tokio::task::spawn_local(job());
                        }
                    });
            })
            .ok();
        sender
    });
    // If the thread could not start, the job's sender drops and its stream ends.
    let _ = jobs.send(job);
}
