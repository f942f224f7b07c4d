#include "CJSONIndex.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static inline int is_special(uint8_t b) { return b == 0x22 || b == 0x5C || b < 0x20; }

#if !defined(__x86_64__)
/// Bits for the first `blocks` whole 64-byte blocks, the portable way.
static void blocks_portable(const uint8_t *buf, size_t blocks, uint64_t *bits) {
  for (size_t w = 0; w < blocks; w++) {
    const uint8_t *p = buf + w * 64;
    uint64_t m = 0;
    for (int k = 0; k < 64; k++) m |= (uint64_t)is_special(p[k]) << k;
    bits[w] = m;
  }
}
#endif

#if defined(__x86_64__)
/// Sixteen bytes at a time (SSE2, every x86-64 has it).
static void blocks_sse2(const uint8_t *buf, size_t blocks, uint64_t *bits) {
  const __m128i quote = _mm_set1_epi8(0x22), slash = _mm_set1_epi8(0x5C), control = _mm_set1_epi8(0x1F);
  for (size_t w = 0; w < blocks; w++) {
    const uint8_t *p = buf + w * 64;
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
      __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
      __m128i s = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
      // A byte is at most 0x1F exactly when the unsigned minimum with 0x1F is the byte itself.
      s = _mm_or_si128(s, _mm_cmpeq_epi8(_mm_min_epu8(v, control), v));
      m |= (uint64_t)(uint16_t)_mm_movemask_epi8(s) << (16 * k);
    }
    bits[w] = m;
  }
}

/// Thirty-two bytes at a time, on processors that have AVX2.
__attribute__((target("avx2"))) static void blocks_avx2(const uint8_t *buf, size_t blocks, uint64_t *bits) {
  const __m256i quote = _mm256_set1_epi8(0x22), slash = _mm256_set1_epi8(0x5C), control = _mm256_set1_epi8(0x1F);
  for (size_t w = 0; w < blocks; w++) {
    const uint8_t *p = buf + w * 64;
    __m256i a = _mm256_loadu_si256((const __m256i *)p), b = _mm256_loadu_si256((const __m256i *)(p + 32));
    __m256i sa = _mm256_or_si256(_mm256_cmpeq_epi8(a, quote), _mm256_cmpeq_epi8(a, slash));
    sa = _mm256_or_si256(sa, _mm256_cmpeq_epi8(_mm256_min_epu8(a, control), a));
    __m256i sb = _mm256_or_si256(_mm256_cmpeq_epi8(b, quote), _mm256_cmpeq_epi8(b, slash));
    sb = _mm256_or_si256(sb, _mm256_cmpeq_epi8(_mm256_min_epu8(b, control), b));
    bits[w] = (uint64_t)(uint32_t)_mm256_movemask_epi8(sa) | (uint64_t)(uint32_t)_mm256_movemask_epi8(sb) << 32;
  }
}
#endif

void trailview_json_specials(const uint8_t *buf, size_t len, uint64_t *bits) {
  size_t whole = len / 64;
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    blocks_avx2(buf, whole, bits);
  } else {
    blocks_sse2(buf, whole, bits);
  }
#else
  blocks_portable(buf, whole, bits);
#endif
  // The last, partial block byte by byte, then the stop at `len`.
  uint64_t m = 0;
  for (size_t k = whole * 64; k < len; k++) m |= (uint64_t)is_special(buf[k]) << (k - whole * 64);
  bits[whole] = m | (uint64_t)1 << (len - whole * 64);
}
