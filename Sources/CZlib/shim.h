#ifndef BACKPROP_TUTOR_CZLIB_SHIM_H
#define BACKPROP_TUTOR_CZLIB_SHIM_H

// zlib's gzip reader, for gzip-compressed MNIST files (train-images-idx3-ubyte.gz).
#include <zlib.h>

#endif
