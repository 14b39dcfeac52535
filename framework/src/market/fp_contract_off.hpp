#pragma once
// Private: include last in a source file whose floating-point results must not depend on the
// platform. It stops the compiler from fusing a * b + c into one FMA instruction (which rounds once
// instead of twice, so results would differ between CPUs that have FMA and those that do not).

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
