// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One fuzz target: PACKETLENS_FUZZ_TARGET(name) { ...uses data, size... }
//
// Built two ways from the same file (tests/fuzz/CMakeLists.txt):
// - with libFuzzer (the fuzz preset, clang): the body becomes
//   LLVMFuzzerTestOneInput of the program fuzz_<name>;
// - in every preset: the body is registered by name in fuzz-replay, the plain
//   driver that runs a target on files (the inputs that once crashed it, kept
//   under tests/fuzz/regressions/<name>/) without libFuzzer.
// A body returns 0 and must not keep state from one input to the next.

#include <cstddef>
#include <cstdint>

namespace packetlens::fuzz {

using TargetFn = int (*)(const uint8_t *data, size_t size);

struct Registration
{
    Registration(const char *name, TargetFn fn);
};

} // namespace packetlens::fuzz

#ifdef PACKETLENS_LIBFUZZER
#define PACKETLENS_FUZZ_TARGET(name)                                                     \
    static int fuzzOne_##name(const uint8_t *data, size_t size);                         \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)              \
    {                                                                                    \
        return fuzzOne_##name(data, size);                                               \
    }                                                                                    \
    static int fuzzOne_##name(const uint8_t *data, size_t size)
#else
#define PACKETLENS_FUZZ_TARGET(name)                                                     \
    static int fuzzOne_##name(const uint8_t *data, size_t size);                         \
    static const packetlens::fuzz::Registration registration_##name(#name, fuzzOne_##name); \
    static int fuzzOne_##name(const uint8_t *data, size_t size)
#endif
