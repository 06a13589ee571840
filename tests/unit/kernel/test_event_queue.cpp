// Unit tests of the pending-event set and the Simulator: order, ties, cancellation, run_until.
#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kernel/event_queue.hpp"
#include "kernel/random.hpp"

using namespace homecare::kernel;

namespace {

using Queue = EventQueue<std::uint32_t>;
using Sim = Simulator<std::uint32_t>;

/// (time, sequence) strictly before: the order the kernel promises.
bool strictly_before(const Queue::Event& a, const Queue::Event& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

}  // namespace

TEST_CASE("kernel/event_queue: many random events pop in time order", "[kernel][event_queue]") {
  // Continuous times (no ties) and times on a coarse grid (many ties).
  for (const bool grid : {false, true}) {
    INFO("grid " << grid);
    RandomStream rng(StreamKey{11, 0, 1, grid ? 1U : 0U, 0});
    Queue q;
    constexpr std::uint32_t n = 100'000;
    std::vector<double> time_of(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      time_of[i] = grid ? static_cast<double>(uniform_index(rng, 50)) : uniform(rng, 0.0, 1e4);
      q.push(Minutes{time_of[i]}, i);
    }
    REQUIRE(q.size() == n);
    REQUIRE(q.scheduled() == n);
    Queue::Event prev = q.pop();
    std::vector<bool> seen(n, false);
    seen[prev.payload] = true;
    for (std::uint32_t k = 1; k < n; ++k) {
      const Queue::Event e = q.pop();
      REQUIRE(strictly_before(prev, e));
      REQUIRE(e.time == Minutes{time_of[e.payload]});
      REQUIRE(e.seq == e.payload);  // the sequence is the order of scheduling
      REQUIRE_FALSE(seen[e.payload]);
      seen[e.payload] = true;
      prev = e;
    }
    CHECK(q.empty());
  }
}

TEST_CASE("kernel/event_queue: equal times pop in scheduling order", "[kernel][event_queue]") {
  SECTION("all at one time") {
    Queue q;
    for (std::uint32_t i = 0; i < 1000; ++i) q.push(Minutes{5.0}, i);
    for (std::uint32_t i = 0; i < 1000; ++i) REQUIRE(q.pop().payload == i);
  }
  SECTION("ties interleaved with other times, pushed in a scrambled order") {
    Queue q;
    // Payload = 1000 * time + rank among the events at that time, pushed time-scrambled.
    std::vector<std::uint32_t> next_rank(10, 0);
    RandomStream rng(StreamKey{11, 0, 2, 0, 0});
    for (int i = 0; i < 5000; ++i) {
      const std::uint32_t t = uniform_index(rng, 10);
      q.push(Minutes{static_cast<double>(t)}, 1000 * t + next_rank[t]++);
    }
    std::uint32_t expected_t = 0;
    std::uint32_t expected_rank = 0;
    while (!q.empty()) {
      const std::uint32_t p = q.pop().payload;
      while (expected_rank == next_rank[expected_t]) {
        ++expected_t;
        expected_rank = 0;
      }
      REQUIRE(p == 1000 * expected_t + expected_rank);
      ++expected_rank;
    }
  }
  SECTION("in the Simulator, an event scheduled for now runs after those already due now") {
    Sim sim;
    std::vector<std::uint32_t> order;
    sim.schedule_at(Minutes{1.0}, 0);
    sim.schedule_at(Minutes{1.0}, 1);
    sim.schedule_at(Minutes{1.0}, 2);
    sim.schedule_at(Minutes{2.0}, 9);
    sim.run_until(Minutes{10.0}, [&](const Sim::Event& e) {
      order.push_back(e.payload);
      if (e.payload == 0) {
        sim.schedule_in(Minutes{0.0}, 3);  // same time, scheduled later: after 1 and 2
        sim.schedule_at(Minutes{1.0}, 4);
      }
    });
    CHECK(order == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 9});
  }
}

TEST_CASE("kernel/event_queue: cancellation by generation", "[kernel][event_queue]") {
  SECTION("GenerationTable") {
    GenerationTable g;
    g.ensure(3);
    CHECK(g.size() == 3);
    CHECK(g.current(1) == 0);
    CHECK(g.live(1, 0));
    g.cancel(1);
    CHECK(g.current(1) == 1);
    CHECK_FALSE(g.live(1, 0));
    CHECK(g.live(1, 1));
    CHECK(g.live(0, 0));
    CHECK(g.live(GenerationTable::no_slot, 12345));  // events without a slot are always live
  }

  SECTION("cancelled events are never delivered; every other event is") {
    // Slots 0..9 each have events at times 1..10; payload = 100 * slot + time.
    // At time 5 an event without a slot (payload 999) cancels slots 0..4 and reschedules slot 0
    // at 7.5 (payload 2000), under the new generation.
    Sim sim;
    sim.slots().ensure(10);
    sim.schedule_at(Minutes{5.0}, 999);  // first at time 5, so it runs before the slots' events
    for (std::uint32_t slot = 0; slot < 10; ++slot)
      for (std::uint32_t t = 1; t <= 10; ++t)
        sim.schedule_at(Minutes{static_cast<double>(t)}, 100 * slot + t, slot);
    // Cancel slot 9 before the run, then give it one event under its new generation.
    sim.cancel(9);
    sim.schedule_at(Minutes{3.0}, 3000, 9);

    std::set<std::uint32_t> delivered;
    sim.run_until(Minutes{100.0}, [&](const Sim::Event& e) {
      REQUIRE(e.time == sim.now());
      REQUIRE(delivered.insert(e.payload).second);
      if (e.payload == 999) {
        for (std::uint32_t slot = 0; slot < 5; ++slot) sim.cancel(slot);
        sim.schedule_at(Minutes{7.5}, 2000, 0);
      }
    });

    std::set<std::uint32_t> expected{999, 2000, 3000};
    for (std::uint32_t slot = 0; slot < 9; ++slot)
      for (std::uint32_t t = 1; t <= 10; ++t)
        if (slot >= 5 || t < 5) expected.insert(100 * slot + t);
    CHECK(delivered == expected);
    CHECK(sim.processed() == expected.size());
    CHECK(sim.pending() == 0);  // cancelled events were popped and dropped
  }
}

