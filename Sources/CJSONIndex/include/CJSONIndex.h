#ifndef TRAILVIEW_CJSONINDEX_H
#define TRAILVIEW_CJSONINDEX_H
#include <stddef.h>
#include <stdint.h>

/// Marks the bytes of `buf` (`len` bytes) that end or interrupt a run of plain JSON string bytes: bit `k % 64` of
/// `bits[k / 64]` is set when `buf[k]` is a quote (0x22), a backslash (0x5C) or below 0x20. `bits` must hold
/// `len / 64 + 1` words; bit `len` is also set (a stop at the end), and no bit past it.
void trailview_json_specials(const uint8_t *buf, size_t len, uint64_t *bits);

#endif
