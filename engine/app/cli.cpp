// Argument parsing and the three subcommands.
#include "app/cli.hpp"

#include <charconv>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

#include "common/error.hpp"
#include "model/parameter_spec.hpp"
#include "model/params.hpp"
#include "runner/batch.hpp"
#include "runner/process_group.hpp"
#include "scenario/scenario.hpp"
#include "scenario/suggest.hpp"
#include "version.hpp"

namespace homecare::app {
namespace {

constexpr const char* usage =
    "usage: homecare run SCENARIO.yaml [--replicates N] [--seed S] [--threads T] [--out FILE.h5]\n"
    "                    [--resume] [--force] [--quiet]\n"
    "       homecare validate SCENARIO.yaml...\n"
    "       homecare describe\n"
    "       homecare --version\n";

InputError cli_error(const std::string& key, const std::string& problem) {
  return InputError(SourceLocation{"command line", 0, 0}, key, problem);
}

std::int64_t parse_int(const std::string& opt, const std::string& text, std::int64_t lo, std::int64_t hi) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size())
    throw cli_error(opt, "expected a whole number, got '" + text + "'");
  if (v < lo) throw cli_error(opt, std::to_string(v) + " is below the minimum " + std::to_string(lo));
  if (v > hi) throw cli_error(opt, std::to_string(v) + " is above the maximum " + std::to_string(hi));
  return v;
}

int cmd_run(const std::vector<std::string>& a) {
  runner::BatchOptions o;
  const std::vector<std::string> known = {"--replicates", "--seed", "--threads", "--out",
                                          "--resume", "--force", "--quiet"};
  for (std::size_t i = 1; i < a.size(); ++i) {
    const std::string& s = a[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= a.size()) throw cli_error(s, "needs a value");
      return a[++i];
    };
    if (s == "--replicates") o.replicates = parse_int(s, value(), 1, 100000);
    else if (s == "--seed") o.seed = static_cast<std::uint32_t>(parse_int(s, value(), 0, 4294967295LL));
    else if (s == "--threads") o.threads = static_cast<int>(parse_int(s, value(), 1, 4096));
    else if (s == "--out") o.out = value();
    else if (s == "--resume") o.resume = true;
    else if (s == "--force") o.force = true;
    else if (s == "--quiet") o.quiet = true;
    else if (s.starts_with("-")) {
      std::string msg = "unknown option";
      if (auto near = scenario::closest(s, known)) msg += "; did you mean '" + *near + "'?";
      throw cli_error(s, msg);
    } else if (o.scenario_path.empty()) o.scenario_path = s;
    else throw cli_error(s, "only one scenario file per run");
  }
  if (o.scenario_path.empty()) throw cli_error("run", "needs a scenario file");
  const auto group = runner::ProcessGroup::from_environment();
  return runner::run_batch(o, *group);
}

int cmd_validate(const std::vector<std::string>& a) {
  if (a.size() < 2) throw cli_error("validate", "needs at least one scenario file");
  int status = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    try {
      const auto sc = scenario::load_scenario(a[i]);
      std::cout << a[i] << ": ok (" << sc.variants.size() << " variant"
                << (sc.variants.size() == 1 ? "" : "s") << ")\n";
    } catch (const InputError& e) {
      std::cerr << e.what() << "\n";
      status = 2;
    }
  }
  return status;
}

std::string range_text(const model::ParamSpec& s) {
  switch (s.type()) {
    case model::ParamType::real:
    case model::ParamType::integer:
    case model::ParamType::schedule: {
      auto num = [&](double v) {
        if (s.type() == model::ParamType::integer) return std::to_string(static_cast<long long>(v));
        return model::format_real(v);
      };
      return "[" + num(s.min) + ", " + num(s.max) + "]";
    }
    case model::ParamType::choice: {
      std::string o;
      for (const auto& c : s.choices) o += (o.empty() ? "" : " | ") + c;
      return o;
    }
    case model::ParamType::boolean: return "true | false";
    case model::ParamType::date: return "YYYY-MM-DD";
    case model::ParamType::ward_map: return "ward name -> patch 1..K";
  }
  return "";
}

int cmd_describe() {
  const model::Params defaults;
  std::cout << "# Every scenario parameter: key path, type, unit, default, allowed range, meaning, source.\n";
  for (const auto& s : model::parameter_table()) {
    std::cout << s.path << "\n"
              << "    type: " << model::type_name(s.type()) << "    unit: " << s.unit << "\n"
              << "    default: " << model::format_value(s, defaults) << "    range: " << range_text(s) << "\n"
              << "    meaning: " << s.meaning << "\n"
              << "    source: " << s.source << "\n";
  }
  return 0;
}

int dispatch(const std::vector<std::string>& a) {
  if (a.empty()) {
    std::cerr << usage;
    return 2;
  }
  const std::string& cmd = a[0];
  if (cmd == "--version" || cmd == "version") {
    std::cout << "homecare " << engine_version << " (commit " << git_commit << ", " << compiler << ", "
              << build_type << ")\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << usage;
    return 0;
  }
  if (cmd == "run") return cmd_run(a);
  if (cmd == "validate") return cmd_validate(a);
  if (cmd == "describe") {
    if (a.size() > 1) throw cli_error(a[1], "describe takes no arguments");
    return cmd_describe();
  }
  const std::vector<std::string> cmds = {"run", "validate", "describe", "--version"};
  std::string msg = "unknown command";
  if (auto near = scenario::closest(cmd, cmds)) msg += "; did you mean '" + *near + "'?";
  throw cli_error(cmd, msg + "\n" + usage);
}

/// Under mpirun every process parses the same command line: only the first reports its mistakes.
bool secondary_mpi_process() {
  for (const char* v : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (const char* r = std::getenv(v)) return std::string_view(r) != "0";
  return false;
}

}  // namespace

int main_with_args(const std::vector<std::string>& args) {
  try {
    return dispatch(args);
  } catch (const InputError& e) {
    if (!secondary_mpi_process()) std::cerr << "homecare: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "homecare: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace homecare::app
