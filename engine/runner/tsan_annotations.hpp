// Tells ThreadSanitizer about the ordering oneTBB's fork and join give: Debian's libtbb is not
// built with TSan, so without these the parallel loop's own hand-offs look like data races.
// No-ops in every other build.
#pragma once

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define HOMECARE_TSAN_RELEASE(addr) __tsan_release(const_cast<void*>(static_cast<const volatile void*>(addr)))
#define HOMECARE_TSAN_ACQUIRE(addr) __tsan_acquire(const_cast<void*>(static_cast<const volatile void*>(addr)))
#else
#define HOMECARE_TSAN_RELEASE(addr) static_cast<void>(addr)
#define HOMECARE_TSAN_ACQUIRE(addr) static_cast<void>(addr)
#endif
