// Tells ThreadSanitizer about the ordering oneTBB gives: Debian's libtbb is not built with TSan,
// so the hand-offs inside it (a task's body copied by one thread when a range is split, then run
// by the thread that steals it; task memory recycled between threads) look like data races.
// No-ops in every other build.
#pragma once

#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define HOMECARE_TSAN_RELEASE(addr) __tsan_release(const_cast<void*>(static_cast<const volatile void*>(addr)))
#define HOMECARE_TSAN_ACQUIRE(addr) __tsan_acquire(const_cast<void*>(static_cast<const volatile void*>(addr)))
#else
#define HOMECARE_TSAN_RELEASE(addr) static_cast<void>(addr)
#define HOMECARE_TSAN_ACQUIRE(addr) static_cast<void>(addr)
#endif

namespace homecare::runner {

/// The one synchronisation point every annotated hand-off goes through. Its address is known
/// without reading a body, so a task can acquire it before it touches its own copy.
inline int tsan_handoff_point = 0;

inline void tsan_handoff_acquire() { HOMECARE_TSAN_ACQUIRE(&tsan_handoff_point); }
inline void tsan_handoff_release() { HOMECARE_TSAN_RELEASE(&tsan_handoff_point); }

/// A parallel_for body whose construction, copies and runs are ordered for TSan as oneTBB
/// orders them: a copy is made before the task holding it is spawned, a task's run ends before
/// its memory is reused, and parallel_for returns after every run. The thread that calls
/// parallel_for builds the body (a release) and calls tsan_handoff_acquire() when it returns.
/// The cost: runs that did not overlap in time are ordered for TSan, so it checks the tasks
/// that run at the same time against each other, not one task against an earlier one.
template <class F>
class AnnotatedBody {
 public:
  explicit AnnotatedBody(F f) : f_(std::move(f)) { tsan_handoff_release(); }
  AnnotatedBody(const AnnotatedBody& other) : f_((tsan_handoff_acquire(), other.f_)) { tsan_handoff_release(); }
  AnnotatedBody& operator=(const AnnotatedBody&) = delete;
  ~AnnotatedBody() { tsan_handoff_acquire(); }

  template <class Range>
  void operator()(const Range& range) const {
    tsan_handoff_acquire();
    struct Done {
      ~Done() { tsan_handoff_release(); }
    } done;
    f_(range);
  }

 private:
  F f_;
};

}  // namespace homecare::runner
