#ifndef SFBATCH_CZLIB_SHIM_H
#define SFBATCH_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros, which Swift cannot import. */
static inline int sfb_deflate_init2(z_streamp s, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(s, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
static inline int sfb_inflate_init2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }
#endif
