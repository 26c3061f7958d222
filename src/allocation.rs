//! The binary's allocator: the system's, with a cap on one allocation.
//!
//! A `--policy` rule can ask a builtin for a value of any size:
//! `numbers.range(1, 2000000000)` asks regorus for one 48 GB array. Rust
//! aborts the process when an allocation fails, and that abort cannot be
//! caught, so such a rule crashed modelgate with no message. Nothing
//! modelgate itself does needs one allocation near the cap (files are at
//! most 8 MB, reports are streamed), so a request above it can only come
//! from a rule's value: it ends the run with exit 2 and a message, as any
//! other broken policy does. The cap is on one request, not on the total.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;

/// The largest single allocation allowed.
const CAP_BYTES: usize = 2 << 30;

/// The system allocator, with `CAP_BYTES` on each request.
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
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > CAP_BYTES {
            Self::refuse(layout.size());
        }
        // SAFETY: as `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > CAP_BYTES {
            Self::refuse(new_size);
        }
        // SAFETY: as `dealloc`, with the caller's `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
