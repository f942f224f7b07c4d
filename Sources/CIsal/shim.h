#ifndef TRAILVIEW_CISAL_SHIM_H
#define TRAILVIEW_CISAL_SHIM_H
#include <stdint.h>
#include <stdlib.h>
#include <isa-l/igzip_lib.h>

/// Inflates the single-member gzip file `in` (`in_size` bytes) into `out`, which holds exactly the `out_size` bytes
/// its trailer states, with ISA-L (the gzip header parsed, the CRC-32 and size checked). Returns 1 only when the
/// member decodes without error, fills `out` exactly and ends exactly at the end of the input; otherwise 0 (the
/// caller falls back to zlib, which says what is wrong).
static inline int trailview_isal_gunzip(const uint8_t *in, uint32_t in_size, uint8_t *out, uint32_t out_size) {
  struct inflate_state *state = malloc(sizeof(struct inflate_state));
  if (state == NULL) return 0;
  isal_inflate_init(state);
  state->next_in = (uint8_t *)in;
  state->avail_in = in_size;
  state->next_out = out;
  state->avail_out = out_size;
  state->crc_flag = ISAL_GZIP;
  int status = isal_inflate(state);
  int ok = status == ISAL_DECOMP_OK && state->block_state == ISAL_BLOCK_FINISH && state->avail_in == 0 &&
           state->total_out == out_size;
  free(state);
  return ok;
}
#endif
