// Unit tests of the kernel's random streams: the generator, pinned draws, stream identity, moments.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernel/random.hpp"

using namespace homecare::kernel;

namespace {

// Every golden value below comes from this key. Draws are pure functions of the key, so a change
// to any of them means every stored result of the simulator would change too. (Its counter is
// (3, 4, 5, block): purpose 0 with the agent's top bits 3, which is how the golden values were
// first taken, with a 32-bit agent and the purpose in the first word.)
constexpr StreamKey golden_key{1, 2, 0, (std::uint64_t{3} << 32) | 4, 5};

/// Running mean and variance (Welford), so a million draws need no storage.
struct Moments {
  double n = 0.0;
  double mean = 0.0;
  double m2 = 0.0;
  void add(double x) {
    n += 1.0;
    const double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  [[nodiscard]] double var() const { return m2 / (n - 1.0); }
};

// Moment checks allow 5 standard errors: with fixed keys they are deterministic, and 5 SE keeps
// them from pinning one lucky stream while still catching any real error in a distribution.
constexpr double z_tolerance = 5.0;
constexpr int n_draws = 1'000'000;

/// Checks the sample mean and variance of a distribution against its true mean `mu`, variance
/// `var` and fourth central moment `mu4` (which gives the standard error of the sample variance).
template <class Draw>
void check_mean_var(Draw&& draw, double mu, double var, double mu4) {
  Moments m;
  for (int i = 0; i < n_draws; ++i) m.add(static_cast<double>(draw()));
  const double se_mean = std::sqrt(var / n_draws);
  const double se_var = std::sqrt((mu4 - var * var) / n_draws);
  CHECK(m.mean == Approx(mu).margin(z_tolerance * se_mean));
  CHECK(m.var() == Approx(var).margin(z_tolerance * se_var));
}

std::array<std::uint32_t, 4> first_words(const StreamKey& k) {
  RandomStream s(k);
  return {s.next_u32(), s.next_u32(), s.next_u32(), s.next_u32()};
}

/// Pearson's chi-square statistic of observed counts against equal expected counts.
double chi_square_uniform(const std::vector<std::uint64_t>& counts, double total) {
  const double expected = total / static_cast<double>(counts.size());
  double chi2 = 0.0;
  for (std::uint64_t c : counts) {
    const double d = static_cast<double>(c) - expected;
    chi2 += d * d / expected;
  }
  return chi2;
}

}  // namespace

TEST_CASE("kernel/random: Philox4x32-10 matches the Random123 known-answer vectors",
          "[kernel][random]") {
  // From Random123's kat_vectors ("philox4x32 10", counter[4] key[2] -> output[4]).
  struct Kat {
    r123::Philox4x32::ctr_type ctr;
    r123::Philox4x32::key_type key;
    std::array<std::uint32_t, 4> expected;
  };
  const std::array<Kat, 3> kats{{
      {{{0x00000000, 0x00000000, 0x00000000, 0x00000000}},
       {{0x00000000, 0x00000000}},
       {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}},
       {{0xffffffff, 0xffffffff}},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}},
       {{0xa4093822, 0x299f31d0}},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  }};
  r123::Philox4x32 philox;
  for (const Kat& k : kats) {
    const auto out = philox(k.ctr, k.key);
    for (std::size_t i = 0; i < 4; ++i) CHECK(out.v[i] == k.expected[i]);
  }

  SECTION("and RandomStream is that generator: key = (seed, replicate), counter = (purpose << 24 "
          "| agent >> 32, agent low 32 bits, sub, block)") {
    CHECK(first_words(StreamKey{}) ==
          std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    RandomStream s(golden_key);
    for (std::uint32_t block = 0; block < 3; ++block) {
      const auto expected = philox({{3, 4, 5, block}}, {{1, 2}});
      for (std::size_t i = 0; i < 4; ++i) CHECK(s.next_u32() == expected.v[i]);
    }
    // A 56-bit agent: the purpose in the top byte of the first word, the agent's top 24 bits below.
    RandomStream w(StreamKey{1, 2, 0xAB, (std::uint64_t{0x123456} << 32) | 0x789ABCDEU, 9});
    const auto wide = philox({{0xAB123456U, 0x789ABCDEU, 9, 0}}, {{1, 2}});
    for (std::size_t i = 0; i < 4; ++i) CHECK(w.next_u32() == wide.v[i]);
  }
}

