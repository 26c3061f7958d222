//! The binary's allocator: the system's, with a cap on one allocation and
//! on all the memory a run holds.
//!
//! A `--policy` rule can ask a builtin for a value of any size:
//! `numbers.range(1, 2000000000)` asks regorus for one 48 GB array. Rust
//! aborts the process when an allocation fails, and that abort cannot be
//! caught, so such a rule crashed modelgate with no message. A rule can also
//! build many values each of a fair size (`[numbers.range(1, 10000) | some i
//! in numbers.range(1, 100000)]` held 4 GB within the 5-second time limit),
//! and the system then kills the process, again with no message. Nothing
//! modelgate itself does comes near either cap (files are at most 8 MB,
//! reports are streamed, 100,000 proposals peak at about 160 MB), so passing
//! one can only come from a rule's values: the run ends with exit 2 and a
//! message, as for any other broken policy.
//!
//! The memory held is counted per thread and added to one total every
//! `FLUSH_BYTES`, so the count costs no shared write on most allocations;
//! the total can be off by `FLUSH_BYTES` per thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicIsize, Ordering};

/// The largest single allocation allowed.
const CAP_BYTES: usize = 2 << 30;

/// The most memory a run may hold, unless `MODELGATE_MEMORY_LIMIT_MB` says
/// otherwise (read once, by `set_total_cap_from_env`).
const DEFAULT_TOTAL_CAP_BYTES: isize = 4 << 30;

/// How far a thread's own count may drift before it is added to the total.
const FLUSH_BYTES: isize = 1 << 20;

static TOTAL_CAP: AtomicIsize = AtomicIsize::new(DEFAULT_TOTAL_CAP_BYTES);
static HELD: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    /// Bytes this thread allocated (or freed) not yet added to `HELD`.
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// Reads `MODELGATE_MEMORY_LIMIT_MB`, a whole number of megabytes; a
/// value that is not one is an error (the caller exits 2).
pub fn set_total_cap_from_env() -> Result<(), String> {
    let Some(raw) = std::env::var_os("MODELGATE_MEMORY_LIMIT_MB") else { return Ok(()) };
    let megabytes = raw
        .to_str()
        .and_then(|s| s.trim().parse::<isize>().ok())
        .filter(|mb| (1..=(1 << 30)).contains(mb))
        .ok_or_else(|| {
            format!("MODELGATE_MEMORY_LIMIT_MB must be a number of megabytes, got `{}`", raw.to_string_lossy())
        })?;
    TOTAL_CAP.store(megabytes << 20, Ordering::Relaxed);
    Ok(())
}

/// Counts `delta` bytes as held (freed when negative); stops the run when
/// the total passes the cap.
fn account(delta: isize) {
    let flushed = PENDING.try_with(|pending| {
        let now = pending.get() + delta;
        if now.abs() < FLUSH_BYTES {
            pending.set(now);
            return None;
        }
        pending.set(0);
        Some(now)
    });
    // A thread being torn down has no count of its own left: add directly.
    let Some(amount) = flushed.unwrap_or(Some(delta)) else { return };
    let held = HELD.fetch_add(amount, Ordering::Relaxed) + amount;
    let cap = TOTAL_CAP.load(Ordering::Relaxed);
    if amount > 0 && held > cap {
        Capped::refuse_total(cap);
    }
}

/// The system allocator, with `CAP_BYTES` on each request and the total
/// cap on the memory held.
pub struct Capped;

impl Capped {
    fn refuse(size: usize) -> ! {
        // Writing a formatted message could allocate; these pieces do not.
        let mut stderr = std::io::stderr();
        let _ = stderr.write_all(b"error: a rule asked for ");
        let _ = stderr.write_all(itoa(size as u64, &mut [0u8; 20]));
        let _ = stderr.write_all(
            b" bytes in one piece, more than the 2 GiB modelgate allows a single value: a --policy rule builds a \
              value too large (a numbers.range over a huge span?); the run stops here\n",
        );
        std::process::exit(2)
    }

    fn refuse_total(cap: isize) -> ! {
        let mut stderr = std::io::stderr();
        let _ = stderr.write_all(b"error: the run holds more than ");
        let _ = stderr.write_all(itoa((cap >> 20) as u64, &mut [0u8; 20]));
        let _ = stderr.write_all(
            b" MB, the most modelgate allows (MODELGATE_MEMORY_LIMIT_MB): a --policy rule builds values too large \
              (comprehensions over huge ranges?); the run stops here\n",
        );
        std::process::exit(2)
    }
}

/// `n` in decimal, written into `buffer` without allocating.
fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

// SAFETY: every request is passed to `System` unchanged, or refused before
// any memory is touched; `refuse` never returns.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > CAP_BYTES {
            Self::refuse(layout.size());
        }
        account(layout.size() as isize);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > CAP_BYTES {
            Self::refuse(layout.size());
        }
        account(layout.size() as isize);
        // SAFETY: as `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        account(-(layout.size() as isize));
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > CAP_BYTES {
            Self::refuse(new_size);
        }
        account(new_size as isize - layout.size() as isize);
        // SAFETY: as `dealloc`, with the caller's `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
