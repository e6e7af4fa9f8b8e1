// The few libm functions the engine needs, and nothing else: the engine stays free of I/O,
// Foundation and the terminal, yet gets the platform's exp/log like NumPy does.
#ifndef BACKPROP_CMATH_H
#define BACKPROP_CMATH_H
#include <math.h>
static inline double bp_exp(double x) { return exp(x); }
static inline double bp_log(double x) { return log(x); }
static inline double bp_log1p(double x) { return log1p(x); }
static inline double bp_tanh(double x) { return tanh(x); }
static inline double bp_sin(double x) { return sin(x); }
static inline double bp_cos(double x) { return cos(x); }
static inline double bp_sqrt(double x) { return sqrt(x); }
/// √ of four lanes at once (SIMD4<Double> in Swift), as one vector instruction where there is one:
/// the same correctly rounded values as sqrt, without the per-lane errno check a Swift
/// SIMD4.squareRoot() compiles to (Adam takes one square root per parameter per update).
typedef double bp_double4 __attribute__((ext_vector_type(4)));
static inline bp_double4 bp_sqrt4(bp_double4 x) { return __builtin_elementwise_sqrt(x); }
/// Sets *p to 0 and gives its old value, atomically (a one-time claim; see WorkspaceSlot).
static inline int bp_atomic_take(int *p) { return __atomic_exchange_n(p, 0, __ATOMIC_ACQ_REL); }
#endif
