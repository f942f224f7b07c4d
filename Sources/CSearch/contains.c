#include "CSearch.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline uint8_t lower_ascii(uint8_t b) { return (b >= 'A' && b <= 'Z') ? (uint8_t)(b | 0x20) : b; }

/// For a lowercase letter, OR-ing 0x20 folds both cases onto it and nothing else; other bytes must be equal.
static inline uint8_t fold_bit(uint8_t b) { return (b >= 'a' && b <= 'z') ? 0x20 : 0; }

static inline int matches_at(const uint8_t *p, const uint8_t *needle, size_t n) {
  for (size_t j = 0; j < n; j++) {
    if (lower_ascii(p[j]) != needle[j]) return 0;
  }
  return 1;
}

int trailview_contains_folded(const uint8_t *hay, size_t hay_len, const uint8_t *needle, size_t n) {
  if (n == 0) return 1;
  if (hay_len < n) return 0;
  size_t last = hay_len - n;  // the last start position
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen start positions at a time: compare the first two needle bytes (case folded) at each, and check the rest
  // only where both match. A one-byte needle compares its byte twice.
  uint8_t first = needle[0], second = n > 1 ? needle[1] : needle[0];
  __m128i fold0 = _mm_set1_epi8((char)fold_bit(first)), want0 = _mm_set1_epi8((char)first);
  __m128i fold1 = _mm_set1_epi8((char)fold_bit(second)), want1 = _mm_set1_epi8((char)second);
  size_t offset1 = n > 1 ? 1 : 0;
  while (i + 16 + offset1 <= hay_len) {
    __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(hay + i)), fold0);
    __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(hay + i + offset1)), fold1);
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, want0), _mm_cmpeq_epi8(b, want1)));
    while (mask != 0) {
      size_t k = i + (size_t)__builtin_ctz(mask);
      if (k > last) return 0;
      if (matches_at(hay + k, needle, n)) return 1;
      mask &= mask - 1;
    }
    i += 16;
  }
#endif
  for (; i <= last; i++) {
    if (matches_at(hay + i, needle, n)) return 1;
  }
  return 0;
}
