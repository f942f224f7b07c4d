#ifndef TRAILVIEW_CSEARCH_H
#define TRAILVIEW_CSEARCH_H
#include <stddef.h>
#include <stdint.h>

/// Returns 1 when `hay` (`hay_len` bytes) contains `needle` (`needle_len` bytes, ASCII letters in lowercase) with
/// ASCII letters compared without case, else 0. An empty needle is found everywhere.
int trailview_contains_folded(const uint8_t *hay, size_t hay_len, const uint8_t *needle, size_t needle_len);

#endif
