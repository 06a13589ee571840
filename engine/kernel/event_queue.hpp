// The pending-event set: a 4-ary min-heap ordered by (time, sequence), with cancellation by
// generation counters.
#pragma once

#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kernel/time.hpp"

namespace homecare::kernel {

/// Cancellation without a search: each cancellable slot (an agent, a timer) has a generation
/// number; an event remembers the generation it was scheduled under and is dropped at pop time if
/// the slot has since moved on. Thread-safety: none (one per simulation).
class GenerationTable {
 public:
  static constexpr std::uint32_t no_slot = 0xffffffffU;

  /// Makes slots 0..n-1 usable. Never shrinks: forgetting a slot's generation would revive or
  /// kill events scheduled on it.
  void ensure(std::size_t n) {
    if (n > gen_.size()) gen_.resize(n, 0);
  }
  [[nodiscard]] std::size_t size() const { return gen_.size(); }
  [[nodiscard]] std::uint32_t current(std::uint32_t slot) const { return gen_[slot]; }
  /// Invalidates every event scheduled on `slot` so far.
  void cancel(std::uint32_t slot) { ++gen_[slot]; }
  [[nodiscard]] bool live(std::uint32_t slot, std::uint32_t gen) const {
    return slot == no_slot || gen_[slot] == gen;
  }

 private:
  std::vector<std::uint32_t> gen_;
};

/// Pending events of one simulation. Ties in time are broken by the order of scheduling (the
/// sequence number), so a run is a pure function of its inputs: this is the reproducibility
/// invariant of the kernel, and why the comparison never looks at time alone.
/// No allocation per event once the heap has grown; no virtual call anywhere.
/// Thread-safety: none (one queue per simulation; replicates run in parallel, each with its own).
template <class Payload>
class EventQueue {
 public:
  struct Event {
    Minutes time;
    std::uint64_t seq;
    std::uint32_t slot;  // GenerationTable slot, or GenerationTable::no_slot
    std::uint32_t gen;
    Payload payload;
  };

  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] const Event& top() const { return heap_.front(); }
  [[nodiscard]] std::uint64_t scheduled() const { return next_seq_; }

  void push(Minutes t, Payload p, std::uint32_t slot = GenerationTable::no_slot,
            std::uint32_t gen = 0) {
    Event e{t, next_seq_++, slot, gen, std::move(p)};
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {  // sift up with a hole
      const std::size_t parent = (i - 1) / arity;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  Event pop() {
    assert(!heap_.empty());
    Event out = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n > 0) {
      std::size_t i = 0;
      for (;;) {  // sift down with a hole
        const std::size_t first = i * arity + 1;
        if (first >= n) break;
        std::size_t best = first;
        const std::size_t end = first + arity < n ? first + arity : n;
        for (std::size_t c = first + 1; c < end; ++c)
          if (before(heap_[c], heap_[best])) best = c;
        if (!before(heap_[best], last)) break;
        heap_[i] = heap_[best];
        i = best;
      }
      heap_[i] = last;
    }
    return out;
  }

  void clear() { heap_.clear(); }

 private:
  static constexpr std::size_t arity = 4;
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

/// A clock plus a pending-event set plus cancellation: the whole discrete-event kernel.
/// `run_until` hands each live event, in (time, sequence) order, to a handler chosen at compile
/// time (no virtual dispatch). Thread-safety: none; one per replicate.
template <class Payload>
class Simulator {
 public:
  using Event = typename EventQueue<Payload>::Event;

  [[nodiscard]] Minutes now() const { return now_; }
  [[nodiscard]] std::uint64_t processed() const { return processed_; }
  [[nodiscard]] std::size_t pending() const { return queue_.size(); }
  GenerationTable& slots() { return slots_; }
  void reserve(std::size_t n) { queue_.reserve(n); }

  /// Schedules at absolute time `t`; `t` earlier than now() is a logic error (asserted; in a
  /// checked build, HOMECARE_CHECKED, it throws std::logic_error even with NDEBUG).
  void schedule_at(Minutes t, Payload p) {
    check_not_past(t);
    queue_.push(t, std::move(p));
  }
  void schedule_in(Minutes delay, Payload p) { schedule_at(now_ + delay, std::move(p)); }
  /// Schedules an event that `cancel(slot)` can later revoke.
  void schedule_at(Minutes t, Payload p, std::uint32_t slot) {
    check_not_past(t);
    queue_.push(t, std::move(p), slot, slots_.current(slot));
  }
  void cancel(std::uint32_t slot) { slots_.cancel(slot); }

  /// Processes every event with time < end, then sets the clock to `end`.
  template <class Handler>
  void run_until(Minutes end, Handler&& handle) {
    while (!queue_.empty() && queue_.top().time < end) {
      Event e = queue_.pop();
      if (!slots_.live(e.slot, e.gen)) continue;
      now_ = e.time;
      ++processed_;
      handle(e);
    }
    if (end > now_) now_ = end;
  }

 private:
  void check_not_past([[maybe_unused]] Minutes t) const {
#ifdef HOMECARE_CHECKED
    if (t < now_) throw std::logic_error("event scheduled in the past: time would go back");
#endif
    assert(t >= now_);
  }
  EventQueue<Payload> queue_;
  GenerationTable slots_;
  Minutes now_{0.0};
  std::uint64_t processed_ = 0;
};

}  // namespace homecare::kernel
