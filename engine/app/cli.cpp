// Argument parsing and the three subcommands.
#include "app/cli.hpp"
#include "app/describe.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/error.hpp"
#include "common/suggest.hpp"
#include "runner/batch.hpp"
#include "runner/process_group.hpp"
#include "scenario/scenario.hpp"
#include "version.hpp"

namespace homecare::app {
namespace {
namespace fs = std::filesystem;

constexpr const char* usage =
    "usage: homecare run SCENARIO.yaml [--replicates N] [--seed S] [--threads T] [--out FILE.h5]\n"
    "                    [--resume] [--force] [--quiet]\n"
    "       homecare validate SCENARIO.yaml...\n"
    "       homecare describe [--json]\n"
    "       homecare --version\n";

/// The options of `run`: parsed by Boost.Program_options, and the help text is made from them.
boost::program_options::options_description run_options() {
  namespace po = boost::program_options;
  po::options_description d(
      "run options (also written --option=value; given twice, the last one counts, so a wrapper\n"
      "script's options can be overridden)",
      100, 60);
  // Values are taken as text and converted here, so that every message names the option and the
  // range the same way the scenario loader does.
  d.add_options()
      ("replicates", po::value<std::string>()->value_name("N"),
       "replicates per variant, 1..100000 (default: the scenario's run.replicates)")
      ("seed", po::value<std::string>()->value_name("S"), "base random seed, 0..4294967295 (default: the scenario's run.seed)")
      ("threads", po::value<std::string>()->value_name("T"), "threads in this process, 1..4096 (default: every core it may use)")
      ("out", po::value<std::string>()->value_name("FILE.h5"), "the results file (default: output/<scenario name>.h5)")
      ("resume", "complete an interrupted run (same scenario, seed and build), or add replicates to a complete file")
      ("force", "replace another scenario's results or a file that is not one, or discard an unfinished run "
                "that cannot be resumed")
      ("quiet", "no progress or notes on stderr (errors are still reported)");
  return d;
}

constexpr const char* exit_statuses =
    "exit status:\n"
    "  0    success\n"
    "  1    a failure: a replicate failed, or the engine did (a full disk, an I/O error); the\n"
    "       replicates finished are kept in <out>.partial/ and --resume completes the run\n"
    "  2    invalid input: a scenario file or the command line (the message names file, line,\n"
    "       column and key path), or a request that would lose work; nothing was run or written\n"
    "  130  interrupted (SIGINT, SIGTERM); --resume completes the run\n"
    "A results file is written under a temporary name and renamed when complete: --out holds a\n"
    "complete file or what it held before.\n";

/// A mistake on the command line: the message, then how the command is used.
InputError cli_error(const std::string& key, const std::string& problem) {
  std::string how = usage;
  how.pop_back();  // the message ends the line
  return InputError(SourceLocation{"command line", 0, 0}, key, problem + "\n" + how);
}

std::int64_t parse_int(const std::string& opt, const std::string& text, std::int64_t lo, std::int64_t hi) {
  std::int64_t v = 0;
  const char* b = text.data();
  const char* e = text.data() + text.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range && p == e)
    throw cli_error(opt, text + " is " + (text.starts_with('-') ? "below the minimum " + std::to_string(lo)
                                                                 : "above the maximum " + std::to_string(hi)));
  if (ec != std::errc{} || p != e || b == e) throw cli_error(opt, "expected a whole number, got '" + text + "'");
  if (v < lo) throw cli_error(opt, std::to_string(v) + " is below the minimum " + std::to_string(lo));
  if (v > hi) throw cli_error(opt, std::to_string(v) + " is above the maximum " + std::to_string(hi));
  return v;
}

/// Refuses an --out the run could not write, before any work: a folder that is missing, is not
/// a folder, or cannot be written in (a read-only file system); and a path that holds something
/// other than a file or a folder (a FIFO would block the run, a device would be replaced).
void check_out(const std::string& out) {
  auto refuse = [](const std::string& problem) { return InputError(SourceLocation{}, "--out", problem); };
  const fs::path parent = fs::path(out).parent_path();
  const std::string folder = parent.empty() ? "." : parent.string();
  std::error_code ec;
  const auto pst = fs::status(folder, ec);
  if (!fs::exists(pst)) throw refuse("the folder '" + folder + "' does not exist");
  if (!fs::is_directory(pst)) throw refuse("'" + folder + "' is not a folder");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw refuse("cannot write in the folder '" + folder + "': " + std::strerror(errno));
  const auto st = fs::status(out, ec);
  if (fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st))
    throw refuse("'" + out + "' is not a regular file; refusing to write results there (choose another --out)");
}

