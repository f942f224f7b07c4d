#ifndef TRAILVIEW_CZLIB_SHIM_H
#define TRAILVIEW_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; wrap it so Swift can call it.
static inline int trailview_inflateInit2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
#endif

#ifndef TRAILVIEW_CZLIB_DEFLATE
#define TRAILVIEW_CZLIB_DEFLATE
/// deflateInit2 is a macro in zlib.h; wrap it so Swift can call it (used by tests and the benchmark generator).
static inline int trailview_deflateInit2(z_streamp strm, int level, int windowBits) {
  return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
