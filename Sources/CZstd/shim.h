#ifndef TRAILVIEW_CZSTD_SHIM_H
#define TRAILVIEW_CZSTD_SHIM_H
#include <zstd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/// Hands free heap pages back to the system (glibc's malloc_trim: also pages in the middle of every arena), after the
/// store has replaced the gzip bytes of many chunks with their smaller zstd frames. Does nothing elsewhere.
static inline void trailview_release_free_memory(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}
#endif