int cmd_run(const std::vector<std::string>& a) {
  namespace po = boost::program_options;
  namespace style = po::command_line_style;
  const po::options_description options = run_options();
  po::options_description all;
  all.add(options).add_options()("scenario", po::value<std::string>());  // each positional argument
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::parsed_options parsed(nullptr);
  try {
    // Long options only (--name value, --name=value), never abbreviated: a short "-3" is a value
    // or a file, and an abbreviation would stop meaning one option once another is added.
    parsed = po::command_line_parser(std::vector<std::string>(a.begin() + 1, a.end()))
                 .options(all)
                 .positional(positional)
                 .style(style::allow_long | style::long_allow_adjacent | style::long_allow_next)
                 .allow_unregistered()
                 .run();
  } catch (const po::invalid_command_line_syntax& e) {
    const std::string opt = e.get_option_name();
    if (e.kind() == po::invalid_command_line_syntax::missing_parameter) throw cli_error(opt, "needs a value");
    if (e.kind() == po::invalid_command_line_syntax::empty_adjacent_parameter)
      throw cli_error(opt, "needs a value, got an empty one");
    if (e.kind() == po::invalid_command_line_syntax::extra_parameter) throw cli_error(opt, "takes no value");
    throw cli_error(opt.empty() ? "run" : opt, e.what());
  } catch (const po::error& e) {
    throw cli_error("run", e.what());
  }
  std::vector<std::string> known;
  for (const auto& d : options.options()) known.push_back("--" + d->long_name());
  runner::BatchOptions o;
  for (const po::option& opt : parsed.options) {  // in command-line order: the last of two counts
    if (opt.unregistered) throw cli_error(opt.original_tokens.front(), with_suggestion("unknown option", opt.original_tokens.front(), known));
    if (opt.string_key == "scenario") {
      const std::string& file = opt.value.front();
      if (file.starts_with("-") && file != "-") throw cli_error(file, with_suggestion("unknown option", file, known));
      if (!o.scenario_path.empty()) throw cli_error(file, "only one scenario file per run");
      o.scenario_path = file;
      continue;
    }
    const std::string s = "--" + opt.string_key;
    auto value = [&]() -> std::string {
      if (opt.value.empty() || opt.value.front().empty()) throw cli_error(s, "needs a value, got an empty one");
      return opt.value.front();
    };
    if (s == "--replicates") o.replicates = parse_int(s, value(), 1, 100000);
    else if (s == "--seed") o.seed = static_cast<std::uint32_t>(parse_int(s, value(), 0, 4294967295LL));
    else if (s == "--threads") o.threads = static_cast<int>(parse_int(s, value(), 1, 4096));
    else if (s == "--out") o.out = value();
    else if (s == "--resume") o.resume = true;
    else if (s == "--force") o.force = true;
    else if (s == "--quiet") o.quiet = true;
  }
  if (o.scenario_path.empty()) throw cli_error("run", "needs a scenario file");
  if (!o.out.empty()) check_out(o.out);
  // The batch loads the scenario (once, on every process) and checks --replicates against it.
  const auto group = runner::ProcessGroup::from_environment();
  return runner::run_batch(o, *group);
}

int cmd_validate(const std::vector<std::string>& a) {
  if (a.size() < 2) throw cli_error("validate", "needs at least one scenario file");
  for (std::size_t i = 1; i < a.size(); ++i)
    if (a[i].starts_with("-") && a[i] != "-") throw cli_error(a[i], "unknown option (validate takes only files)");
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

int dispatch(const std::vector<std::string>& a) {
  if (a.empty()) {
    std::cerr << usage << "(homecare --help for the options and exit statuses)\n";
    return 2;
  }
  const std::string& cmd = a[0];
  if (cmd == "--version" || cmd == "version") {
    std::cout << "homecare " << engine_version << " (commit " << git_commit << ", " << compiler << ", "
              << build_type << ")\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << usage << "\n" << run_options() << "\n" << exit_statuses;
    return 0;
  }
  if (cmd == "run") return cmd_run(a);
  if (cmd == "validate") return cmd_validate(a);
  if (cmd == "describe") {
    if (a.size() == 2 && a[1] == "--json") {
      describe_json(std::cout);
      return 0;
    }
    if (a.size() > 1) {
      const std::vector<std::string> options = {"--json"};
      throw cli_error(a[1], with_suggestion("describe takes no arguments other than --json", a[1], options));
    }
    describe_text(std::cout);
    return 0;
  }
  const std::vector<std::string> cmds = {"run", "validate", "describe", "--version"};
  throw cli_error(cmd, with_suggestion("unknown command", cmd, cmds));
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
