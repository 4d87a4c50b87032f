//! Many documents on every core, results in input order (native only; the wasm build has
//! no threads). The CLI's `--jsonl` and the Python package's `annotate_many` share it.
//!
//! One plain thread per job and two channels: the calling thread reads items, hands them to
//! the workers and writes the results in input order. At most `window(jobs)` items are read
//! and not yet written at any time, so memory is bounded by the jobs in flight, not by the
//! archive: a slow document holds the reader back instead of letting results pile up.
//! (`std::thread::scope` and `mpsc` are enough here; a work-stealing pool such as rayon
//! would add a dependency for no gain on whole documents, which are coarse units already.)

use std::collections::VecDeque;
use std::sync::{mpsc, Mutex};

/// The number of jobs to run when none is asked for: every core the process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Items read and not yet written, at most: enough to keep every job busy while one slow
/// document is finishing, few enough that memory does not grow with the archive.
pub fn window(jobs: usize) -> usize {
    jobs.max(1) * 4
}

/// Apply `f` to every item on `jobs` threads and give the results to `sink` in input order.
///
/// `items` is read on the calling thread (it need not be `Send`: standard input, a Python
/// iterator), lazily, never more than [`window`] items ahead of `sink`. With `jobs <= 1`
/// everything runs on the calling thread, with no thread or channel at all. The first error
/// `sink` returns stops the run: no later item is read and that error is returned once the
/// workers have finished the items they hold.
pub fn map_ordered<T, R, E, F, S>(
    items: impl IntoIterator<Item = T>,
    jobs: usize,
    f: F,
    mut sink: S,
) -> Result<(), E>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
    S: FnMut(R) -> Result<(), E>,
{
    let mut items = items.into_iter();
    if jobs <= 1 {
        return items.try_for_each(|t| sink(f(t)));
    }
    let window = window(jobs);
    let (work_tx, work_rx) = mpsc::channel::<(usize, T)>();
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        // Owned by this closure, so that returning from it (done or failed) closes the
        // channel and the workers stop before the scope joins them.
        let work_tx = work_tx;
        for _ in 0..jobs {
            let (work_rx, done_tx, f) = (&work_rx, done_tx.clone(), &f);
            scope.spawn(move || loop {
                // The lock is held only to take one item (a poisoned lock means another
                // worker panicked; this one stops too).
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((i, item)) = next else { return };
                if done_tx.send((i, f(item))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // Results not yet written, by input index minus `written`.
        let mut pending: VecDeque<Option<R>> = VecDeque::with_capacity(window);
        let (mut read, mut written, mut exhausted) = (0usize, 0usize, false);
        loop {
            while !exhausted && read - written < window {
                match items.next() {
                    Some(item) => {
                        if work_tx.send((read, item)).is_err() {
                            exhausted = true; // every worker is gone (one panicked)
                        } else {
                            read += 1;
                            pending.push_back(None);
                        }
                    }
                    None => exhausted = true,
                }
            }
            if written == read {
                return Ok(());
            }
            let Ok((i, r)) = done_rx.recv() else {
                // Only if every worker is gone: the scope re-raises a worker's panic.
                return Ok(());
            };
            if let Some(slot) = pending.get_mut(i - written) {
                *slot = Some(r);
            }
            while pending.front().is_some_and(Option::is_some) {
                if let Some(Some(r)) = pending.pop_front() {
                    written += 1;
                    sink(r)?;
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Items that finish out of order (later ones sooner) still come out in order.
    #[test]
    fn results_keep_input_order_for_any_job_count() {
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            let r: Result<(), ()> = map_ordered(
                0..200u64,
                jobs,
                |i| {
                    std::thread::sleep(std::time::Duration::from_micros((200 - i) % 7 * 50));
                    i * i
                },
                |r| {
                    out.push(r);
                    Ok(())
                },
            );
            assert_eq!(r, Ok(()));
            assert_eq!(out, (0..200u64).map(|i| i * i).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    /// The reader never runs more than the window ahead of the writer.
    #[test]
    fn items_in_flight_stay_within_the_window() {
        let jobs = 3;
        let read = AtomicUsize::new(0);
        let mut written = 0usize;
        let mut worst = 0usize;
        let items = (0..500).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let r: Result<(), ()> = map_ordered(
            items,
            jobs,
            |i: i32| i,
            |_| {
                written += 1;
                worst = worst.max(read.load(Ordering::SeqCst) - written);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(written, 500);
        assert!(worst < window(jobs), "{worst} items were in flight");
    }

    /// The sink's first error stops the run and is returned; nothing after it is written.
    #[test]
    fn the_first_error_stops_the_run() {
        for jobs in [1, 4] {
            let mut out = Vec::new();
            let r = map_ordered(
                0..1000,
                jobs,
                |i: i32| i,
                |i| {
                    if i == 17 {
                        return Err(format!("item {i}"));
                    }
                    out.push(i);
                    Ok(())
                },
            );
            assert_eq!(r, Err("item 17".to_string()));
            assert_eq!(out, (0..17).collect::<Vec<_>>());
        }
    }

    #[test]
    fn no_items_is_no_output() {
        let r: Result<(), ()> = map_ordered(std::iter::empty::<u8>(), 4, |i| i, |_| Err(()));
        assert_eq!(r, Ok(()));
        assert!(default_jobs() >= 1);
    }
}