TEST_CASE("kernel/random: golden values are pinned", "[kernel][random]") {
  SECTION("bits") {
    RandomStream s(golden_key);
    const std::array<std::uint32_t, 8> expected{0xab31e50dU, 0x729e46f0U, 0x1dbb3e4dU,
                                                0xd22ebb69U, 0xf995cdceU, 0x821f44fbU,
                                                0xb99270f9U, 0x9fdc8d62U};
    for (std::uint32_t e : expected) CHECK(s.next_u32() == e);
    RandomStream t(golden_key);
    CHECK(t.next_u64() == 0xab31e50d729e46f0ULL);  // high word first
  }
  SECTION("continuous distributions, exactly") {
    RandomStream a(golden_key);
    CHECK(a.uniform() == 0x1.5663ca1ae53c8p-1);
    RandomStream b(golden_key);
    CHECK(b.uniform_open() == 0x1.5663ca1ae53c8p-1);  // the same 53 bits, plus half an ulp
    RandomStream c(golden_key);
    CHECK(exponential(c, 2.0) == 0x1.9c082143b8de2p-1);
    RandomStream d(golden_key);
    CHECK(normal(d, 1.0, 2.0) == 0x1.2b2c83cbe7181p+1);
    RandomStream e(golden_key);
    CHECK(lognormal_mean_cv(e, 10.0, 0.5) == 0x1.8886f1b60bb2fp+3);
    RandomStream g(golden_key);
    CHECK(gamma(g, 0.5, 1.0) == 0x1.228722d02de6ep+1);
    CHECK(gamma(g, 0.5, 1.0) == 0x1.9cb436a02750bp-11);
    CHECK(gamma(g, 0.5, 1.0) == 0x1.443cea335e09bp+0);
    RandomStream h(golden_key);
    CHECK(gamma(h, 2.5, 2.0) == 0x1.a75a41933ee7dp+2);
    CHECK(gamma(h, 2.5, 2.0) == 0x1.c761a79f8a7abp+2);
    CHECK(gamma(h, 2.5, 2.0) == 0x1.c1258c0b5ec52p+1);
  }
  SECTION("discrete distributions") {
    RandomStream a(golden_key);
    for (std::uint64_t e : {4, 5, 4, 3, 6}) CHECK(poisson(a, 3.5) == e);
    RandomStream b(golden_key);
    for (std::uint64_t e : {258, 264, 223, 251, 257}) CHECK(poisson(b, 250.0) == e);
    RandomStream c(golden_key);
    const std::array<double, 4> w{1.0, 2.0, 3.0, 4.0};
    for (std::size_t e : {3, 1, 3, 3, 0, 2, 3, 3, 3, 3}) CHECK(categorical(c, w) == e);
    RandomStream d(golden_key);
    for (std::uint32_t e : {4, 3, 0, 5, 6, 3, 5, 4, 0, 0}) CHECK(uniform_index(d, 7) == e);
    RandomStream f(golden_key);
    for (bool e : {false, true, false, false, true, false, false, false, false, false})
      CHECK(bernoulli(f, 0.3) == e);
  }
}

