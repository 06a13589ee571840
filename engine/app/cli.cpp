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
#include <optional>

#include "common/error.hpp"
#include "common/suggest.hpp"
#include "runner/batch.hpp"
#include "runner/process_group.hpp"
#include "scenario/pack.hpp"
#include "scenario/scenario.hpp"
#include "version.hpp"

namespace homecare::app {
namespace {
namespace fs = std::filesystem;

constexpr const char* usage =
    "usage: homecare run SCENARIO.yaml [--replicates N] [--seed S] [--threads T] [--out FILE.h5]\n"
    "                    [--resume] [--force] [--quiet] [--boroughs DIR]\n"
    "       homecare validate SCENARIO.yaml... [--pack NAME|DIR]... [--boroughs DIR]\n"
    "       homecare describe [--json] [--pack NAME|DIR] [--boroughs DIR]\n"
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
      ("boroughs", po::value<std::string>()->value_name("DIR"),
       "where borough packs are found (default: $HOMECARE_BOROUGHS, else the source tree's boroughs/)")
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

/// Parses a subcommand's arguments with Boost.Program_options: long options only (--name value,
/// --name=value), never abbreviated (a short "-3" is a value or a file, and an abbreviation would
/// stop meaning one option once another is added); every other argument is a file. Returns the
/// options in command-line order (the last of two counts) with the files as "file" options.
std::vector<boost::program_options::option> parse_command(const std::vector<std::string>& a,
                                                          const boost::program_options::options_description& options) {
  namespace po = boost::program_options;
  namespace style = po::command_line_style;
  po::options_description all;
  all.add(options).add_options()("file", po::value<std::string>());  // each positional argument
  po::positional_options_description positional;
  positional.add("file", -1);
  po::parsed_options parsed(nullptr);
  try {
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
    throw cli_error(opt.empty() ? a[0] : opt, e.what());
  } catch (const po::error& e) {
    throw cli_error(a[0], e.what());
  }
  std::vector<std::string> known;
  for (const auto& d : options.options()) known.push_back("--" + d->long_name());
  for (po::option& opt : parsed.options) {
    if (opt.unregistered) throw cli_error(opt.original_tokens.front(), with_suggestion("unknown option", opt.original_tokens.front(), known));
    if (opt.string_key == "file") {
      const std::string& file = opt.value.front();
      if (file.starts_with("-") && file != "-") throw cli_error(file, with_suggestion("unknown option", file, known));
      continue;
    }
    opt.string_key = "--" + opt.string_key;
    if (!opt.value.empty() && opt.value.front().empty()) throw cli_error(opt.string_key, "needs a value, got an empty one");
  }
  return std::move(parsed.options);
}

/// The folder a --pack value names: a path (it has a '/', or is a folder here), else a pack of
/// the boroughs folder.
std::string pack_argument(const std::string& value, const std::string& root) {
  if (value.find('/') != std::string::npos) return value;
  std::error_code ec;
  const fs::path in_root = fs::path(root) / value;
  if (!fs::is_directory(in_root, ec) && fs::is_directory(value, ec)) return value;
  return in_root.string();
}

int cmd_run(const std::vector<std::string>& a) {
  const auto options = parse_command(a, run_options());
  runner::BatchOptions o;
  for (const auto& opt : options) {  // in command-line order: the last of two counts
    if (opt.string_key == "file") {
      const std::string& file = opt.value.front();
      if (!o.scenario_path.empty()) throw cli_error(file, "only one scenario file per run");
      o.scenario_path = file;
      continue;
    }
    const std::string& s = opt.string_key;
    auto value = [&]() -> std::string {
      if (opt.value.empty() || opt.value.front().empty()) throw cli_error(s, "needs a value, got an empty one");
      return opt.value.front();
    };
    if (s == "--replicates") o.replicates = parse_int(s, value(), 1, 100000);
    else if (s == "--seed") o.seed = static_cast<std::uint32_t>(parse_int(s, value(), 0, 4294967295LL));
    else if (s == "--threads") o.threads = static_cast<int>(parse_int(s, value(), 1, 4096));
    else if (s == "--out") o.out = value();
    else if (s == "--boroughs") o.boroughs = value();
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

boost::program_options::options_description validate_options() {
  namespace po = boost::program_options;
  po::options_description d("validate options", 100, 60);
  d.add_options()
      ("pack", po::value<std::string>()->value_name("NAME|DIR"), "check a borough pack alone (may be given more than once)")
      ("boroughs", po::value<std::string>()->value_name("DIR"), "where borough packs are found (as for run)");
  return d;
}

boost::program_options::options_description describe_options() {
  namespace po = boost::program_options;
  po::options_description d("describe options", 100, 60);
  d.add_options()
      ("json", "the same as one JSON object, for scripts (format in output/README.md)")
      ("pack", po::value<std::string>()->value_name("NAME|DIR"),
       "the borough pack whose defaults, wards and calibration targets are described (default: brent)")
      ("boroughs", po::value<std::string>()->value_name("DIR"), "where borough packs are found (as for run)");
  return d;
}

/// Scenario warnings (a key's old name), one line each.
void print_warnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << "homecare: warning: " << w << "\n";
}

int cmd_validate(const std::vector<std::string>& a) {
  const auto options = parse_command(a, validate_options());
  std::optional<std::string> boroughs;
  std::vector<std::pair<bool, std::string>> items;  // (is a pack, file or pack argument)
  for (const auto& opt : options) {
    if (opt.string_key == "file") items.emplace_back(false, opt.value.front());
    else if (opt.string_key == "--pack") items.emplace_back(true, opt.value.front());
    else if (opt.string_key == "--boroughs") boroughs = opt.value.front();
  }
  if (items.empty()) throw cli_error("validate", "needs at least one scenario file or --pack");
  const std::string root = scenario::boroughs_root(boroughs);
  int status = 0;
  for (const auto& [is_pack, item] : items) {
    try {
      if (is_pack) {
        const auto pack = scenario::load_pack(pack_argument(item, root), SourceLocation{"command line", 0, 0}, "--pack");
        const model::Place& pl = *pack->place;
        std::cout << item << ": ok (pack " << pl.name << ": " << pl.display_name << ", " << pl.wards.size() << " wards, "
                  << pack->targets.size() << " calibration targets, " << pack->defaults.size() << " defaults)\n";
      } else {
        const auto sc = scenario::load_scenario(item, std::nullopt, boroughs);
        print_warnings(sc.warnings);
        std::cout << item << ": ok (" << sc.variants.size() << " variant" << (sc.variants.size() == 1 ? "" : "s")
                  << ", borough " << sc.place->name << ")\n";
      }
    } catch (const InputError& e) {
      std::cerr << e.what() << "\n";
      status = 2;
    }
  }
  return status;
}

int cmd_describe(const std::vector<std::string>& a) {
  const auto options = parse_command(a, describe_options());
  bool json = false;
  std::optional<std::string> boroughs;
  std::string pack_arg = scenario::default_borough;
  for (const auto& opt : options) {
    if (opt.string_key == "file") throw cli_error(opt.value.front(), "describe takes no files (--pack NAME|DIR names a borough pack)");
    if (opt.string_key == "--json") json = true;
    else if (opt.string_key == "--pack") pack_arg = opt.value.front();
    else if (opt.string_key == "--boroughs") boroughs = opt.value.front();
  }
  const auto pack = scenario::load_pack(pack_argument(pack_arg, scenario::boroughs_root(boroughs)),
                                        SourceLocation{"command line", 0, 0}, "--pack");
  if (json) describe_json(std::cout, *pack);
  else describe_text(std::cout, *pack);
  return 0;
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
    std::cout << usage << "\n" << run_options() << "\n" << validate_options() << "\n" << describe_options() << "\n"
              << exit_statuses;
    return 0;
  }
  if (cmd == "run") return cmd_run(a);
  if (cmd == "validate") return cmd_validate(a);
  if (cmd == "describe") return cmd_describe(a);
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
