//! Work that runs off the UI thread, with progress and cancellation.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

/// What a background task sees: where to report progress and whether to stop.
#[derive(Debug, Clone, Default)]
pub struct JobCtl {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    repaint: Option<egui::Context>,
}

impl JobCtl {
    /// Reports progress (`done` of `total` steps) and asks the UI to repaint.
    pub fn progress(&self, done: usize, total: usize) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        if let Some(ctx) = &self.repaint {
            ctx.request_repaint();
        }
    }

    /// Whether the user asked to stop.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// An `Arc` of the cancel flag, for core functions that take one.
    #[must_use]
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }
}

/// A running task producing a `T`.
#[derive(Debug)]
pub struct Job<T> {
    ctl: JobCtl,
    rx: mpsc::Receiver<T>,
}

/// The state of a job after polling.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still running, with progress in [0, 1].
    Running(f32),
    /// Finished with this value.
    Done(T),
    /// The worker ended without a value (it panicked).
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on its own thread. `repaint` (if any) is woken on progress and at the end.
    pub fn spawn(repaint: Option<egui::Context>, work: impl FnOnce(&JobCtl) -> T + Send + 'static) -> Self {
        let ctl = JobCtl {
            repaint,
            ..JobCtl::default()
        };
        let (tx, rx) = mpsc::channel();
        let worker = ctl.clone();
        thread::spawn(move || {
            let out = work(&worker);
            // The receiver may be gone (the app dropped the job): nothing to do then.
            let _ = tx.send(out);
            if let Some(ctx) = &worker.repaint {
                ctx.request_repaint();
            }
        });
        Self { ctl, rx }
    }

    /// Checks without blocking whether the job is done.
    #[must_use]
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(v) => Poll::Done(v),
            Err(mpsc::TryRecvError::Empty) => Poll::Running(self.fraction()),
            Err(mpsc::TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Blocks until the job is done (for tests and the command line).
    #[must_use]
    pub fn wait(self) -> Option<T> {
        self.rx.recv().ok()
    }

    /// Asks the job to stop; it ends at its next check.
    pub fn cancel(&self) {
        self.ctl.cancel.store(true, Ordering::Relaxed);
    }

    /// Progress in [0, 1].
    #[must_use]
    pub fn fraction(&self) -> f32 {
        let total = self.ctl.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (self.ctl.done.load(Ordering::Relaxed) as f32 / total as f32).clamp(0.0, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_cancels() {
        let job = Job::spawn(None, |ctl| {
            for i in 0..1000 {
                if ctl.is_cancelled() {
                    return None;
                }
                ctl.progress(i, 1000);
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Some(42)
        });
        job.cancel();
        assert_eq!(job.wait(), Some(None));
        let job = Job::spawn(None, |_| 7);
        assert_eq!(job.wait(), Some(7));
    }
}