TEST_CASE("kernel/event_queue: run_until boundaries", "[kernel][event_queue]") {
  Sim sim;
  for (double t : {1.0, 2.0, 3.0, 3.0, 5.0})
    sim.schedule_at(Minutes{t}, static_cast<std::uint32_t>(t));
  std::vector<double> seen;
  auto record = [&](const Sim::Event& e) { seen.push_back(e.time.value); };

  sim.run_until(Minutes{3.0}, record);  // events exactly at `end` wait for the next call
  CHECK(seen == std::vector<double>{1.0, 2.0});
  CHECK(sim.now() == Minutes{3.0});
  CHECK(sim.pending() == 3);

  sim.run_until(Minutes{3.0}, record);  // an empty interval processes nothing
  CHECK(seen.size() == 2);
  CHECK(sim.now() == Minutes{3.0});

  sim.run_until(Minutes{5.0}, record);
  CHECK(seen == std::vector<double>{1.0, 2.0, 3.0, 3.0});
  CHECK(sim.now() == Minutes{5.0});

  sim.run_until(Minutes{20.0}, record);  // the queue empties before `end`; the clock ends there
  CHECK(seen == std::vector<double>{1.0, 2.0, 3.0, 3.0, 5.0});
  CHECK(sim.now() == Minutes{20.0});
  CHECK(sim.processed() == 5);

  sim.run_until(Minutes{15.0}, record);  // an earlier end never moves the clock back
  CHECK(sim.now() == Minutes{20.0});

  SECTION("events a handler schedules before `end` run in the same call; at `end` they wait") {
    std::vector<double> chain;
    sim.schedule_in(Minutes{1.0}, 0);
    sim.run_until(Minutes{25.0}, [&](const Sim::Event& e) {
      chain.push_back(e.time.value);
      sim.schedule_in(Minutes{1.0}, e.payload + 1);
    });
    CHECK(chain == std::vector<double>{21.0, 22.0, 23.0, 24.0});
    CHECK(sim.now() == Minutes{25.0});
    CHECK(sim.pending() == 1);  // the event at exactly 25
  }
}

TEST_CASE("kernel/event_queue: interleaved push and pop match a std::multiset",
          "[kernel][event_queue]") {
  using Key = std::tuple<double, std::uint64_t, std::uint32_t>;  // (time, seq, payload)
  RandomStream rng(StreamKey{11, 0, 3, 0, 0});
  Queue q;
  std::multiset<Key> reference;
  std::uint64_t seq = 0;
  for (int step = 0; step < 200'000; ++step) {
    // Push a little more often than pop, so the queue grows, empties out and refills.
    const bool push = reference.empty() || uniform_index(rng, 100) < (step < 150'000 ? 55U : 40U);
    if (push) {
      const double t = static_cast<double>(uniform_index(rng, 1000)) / 8.0;  // ties are common
      const auto payload = static_cast<std::uint32_t>(step);
      q.push(Minutes{t}, payload);
      reference.emplace(t, seq++, payload);
    } else {
      const Key expected = *reference.begin();
      reference.erase(reference.begin());
      REQUIRE(q.top().time == Minutes{std::get<0>(expected)});
      const Queue::Event e = q.pop();
      REQUIRE(e.time == Minutes{std::get<0>(expected)});
      REQUIRE(e.seq == std::get<1>(expected));
      REQUIRE(e.payload == std::get<2>(expected));
    }
    REQUIRE(q.size() == reference.size());
  }
  CHECK(q.scheduled() == seq);
  q.clear();
  CHECK(q.empty());
}

TEST_CASE("kernel/event_queue: payloads that own memory survive the heap",
          "[kernel][event_queue]") {
  EventQueue<std::string> q;
  q.reserve(4);
  for (int i = 0; i < 200; ++i)
    q.push(Minutes{static_cast<double>((i * 37) % 200)}, "event number " + std::to_string(i));
  for (int t = 0; t < 200; ++t) {
    const auto e = q.pop();
    REQUIRE(e.time == Minutes{static_cast<double>(t)});
    // Event i went to time 37 i mod 200, and 37 * 173 = 1 mod 200.
    REQUIRE(e.payload == "event number " + std::to_string((t * 173) % 200));
  }
}

TEST_CASE("kernel/event_queue: growing the slot table never forgets a generation", "[kernel][event_queue]") {
  homecare::kernel::GenerationTable g;
  g.ensure(4);
  g.cancel(3);
  g.ensure(2);  // a smaller request must not truncate
  REQUIRE(g.size() == 4);
  CHECK(g.current(3) == 1);
  CHECK_FALSE(g.live(3, 0));
  CHECK(g.live(3, 1));
}
