#ifndef TRAILVIEW_CZLIB_SHIM_H
#define TRAILVIEW_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; wrap it so Swift can call it.
static inline int trailview_inflateInit2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
#endif
