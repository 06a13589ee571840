// Counter-based random streams (Random123 Philox4x32-10) and the distributions the model uses,
// written here so that a draw is bit-identical on every standard library.
#pragma once

#include <Random123/philox.h>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>

namespace homecare::kernel {

/// Identifies one independent stream. Key = (seed, replicate); counter = (purpose and the top
/// 24 bits of the agent, the agent's low 32 bits, sub, block). A stream depends on nothing else,
/// so the same draw comes out whatever thread or process computes it and whatever order
/// replicates run in; and two variants of a scenario get the same draws for the same (purpose,
/// agent, sub): common random numbers. The agent is a 56-bit identity, wide enough to name a
/// person by where and when they came (a referral's ward, day and rank; a post's provider, number
/// and occupant), not by the order in which things happened.
struct StreamKey {
  std::uint32_t seed = 0;
  std::uint32_t replicate = 0;
  std::uint32_t purpose = 0;  // < 256
  std::uint64_t agent = 0;    // < 2^56
  std::uint32_t sub = 0;      // a further index, e.g. the day, so per-day streams need no state
};

inline constexpr std::uint64_t max_stream_agent = (std::uint64_t{1} << 56) - 1;
inline constexpr std::uint32_t max_stream_purpose = 255;

/// A stream of uniform bits. Each Philox block gives four 32-bit words; a stream has 2^32 blocks.
/// Thread-safety: a value type; do not share one instance between threads.
class RandomStream {
 public:
  /// `k.purpose` and `k.agent` must be within max_stream_purpose and max_stream_agent (asserted;
  /// a checked build throws std::logic_error): wider values would alias other streams.
  explicit RandomStream(const StreamKey& k) {
#ifdef HOMECARE_CHECKED
    if (k.purpose > max_stream_purpose || k.agent > max_stream_agent)
      throw std::logic_error("random stream key out of range (purpose or agent too wide)");
#endif
    assert(k.purpose <= max_stream_purpose && k.agent <= max_stream_agent);
    key_ = {{k.seed, k.replicate}};
    ctr_ = {{(k.purpose << 24) | static_cast<std::uint32_t>(k.agent >> 32), static_cast<std::uint32_t>(k.agent),
             k.sub, 0}};
  }

  std::uint32_t next_u32() {
    if (index_ == 4) refill();
    return buffer_.v[index_++];
  }
  std::uint64_t next_u64() {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  /// Uniform on [0, 1) with 32 random bits: four from one Philox block, for hot paths where a
  /// resolution of 2^-32 is ample (the per-visit overrun).
  double uniform32() { return static_cast<double>(next_u32()) * 0x1.0p-32; }
  /// Uniform on (0, 1): safe to take the logarithm of.
  double uniform_open() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  void refill() {
    buffer_ = philox_(ctr_, key_);
    ++ctr_.v[3];
    index_ = 0;
  }
  r123::Philox4x32 philox_;
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type buffer_{};
  int index_ = 4;
};

// ---- Distributions. Each documents its parameters; none keeps hidden state. ----

/// Uniform on [a, b).
inline double uniform(RandomStream& s, double a, double b) { return a + (b - a) * s.uniform(); }

/// Uniform integer on [0, n), n >= 1, without modulo bias (Lemire's method).
inline std::uint32_t uniform_index(RandomStream& s, std::uint32_t n) {
  std::uint64_t m = static_cast<std::uint64_t>(s.next_u32()) * n;
  auto low = static_cast<std::uint32_t>(m);
  if (low < n) {
    const std::uint32_t threshold = (0U - n) % n;
    while (low < threshold) {
      m = static_cast<std::uint64_t>(s.next_u32()) * n;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

/// True with probability p (p outside [0, 1] is clamped).
inline bool bernoulli(RandomStream& s, double p) { return s.uniform() < p; }

/// Exponential with the given mean (> 0), by inversion.
inline double exponential(RandomStream& s, double mean) { return -mean * std::log(s.uniform_open()); }

/// Normal by the Box-Muller transform; uses two uniforms per draw and keeps no spare.
inline double normal(RandomStream& s, double mean, double sd) {
  const double u1 = s.uniform_open();
  const double u2 = s.uniform();
  return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

/// Lognormal: exp(N(mu, sigma)).
inline double lognormal(RandomStream& s, double mu, double sigma) {
  return std::exp(normal(s, mu, sigma));
}

/// Lognormal parameterised by its own mean (> 0) and coefficient of variation (>= 0).
inline double lognormal_mean_cv(RandomStream& s, double mean, double cv) {
  const double sigma2 = std::log1p(cv * cv);
  return lognormal(s, std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2));
}

/// Gamma(shape k > 0, scale theta) by Marsaglia and Tsang (2000).
inline double gamma(RandomStream& s, double k, double theta) {
  if (k < 1.0) {  // boost: Gamma(k) = Gamma(k + 1) * U^(1/k)
    const double u = s.uniform_open();
    return gamma(s, k + 1.0, theta) * std::pow(u, 1.0 / k);
  }
  const double d = k - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = normal(s, 0.0, 1.0);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = s.uniform_open();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * theta;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * theta;
  }
}

/// log(k!) through lgamma_r, which unlike std::lgamma writes no global (signgam): safe when
/// replicates run on several threads.
inline double log_factorial(double k) {
  int sign = 0;
  return ::lgamma_r(k + 1.0, &sign);
}

/// Poisson with the given mean (>= 0). Knuth's product method below 12; above it Hoermann's
/// PTRS transformed rejection (1993), exact for every mean.
inline std::uint64_t poisson(RandomStream& s, double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 12.0) {
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double p = s.uniform_open();
    while (p > limit) {
      ++k;
      p *= s.uniform_open();
    }
    return k;
  }
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.uniform() - 0.5;
    const double v = s.uniform_open();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - log_factorial(k))
      return static_cast<std::uint64_t>(k);
  }
}

/// Index i with probability weights[i] / sum(weights); weights non-negative, sum > 0.
inline std::size_t categorical(RandomStream& s, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  double x = s.uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  for (std::size_t i = weights.size(); i-- > 0;)  // rounding left x just past the end
    if (weights[i] > 0.0) return i;
  return 0;
}

}  // namespace homecare::kernel
