// The journal: round trip bit for bit, torn and corrupt tails, foreign files, concurrent appends.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <thread>

#include "../scenario/temp_scenario.hpp"
#include "common/error.hpp"
#include "runner/crc32.hpp"
#include "runner/journal.hpp"

using homecare::runner::JournalRecord;
using homecare::test::TempDir;
namespace runner = homecare::runner;
namespace fs = std::filesystem;

namespace {
const std::string fp = "0123456789abcdef";

JournalRecord result(std::uint32_t v, std::uint32_t r, std::vector<double> values) {
  JournalRecord rec;
  rec.variant = v;
  rec.replicate = r;
  rec.values = std::move(values);
  return rec;
}
JournalRecord failure(std::uint32_t v, std::uint32_t r, std::string message) {
  JournalRecord rec;
  rec.kind = JournalRecord::Kind::failure;
  rec.variant = v;
  rec.replicate = r;
  rec.message = std::move(message);
  return rec;
}
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

TEST_CASE("CRC-32 has the standard check value") {
  const std::string s = "123456789";
  CHECK(runner::crc32(std::as_bytes(std::span(s.data(), s.size()))) == 0xCBF43926U);
}

TEST_CASE("records read back bit for bit, NaN and negative zero included") {
  TempDir dir;
  const std::string path = dir.path() + "/j.bin";
  const std::vector<double> odd = {1.5, -0.0, std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::infinity(), 1e-310};
  {
    runner::JournalWriter w(path, fp);
    w.append(result(0, 3, odd));
    w.append(failure(1, 4, "month 7: people in - out != present"));
    w.append(result(1, 5, {}));
  }
  const auto c = runner::read_journal(path, fp, true);
  REQUIRE(c.records.size() == 3);
  CHECK(c.intact_bytes == c.file_bytes);
  CHECK(c.records[0].kind == JournalRecord::Kind::result);
  CHECK(c.records[0].replicate == 3);
  CHECK(same_bits(c.records[0].values, odd));
  CHECK(c.records[1].kind == JournalRecord::Kind::failure);
  CHECK(c.records[1].variant == 1);
  CHECK(c.records[1].message == "month 7: people in - out != present");
  CHECK(c.records[2].values.empty());
  // Without values: the same records, payloads checked but not kept.
  const auto lean = runner::read_journal(path, fp, false);
  REQUIRE(lean.records.size() == 3);
  CHECK(lean.records[0].values.empty());
  CHECK(lean.records[1].message == "month 7: people in - out != present");
  // Appending to an existing journal adds no second header.
  {
    runner::JournalWriter w(path, fp);
    w.append(result(2, 0, {2.0}));
  }
  CHECK(runner::read_journal(path, fp, false).records.size() == 4);
}

TEST_CASE("a torn or corrupt tail ends the intact prefix, and cutting it lets appends follow") {
  TempDir dir;
  const std::string path = dir.path() + "/j.bin";
  {
    runner::JournalWriter w(path, fp);
    for (std::uint32_t r = 0; r < 3; ++r) w.append(result(0, r, {1.0 * r, 2.0 * r}));
  }
  const auto whole = fs::file_size(path);
  SECTION("half a record at the end") {
    std::ofstream(path, std::ios::app | std::ios::binary) << std::string("HCRC\x01\0\0\0\x07", 9);
    const auto c = runner::read_journal(path, fp, true);
    CHECK(c.records.size() == 3);
    CHECK(c.intact_bytes == whole);
    CHECK(c.file_bytes == whole + 9);
    runner::truncate_journal(path, c.intact_bytes);
    {
      runner::JournalWriter w(path, fp);
      w.append(result(0, 3, {3.0, 6.0}));
    }
    const auto after = runner::read_journal(path, fp, true);
    REQUIRE(after.records.size() == 4);
    CHECK(after.records[3].values == std::vector<double>{3.0, 6.0});
  }
  SECTION("a flipped bit in the last record's payload") {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(whole) - 10);
    f.put('\x55');
    f.close();
    const auto c = runner::read_journal(path, fp, true);
    CHECK(c.records.size() == 2);
    CHECK(c.intact_bytes < whole);
  }
  SECTION("a header torn at creation") {
    fs::resize_file(path, 20);
    const auto c = runner::read_journal(path, fp, true);
    CHECK(c.records.empty());
    CHECK(c.intact_bytes == 0);
  }
}

TEST_CASE("a journal of another run is refused") {
  TempDir dir;
  const std::string path = dir.path() + "/j.bin";
  { runner::JournalWriter w(path, fp); }
  CHECK_THROWS_WITH(runner::read_journal(path, "fedcba9876543210", false),
                    "the journal '" + path + "' belongs to another run (fingerprint 0123456789abcdef, expected "
                    "fedcba9876543210)");
}

TEST_CASE("a full disk is an error, not a torn journal") {
  CHECK_THROWS_AS(runner::JournalWriter("/dev/full", fp), homecare::EngineError);
}

TEST_CASE("records appended from many threads at once are all intact") {
  TempDir dir;
  const std::string path = dir.path() + "/j.bin";
  {
    runner::JournalWriter w(path, fp);
    std::vector<std::thread> threads;
    for (std::uint32_t t = 0; t < 4; ++t)
      threads.emplace_back([&w, t] {
        for (std::uint32_t r = 0; r < 25; ++r) w.append(result(t, r, std::vector<double>(50, t * 100.0 + r)));
      });
    for (auto& th : threads) th.join();
  }
  const auto c = runner::read_journal(path, fp, true);
  REQUIRE(c.records.size() == 100);
  CHECK(c.intact_bytes == c.file_bytes);
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const auto& rec : c.records) {
    seen.insert({rec.variant, rec.replicate});
    CHECK(rec.values == std::vector<double>(50, rec.variant * 100.0 + rec.replicate));
  }
  CHECK(seen.size() == 100);
}