TEST_CASE("kernel/random: the same key gives the same stream", "[kernel][random]") {
  RandomStream a(golden_key);
  RandomStream b(golden_key);
  for (int i = 0; i < 10'000; ++i) REQUIRE(a.next_u32() == b.next_u32());

  // A stream is a value: a copy taken mid-block continues exactly as the original does.
  a.next_u32();
  RandomStream copy = a;
  for (int i = 0; i < 100; ++i) REQUIRE(copy.next_u32() == a.next_u32());
}

TEST_CASE("kernel/random: each key field selects a different stream", "[kernel][random]") {
  const StreamKey base = golden_key;
  std::vector<StreamKey> keys{base};
  for (std::uint32_t delta : {1U, 0x80000000U}) {
    for (int field = 0; field < 4; ++field) {
      StreamKey k = base;
      std::uint32_t* f[] = {&k.seed, &k.replicate, &k.sub, &k.purpose};
      *f[field] += field == 3 ? (delta == 1U ? 1U : 0x80U) : delta;  // a purpose is 8 bits
      keys.push_back(k);
    }
  }
  // The agent's low bits, its high bits, and the top of its 56.
  for (std::uint64_t delta : {std::uint64_t{1}, std::uint64_t{1} << 31, std::uint64_t{1} << 32, std::uint64_t{1} << 55}) {
    StreamKey k = base;
    k.agent ^= delta;
    keys.push_back(k);
  }
  // Swapped fields must not alias either: (agent 4, sub 5) is not (agent 5, sub 4).
  keys.push_back(StreamKey{1, 2, 0, (std::uint64_t{3} << 32) | 5, 4});
  keys.push_back(StreamKey{2, 1, 0, (std::uint64_t{3} << 32) | 4, 5});
  keys.push_back(StreamKey{1, 2, 0, (std::uint64_t{4} << 32) | 3, 5});
  keys.push_back(StreamKey{1, 2, 3, 4, 5});  // a purpose is not the agent's top bits
  keys.push_back(StreamKey{1, 2, 0, (std::uint64_t{3} << 56 >> 32) | 4, 5});

  std::vector<std::vector<std::uint32_t>> streams;
  for (const StreamKey& k : keys) {
    RandomStream s(k);
    std::vector<std::uint32_t> words(64);
    for (auto& w : words) w = s.next_u32();
    streams.push_back(words);
  }
  for (std::size_t i = 0; i < streams.size(); ++i) {
    for (std::size_t j = i + 1; j < streams.size(); ++j) {
      INFO("streams " << i << " and " << j);
      int equal_positions = 0;  // independent streams agree at a position with chance 2^-32
      for (std::size_t p = 0; p < streams[i].size(); ++p)
        equal_positions += streams[i][p] == streams[j][p] ? 1 : 0;
      CHECK(equal_positions == 0);
    }
  }
}

TEST_CASE("kernel/random: uniform and uniform_open ranges and moments", "[kernel][random]") {
  RandomStream s(StreamKey{7, 0, 1, 0, 0});
  double lo = 1.0;
  double hi = 0.0;
  Moments m;
  Moments mo;
  for (int i = 0; i < n_draws; ++i) {
    const double u = s.uniform();
    const double uo = s.uniform_open();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    REQUIRE(uo > 0.0);
    REQUIRE(uo < 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    m.add(u);
    mo.add(uo);
  }
  CHECK(lo < 1e-5);
  CHECK(hi > 1.0 - 1e-5);
  // U(0,1): variance 1/12, fourth central moment 1/80.
  const double se_mean = std::sqrt(1.0 / 12.0 / n_draws);
  const double se_var = std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n_draws);
  CHECK(m.mean == Approx(0.5).margin(z_tolerance * se_mean));
  CHECK(m.var() == Approx(1.0 / 12.0).margin(z_tolerance * se_var));
  CHECK(mo.mean == Approx(0.5).margin(z_tolerance * se_mean));
  CHECK(mo.var() == Approx(1.0 / 12.0).margin(z_tolerance * se_var));

  RandomStream t(StreamKey{7, 0, 2, 0, 0});
  check_mean_var([&] { return uniform(t, -3.0, 5.0); }, 1.0, 64.0 / 12.0,
                 std::pow(8.0, 4.0) / 80.0);
}

TEST_CASE("kernel/random: uniform32 is the block's words over 2^32, four a block", "[kernel][random]") {
  const StreamKey k{7, 3, 9, 11, 13};
  RandomStream words(k);
  RandomStream u(k);
  for (int i = 0; i < 8; ++i) {  // two blocks: the fifth draw starts the second
    const std::uint32_t w = words.next_u32();
    CHECK(u.uniform32() == static_cast<double>(w) / 4294967296.0);
  }
  RandomStream s(StreamKey{7, 0, 3, 0, 0});
  check_mean_var([&] {
    const double x = s.uniform32();
    REQUIRE(x >= 0.0);
    REQUIRE(x < 1.0);
    return x;
  }, 0.5, 1.0 / 12.0, 1.0 / 80.0);
}

TEST_CASE("kernel/random: exponential moments", "[kernel][random]") {
  for (double mean : {1.0, 37.5}) {
    INFO("mean " << mean);
    RandomStream s(StreamKey{7, 0, 3, 0, 0});
    // Exponential: variance mean^2, fourth central moment 9 mean^4.
    check_mean_var([&] { return exponential(s, mean); }, mean, mean * mean,
                   9.0 * std::pow(mean, 4.0));
  }
}

TEST_CASE("kernel/random: normal and lognormal moments", "[kernel][random]") {
  RandomStream s(StreamKey{7, 0, 4, 0, 0});
  // N(mu, sd): fourth central moment 3 sd^4.
  check_mean_var([&] { return normal(s, -2.0, 3.0); }, -2.0, 9.0, 3.0 * 81.0);

  for (double cv : {0.1, 0.5, 1.0}) {
    INFO("cv " << cv);
    RandomStream t(StreamKey{7, 0, 5, 0, 0});
    const double mean = 60.0;
    Moments m;
    for (int i = 0; i < n_draws; ++i) {
      const double x = lognormal_mean_cv(t, mean, cv);
      REQUIRE(x > 0.0);
      m.add(x);
    }
    const double sd = mean * cv;
    CHECK(m.mean == Approx(mean).margin(z_tolerance * sd / std::sqrt(n_draws)));
    // The lognormal's variance has a heavy-tailed estimator, so check the sd loosely (2%).
    CHECK(std::sqrt(m.var()) == Approx(sd).epsilon(0.02));
  }
}

TEST_CASE("kernel/random: gamma moments", "[kernel][random]") {
  struct Case {
    double shape;
    double scale;
  };
  for (const Case& c : {Case{0.5, 1.0}, Case{1.0, 3.0}, Case{2.5, 2.0}, Case{40.0, 0.25}}) {
    INFO("shape " << c.shape << " scale " << c.scale);
    RandomStream s(StreamKey{7, 0, 6, 0, 0});
    const double var = c.shape * c.scale * c.scale;
    // Gamma: excess kurtosis 6 / shape, so the fourth central moment is var^2 (3 + 6 / shape).
    check_mean_var([&] { return gamma(s, c.shape, c.scale); }, c.shape * c.scale, var,
                   var * var * (3.0 + 6.0 / c.shape));
  }
}

TEST_CASE("kernel/random: poisson moments on both sides of the method switch at 12",
          "[kernel][random]") {
  RandomStream z(StreamKey{7, 0, 7, 0, 0});
  CHECK(poisson(z, 0.0) == 0);
  CHECK(poisson(z, -1.0) == 0);
  for (double mean : {0.5, 3.5, 11.9, 12.0, 30.0, 250.0, 1000.0}) {
    INFO("mean " << mean);
    RandomStream s(StreamKey{7, 0, 7, 1, 0});
    // Poisson: variance mean, fourth central moment mean (1 + 3 mean).
    check_mean_var([&] { return poisson(s, mean); }, mean, mean, mean * (1.0 + 3.0 * mean));
  }
  SECTION("and the probability of zero for a small mean") {
    RandomStream s(StreamKey{7, 0, 7, 2, 0});
    int zeros = 0;
    for (int i = 0; i < n_draws; ++i) zeros += poisson(s, 0.5) == 0 ? 1 : 0;
    const double p = std::exp(-0.5);
    CHECK(zeros / double{n_draws} ==
          Approx(p).margin(z_tolerance * std::sqrt(p * (1.0 - p) / n_draws)));
  }
}

TEST_CASE("kernel/random: bernoulli frequencies", "[kernel][random]") {
  RandomStream s(StreamKey{7, 0, 8, 0, 0});
  for (double p : {0.0, 0.01, 0.25, 0.5, 0.99, 1.0}) {
    INFO("p " << p);
    int hits = 0;
    for (int i = 0; i < n_draws; ++i) hits += bernoulli(s, p) ? 1 : 0;
    if (p == 0.0) CHECK(hits == 0);
    if (p == 1.0) CHECK(hits == n_draws);
    CHECK(hits / double{n_draws} ==
          Approx(p).margin(z_tolerance * std::sqrt(p * (1.0 - p) / n_draws)));
  }
}

TEST_CASE("kernel/random: categorical frequencies", "[kernel][random]") {
  RandomStream s(StreamKey{7, 0, 9, 0, 0});
  const std::array<double, 5> w{0.5, 0.0, 2.0, 1.5, 6.0};  // a zero weight is never chosen
  std::array<int, 5> counts{};
  for (int i = 0; i < n_draws; ++i) ++counts.at(categorical(s, w));
  CHECK(counts[1] == 0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    INFO("index " << i);
    const double p = w[i] / 10.0;
    CHECK(counts[i] / double{n_draws} ==
          Approx(p).margin(z_tolerance * std::sqrt(p * (1.0 - p) / n_draws)));
  }
  SECTION("a single positive weight is always chosen") {
    const std::array<double, 3> one{0.0, 0.0, 2.0};
    for (int i = 0; i < 1000; ++i) REQUIRE(categorical(s, one) == 2);
  }
}

TEST_CASE("kernel/random: uniform_index is unbiased", "[kernel][random]") {
  SECTION("n = 3") {
    RandomStream s(StreamKey{7, 0, 10, 0, 0});
    std::vector<std::uint64_t> counts(3);
    for (int i = 0; i < n_draws; ++i) ++counts.at(uniform_index(s, 3));
    // 2 degrees of freedom: P(chi2 > 20) is 4.5e-5.
    CHECK(chi_square_uniform(counts, n_draws) < 20.0);
  }
  SECTION("n = 1 always gives 0") {
    RandomStream s(StreamKey{7, 0, 10, 1, 0});
    for (int i = 0; i < 1000; ++i) REQUIRE(uniform_index(s, 1) == 0);
  }
  SECTION("n = 2^31 + 1, where about half the raw draws are rejected") {
    // A reduction without rejection (or with a wrong threshold) over-weights part of the range
    // by a factor of up to 2 here, which shows in the mean and in the bucket frequencies.
    constexpr std::uint32_t n = 0x80000001U;
    RandomStream s(StreamKey{7, 0, 10, 2, 0});
    std::vector<std::uint64_t> buckets(16);  // 16 equal ranges of [0, 2^31)
    std::vector<std::uint64_t> parity(2);
    Moments m;
    for (int i = 0; i < n_draws; ++i) {
      const std::uint32_t x = uniform_index(s, n);
      REQUIRE(x < n);
      ++buckets.at(x == n - 1 ? 15 : x >> 27);
      ++parity[x & 1U];
      m.add(static_cast<double>(x));
    }
    const double nd = n;
    CHECK(m.mean == Approx((nd - 1.0) / 2.0).margin(z_tolerance * nd / std::sqrt(12.0 * n_draws)));
    // 15 degrees of freedom: P(chi2 > 45) is 7e-5. 1 degree: P(chi2 > 16) is 6e-5.
    CHECK(chi_square_uniform(buckets, n_draws) < 45.0);
    CHECK(chi_square_uniform(parity, n_draws) < 16.0);
  }
}
