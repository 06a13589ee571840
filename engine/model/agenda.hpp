// The agenda of one replicate: the pending events and their kinds, and the slots by which a
// person's events are cancelled together.
#pragma once

#include <cstdint>

#include "kernel/event_queue.hpp"
#include "model/ids.hpp"

namespace homecare::model {

enum class EventKind : std::uint8_t {
  assessment_done,
  user_exit,
  hospital_admit,
  hospital_discharge,
  reablement_end,
  worker_quit,
  absence_start,
  hire,
  pa_quit,
  pa_replaced,
};

enum class ExitCause : std::uint8_t { death, residential, recovery };

struct Payload {
  EventKind kind;
  std::uint8_t cause = 0;  // user_exit: an ExitCause
  std::uint32_t id = 0;    // the user, worker or provider the event is about
};

/// A cancellation slot: every pending event of one service user (exit, hospital, reablement end,
/// PA changes), or of one care worker (quit, absence), is cancelled at once when that person
/// leaves. Issued here only: users and workers share the kernel's slot numbers, interleaved.
class CancelSlot {
 public:
  [[nodiscard]] static CancelSlot of(UserId u) { return CancelSlot(2 * u.value); }
  [[nodiscard]] static CancelSlot of(WorkerId w) { return CancelSlot(2 * w.value + 1); }
  [[nodiscard]] std::uint32_t value() const { return value_; }

 private:
  explicit CancelSlot(std::uint32_t v) : value_(v) {}
  std::uint32_t value_;
};

struct Agenda {
  kernel::Simulator<Payload> sim;

  [[nodiscard]] kernel::Minutes now() const { return sim.now(); }
  void at(kernel::Minutes t, Payload p) { sim.schedule_at(t, p); }
  void at(kernel::Minutes t, Payload p, CancelSlot s) { sim.schedule_at(t, p, s.value()); }
  void cancel(CancelSlot s) { sim.cancel(s.value()); }
  /// Makes a new person's slot usable (before any event is scheduled on it).
  void open(CancelSlot s) { sim.slots().ensure(static_cast<std::size_t>(s.value()) + 1); }
};

}  // namespace homecare::model
