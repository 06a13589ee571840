// PHOLD throughput benchmark: the kernel's Simulator against a plain std::priority_queue loop.
//
// Classic PHOLD as in ROSS's models/phold: N logical processes (LPs), one starting event each; an
// LP handling an event sends one new event, to a uniformly chosen LP (possibly itself) with
// probability `remote`, otherwise to itself, after an exponential delay of mean 1 (no lookahead).
// Both variants draw from the same per-LP random streams in the same order, so they process the
// same events and print the same checksum; only the pending-event set differs.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/event_queue.hpp"
#include "kernel/random.hpp"

namespace {

using homecare::kernel::Minutes;
using homecare::kernel::RandomStream;
using homecare::kernel::Simulator;
using homecare::kernel::StreamKey;

constexpr std::uint32_t phold_purpose = 1;  // the stream purpose of every PHOLD draw

struct Options {
  std::uint32_t lps = 1024;
  double end = 20000.0;
  double remote = 0.25;
  double mean = 1.0;
  std::uint32_t seed = 1;
  int repeat = 3;
  std::string variant = "both";  // kernel, pq or both
};

/// What a run leaves behind, so that two runs (or two variants) can be compared exactly.
struct Outcome {
  std::uint64_t events = 0;
  std::uint64_t lp_event_sum = 0;  // sum of per-LP counts; equals `events`
  std::uint64_t checksum = 0;      // FNV-1a over the per-LP counts, in LP order
  double seconds = 0.0;
};

/// One LP's state: its random stream and how many events it has processed.
struct Lp {
  RandomStream rng;
  std::uint64_t processed = 0;
};

std::vector<Lp> make_lps(const Options& o) {
  std::vector<Lp> lps;
  lps.reserve(o.lps);
  for (std::uint32_t i = 0; i < o.lps; ++i)
    lps.push_back(Lp{RandomStream(StreamKey{o.seed, 0, phold_purpose, i, 0}), 0});
  return lps;
}

/// The PHOLD event handler shared by both variants: the destination and delay of the one event
/// LP `self` sends. Draw order follows ROSS: a uniform, the remote LP if any, then the delay.
struct Send {
  std::uint32_t dest;
  double delay;
};
inline Send phold_step(Lp& lp, std::uint32_t self, const Options& o) {
  ++lp.processed;
  std::uint32_t dest = self;
  if (homecare::kernel::bernoulli(lp.rng, o.remote))
    dest = homecare::kernel::uniform_index(lp.rng, o.lps);
  return Send{dest, homecare::kernel::exponential(lp.rng, o.mean)};
}

Outcome summarise(const std::vector<Lp>& lps, std::uint64_t events, double seconds) {
  Outcome out;
  out.events = events;
  out.seconds = seconds;
  out.checksum = 0xcbf29ce484222325ULL;
  for (const Lp& lp : lps) {
    out.lp_event_sum += lp.processed;
    out.checksum = (out.checksum ^ lp.processed) * 0x100000001b3ULL;
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The model on the kernel: Simulator<uint32_t> whose payload is the destination LP.
Outcome run_kernel(const Options& o) {
  std::vector<Lp> lps = make_lps(o);
  const auto t0 = std::chrono::steady_clock::now();
  Simulator<std::uint32_t> sim;
  sim.reserve(o.lps);
  for (std::uint32_t i = 0; i < o.lps; ++i)
    sim.schedule_at(Minutes{homecare::kernel::exponential(lps[i].rng, o.mean)}, i);
  sim.run_until(Minutes{o.end}, [&](const Simulator<std::uint32_t>::Event& e) {
    const Send s = phold_step(lps[e.payload], e.payload, o);
    sim.schedule_in(Minutes{s.delay}, s.dest);
  });
  return summarise(lps, sim.processed(), seconds_since(t0));
}

/// The baseline: a binary heap of (time, LP) in std::priority_queue, nothing else.
Outcome run_priority_queue(const Options& o) {
  std::vector<Lp> lps = make_lps(o);
  const auto t0 = std::chrono::steady_clock::now();
  using Entry = std::pair<double, std::uint32_t>;
  std::vector<Entry> storage;
  storage.reserve(o.lps);
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> pq(std::greater<>{},
                                                                    std::move(storage));
  for (std::uint32_t i = 0; i < o.lps; ++i)
    pq.emplace(homecare::kernel::exponential(lps[i].rng, o.mean), i);
  std::uint64_t events = 0;
  while (!pq.empty() && pq.top().first < o.end) {
    const Entry e = pq.top();
    pq.pop();
    ++events;
    const Send s = phold_step(lps[e.second], e.second, o);
    pq.emplace(e.first + s.delay, s.dest);
  }
  return summarise(lps, events, seconds_since(t0));
}

void usage(std::FILE* to) {
  std::fputs(
      "usage: phold [--variant kernel|pq|both] [--lps N] [--end T] [--remote P] [--seed S]\n"
      "             [--repeat R]\n"
      "Runs PHOLD (ROSS's model: exponential delays of mean 1, no lookahead) R times per variant\n"
      "and reports each run and the best. Defaults: both, 1024 LPs, end 20000, remote 0.25,\n"
      "seed 1, 3 repeats.\n",
      to);
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      usage(stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "phold: %s needs a value\n", argv[i]);
      return false;
    }
    const char* value = argv[++i];
    char* rest = nullptr;
    if (flag == "--variant") {
      o.variant = value;
      if (o.variant != "kernel" && o.variant != "pq" && o.variant != "both") {
        std::fprintf(stderr, "phold: --variant must be kernel, pq or both, not '%s'\n", value);
        return false;
      }
      continue;
    }
    if (flag == "--end" || flag == "--remote") {
      const double v = std::strtod(value, &rest);
      if (*rest != '\0' || !(v >= 0.0)) {
        std::fprintf(stderr, "phold: %s expects a non-negative number, not '%s'\n", argv[i - 1],
                     value);
        return false;
      }
      (flag == "--end" ? o.end : o.remote) = v;
      continue;
    }
    if (flag == "--lps" || flag == "--seed" || flag == "--repeat") {
      const unsigned long v = std::strtoul(value, &rest, 10);
      if (*rest != '\0' || *value == '-' || v > 0xffffffffUL ||
          (v == 0 && flag != "--seed")) {
        std::fprintf(stderr, "phold: %s expects a positive integer, not '%s'\n", argv[i - 1],
                     value);
        return false;
      }
      if (flag == "--lps") o.lps = static_cast<std::uint32_t>(v);
      if (flag == "--seed") o.seed = static_cast<std::uint32_t>(v);
      if (flag == "--repeat") o.repeat = static_cast<int>(v);
      continue;
    }
    std::fprintf(stderr, "phold: unknown option '%s'\n", argv[i - 1]);
    return false;
  }
  return true;
}

void report(const char* name, int run, const Outcome& r) {
  std::printf(
      "%-6s run %d: events %llu  lp_event_sum %llu  checksum %016llx  %.3f s  %.3f M events/s\n",
      name, run, static_cast<unsigned long long>(r.events),
      static_cast<unsigned long long>(r.lp_event_sum), static_cast<unsigned long long>(r.checksum),
      r.seconds, static_cast<double>(r.events) / r.seconds / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    usage(stderr);
    return 2;
  }
  std::printf("PHOLD: %u LPs, end %.1f, remote %.2f, mean delay %.2f, seed %u\n", o.lps, o.end,
              o.remote, o.mean, o.seed);
  struct Variant {
    const char* name;
    Outcome (*run)(const Options&);
    Outcome best;
    bool any = false;
  };
  std::vector<Variant> variants;
  if (o.variant != "pq") variants.push_back({"kernel", run_kernel, {}, false});
  if (o.variant != "kernel") variants.push_back({"pq", run_priority_queue, {}, false});
  // Alternate the variants run by run, so a slow spell on a shared machine hits both.
  for (int run = 1; run <= o.repeat; ++run) {
    for (Variant& v : variants) {
      const Outcome r = v.run(o);
      report(v.name, run, r);
      if (v.any && (r.events != v.best.events || r.checksum != v.best.checksum)) {
        std::fprintf(stderr, "phold: %s run %d differs from its earlier runs\n", v.name, run);
        return 1;
      }
      if (!v.any || r.seconds < v.best.seconds) v.best = r;
      v.any = true;
    }
  }
  for (const Variant& v : variants)
    std::printf("best   %-6s: events %llu  checksum %016llx  %.3f s  %.3f M events/s\n", v.name,
                static_cast<unsigned long long>(v.best.events),
                static_cast<unsigned long long>(v.best.checksum), v.best.seconds,
                static_cast<double>(v.best.events) / v.best.seconds / 1e6);
  if (variants.size() == 2 && (variants[0].best.events != variants[1].best.events ||
                               variants[0].best.checksum != variants[1].best.checksum)) {
    std::fprintf(stderr, "phold: the kernel and priority_queue variants disagree\n");
    return 1;
  }
  return 0;
}
