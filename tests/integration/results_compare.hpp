// Test helpers on results files and partial runs: bitwise comparison of every dataset, and
// counting what a partial run's journals hold.
#pragma once

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "results/h5.hpp"
#include "runner/journal.hpp"

namespace homecare::test {

/// Every dataset of two results files bit for bit: months, raw replicates and statistics.
/// (Attributes such as created_utc may differ.) Returns the number of datasets compared.
inline int require_same_datasets(const std::string& a, const std::string& b) {
  namespace h5 = results::h5;
  h5::Handle fa = h5::open_file_read(a);
  h5::Handle fb = h5::open_file_read(b);
  h5::Handle va = h5::open_group(fa.id(), "variants");
  h5::Handle vb = h5::open_group(fb.id(), "variants");
  const auto names = h5::children(va.id());
  REQUIRE(names == h5::children(vb.id()));
  int compared = 0;
  for (const auto& n : names) {
    h5::Handle ga = h5::open_group(va.id(), n);
    h5::Handle gb = h5::open_group(vb.id(), n);
    CHECK(h5::read_strings(ga.id(), "months") == h5::read_strings(gb.id(), "months"));
    CHECK(h5::read_attr_int(ga.id(), "replicates") == h5::read_attr_int(gb.id(), "replicates"));
    for (const char* kind : {"monthly", "summary", "stats/monthly", "stats/summary"}) {
      h5::Handle ka = h5::open_group(ga.id(), kind);
      h5::Handle kb = h5::open_group(gb.id(), kind);
      const auto metrics = h5::children(ka.id());
      REQUIRE(metrics == h5::children(kb.id()));
      for (const auto& m : metrics) {
        std::vector<hsize_t> sa, sb;
        const auto x = h5::read_doubles(ka.id(), m, &sa);
        const auto y = h5::read_doubles(kb.id(), m, &sb);
        INFO(n << "/" << kind << "/" << m);
        REQUIRE(sa == sb);
        // Bitwise: NaN (a period the run does not cover) included.
        CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
        ++compared;
      }
    }
  }
  return compared;
}

/// The run fingerprint a partial folder's manifest names ("" when there is no manifest).
inline std::string manifest_fingerprint(const std::string& folder) {
  std::ifstream in(folder + "/manifest");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("fingerprint: ")) return line.substr(13);
  return "";
}

/// Records (results and failures) in every journal of a partial folder.
inline std::vector<runner::JournalRecord> journal_records(const std::string& folder) {
  std::vector<runner::JournalRecord> out;
  const std::string fp = manifest_fingerprint(folder);
  if (fp.empty() || !std::filesystem::is_directory(folder)) return out;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with("journal-")) continue;
    auto c = runner::read_journal(e.path().string(), fp, false);
    out.insert(out.end(), c.records.begin(), c.records.end());
  }
  return out;
}

}  // namespace homecare::test
