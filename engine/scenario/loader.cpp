// Reads scenario YAML into model::Params: layered `extends:`, strict keys and types, sweeps.
// The only code in homecare that touches yaml-cpp.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kernel/random.hpp"
#include "model/geography.hpp"
#include "model/validate.hpp"
#include "scenario/scenario.hpp"
#include "scenario/suggest.hpp"

namespace homecare::scenario {
namespace fs = std::filesystem;
using model::ParamSpec;
using model::ParamType;

namespace {

const std::set<std::string, std::less<>> reserved_keys = {"extends", "name", "description", "sweep"};

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, m.line + 1, m.column + 1};
}

std::string hex_byte(unsigned char c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 0xF];
}

/// Text for a message: control characters escaped, at most 40 characters.
std::string printable(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) out += "\\x" + hex_byte(c).substr(2);
    else out += ch;
  }
  if (out.size() > 40) {
    std::size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    out = out.substr(0, cut) + "...";
  }
  return out;
}

/// "!!str" for the core schema's tags, the tag itself otherwise.
std::string short_tag(const std::string& tag) {
  constexpr std::string_view core = "tag:yaml.org,2002:";
  if (tag.starts_with(core)) return "!!" + tag.substr(core.size());
  return tag;
}

std::string describe_node(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing (null)";
    case YAML::NodeType::Sequence: return n.size() == 0 ? "an empty list" : "a list";
    case YAML::NodeType::Map: return n.size() == 0 ? "an empty mapping" : "a mapping";
    case YAML::NodeType::Scalar: {
      std::string d = "'" + printable(n.Scalar()) + "'";
      if (n.Tag() != "?" && n.Tag() != "!" && !n.Tag().empty())
        d += " tagged " + short_tag(n.Tag()) + " (scenario files use no YAML tags)";
      return d;
    }
    default: return "an undefined value";
  }
}

// ---------- the bytes of a file ----------

/// The first thing in `bytes` that keeps it from being a scenario's text, if any: not UTF-8
/// (overlong forms and surrogates included), a NUL or another control character YAML forbids, or
/// a carriage return that does not end a line. Lines and columns are 1-based; columns count
/// bytes, as yaml-cpp's do, so every message about one file uses the same columns.
std::optional<std::pair<SourceLocation, std::string>> text_problem(const std::string& file,
                                                                   std::string_view bytes) {
  int line = 1;
  int col = 1;
  auto problem = [&](const std::string& what) {
    return std::optional{std::pair{SourceLocation{file, line, col}, what}};
  };
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (c == '\n') {
        ++line;
        col = 1;
        ++i;
        continue;
      }
      if (c == 0) return problem("a NUL byte (0x00): a scenario file is text, not binary data");
      if (c == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'))
        return problem("a carriage return (0x0D) that does not end a line; save the file with LF or CRLF "
                       "line endings");
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
        return problem("a control character (" + hex_byte(c) + ") that YAML does not allow in a file");
      ++i;
      ++col;
      continue;
    }
    // Multi-byte: the lead byte fixes the length and the range of the first continuation byte.
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
    }
    bool ok = len != 0 && i + len <= bytes.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(bytes[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) return problem("the file is not valid UTF-8 text (byte " + hex_byte(c) + "); save it as UTF-8");
    i += len;
    col += static_cast<int>(len);
  }
  return std::nullopt;
}

/// A scalar's text once YAML's escapes are decoded, checked to be text: yaml-cpp 0.7 decodes
/// "\N" and "\_" to the single bytes 0x85 and 0xA0, and "\x01" to a control character, so a
/// valid file can still give text that results files and the report cannot hold.
std::string utf8_scalar(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  std::string s = n.Scalar();
  if (text_problem(where.file, s))
    throw InputError(where, key,
                     "not valid UTF-8 text once its escapes are decoded (YAML's \\N and \\_ escapes give "
                     "single bytes here, and \\x escapes control characters: write the characters themselves)");
  return s;
}

/// Reads a scenario file (at most max_file_bytes) and checks it is text. A UTF-8 byte order mark
/// is accepted and dropped.
std::string read_file_checked(const std::string& path, const SourceLocation& referrer,
                              const std::string& key) {
  auto fail = [&](const std::string& why) -> InputError {
    if (referrer.file.empty()) return InputError(SourceLocation{path, 0, 0}, "", why);
    return InputError(referrer, key, "cannot read '" + path + "': " + why);
  };
  auto reason = [](const std::error_code& ec) {
    std::string m = ec.message();
    if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
    return m;
  };
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) throw fail(reason(ec));
  if (!fs::exists(st)) throw fail("no such file");
  if (fs::is_directory(st)) throw fail("is a directory, not a scenario file");
  if (!fs::is_regular_file(st)) throw fail("is not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail(std::strerror(errno));
  // Read one byte past the limit rather than trust the size from stat: the file may grow.
  std::string text(max_file_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw fail(std::strerror(errno));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_file_bytes)
    throw fail("larger than the " + std::to_string(max_file_bytes) + "-byte limit for a scenario");
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  const std::string_view head(text.data(), std::min<std::size_t>(text.size(), 4));
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") || head.starts_with(std::string_view("\0\0\xFE\xFF", 4)))
    throw InputError(SourceLocation{path, 0, 0}, "",
                     "the file is UTF-16 or UTF-32 text (it begins with a byte order mark); save it as UTF-8");
  if (auto bad = text_problem(path, text)) throw InputError(bad->first, "", bad->second);
  return text;
}

// ---------- YAML structure: one document, no duplicate keys, bounded nesting ----------

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

/// Walks the parser's events (aliases are not expanded, so this is linear in the file) before
/// the document is built: yaml-cpp keeps the last of two equal keys without a word, and recurses
/// once per level of nesting, so both are checked here, with exact locations.
class StructureCheck final : public YAML::EventHandler {
 public:
  StructureCheck(const std::string& file, const std::string& text) : file_(file), text_(text) {}

  void OnDocumentStart(const YAML::Mark& m) override {
    if (++documents_ > 1)
      throw InputError(at(file_, m), "", "a second YAML document; a scenario file holds one (remove the '---')");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { leaf(m, std::nullopt); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
    const auto it = scalar_anchors_.find(anchor);
    leaf(m, it == scalar_anchors_.end() ? std::nullopt : std::optional(it->second));
  }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    check_quotes_closed(m);
    if (anchor != YAML::NullAnchor) scalar_anchors_[anchor] = value;
    leaf(m, value);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(m, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(m, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;      // a mapping: the next node is a key
    std::size_t index = 0;   // a list: the next item's index
    std::string path;        // this collection's key path
    std::string key;         // a mapping: the key whose value comes next
    std::map<std::string, YAML::Mark, std::less<>> keys;
  };

  /// yaml-cpp 0.7 ends a quoted scalar that is never closed at the end of the file, without an
  /// error (the rest of the file becomes its text).
  void check_quotes_closed(const YAML::Mark& m) const {
    if (m.pos < 0 || static_cast<std::size_t>(m.pos) >= text_.size()) return;
    const auto start = static_cast<std::size_t>(m.pos);
    const char q = text_[start];
    if (q != '"' && q != '\'') return;
    for (std::size_t i = start + 1; i < text_.size(); ++i) {
      if (q == '"' && text_[i] == '\\') ++i;  // an escape: skip the escaped character
      else if (text_[i] == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') ++i;  // '' is a quote inside
        else return;
      }
    }
    throw InputError(at(file_, m), child_path(),
                     std::string("a quoted text that never ends (no closing ") + q + ")");
  }

  [[nodiscard]] std::string child_path() const {
    if (stack_.empty()) return "";
    const Frame& f = stack_.back();
    if (f.map) return f.at_key ? f.path : join(f.path, f.key);
    return f.path + "[" + std::to_string(f.index) + "]";
  }
  void leaf(const YAML::Mark& m, const std::optional<std::string>& scalar) {
    if (!stack_.empty() && stack_.back().map && stack_.back().at_key) {
      Frame& f = stack_.back();
      f.key = scalar.value_or("");  // a key that is not a name: the loader says so later
      if (scalar) {
        const auto [it, fresh] = f.keys.emplace(*scalar, m);
        if (!fresh)
          throw InputError(at(file_, m), join(f.path, *scalar),
                           "duplicate key; first given at line " + std::to_string(it->second.line + 1) +
                               ", column " + std::to_string(it->second.column + 1));
      }
    }
    next();
  }
  void open(const YAML::Mark& m, bool map) {
    const std::string path = child_path();
    if (!stack_.empty() && stack_.back().map && stack_.back().at_key) stack_.back().key.clear();
    if (static_cast<int>(stack_.size()) >= max_nesting_depth)
      throw InputError(at(file_, m), path,
                       "lists and mappings nested more than " + std::to_string(max_nesting_depth) + " levels deep");
    stack_.push_back(Frame{map, true, 0, path, "", {}});
  }
  void close() {
    stack_.pop_back();
    next();
  }
  /// A node of the innermost collection has ended.
  void next() {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    if (f.map) f.at_key = !f.at_key;
    else ++f.index;
  }

  const std::string& file_;
  const std::string& text_;
  int documents_ = 0;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::string> scalar_anchors_;
};

/// The column of a tab in the indentation of 0-based line `line`, if there is one.
std::optional<int> tab_in_indentation(const std::string& text, int line) {
  std::size_t start = 0;
  for (int l = 0; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos) return std::nullopt;
    ++start;
  }
  for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
    if (text[i] == '\t') return static_cast<int>(i - start);
  return std::nullopt;
}

struct Layer {
  std::string file;
  std::string text;
  YAML::Node root;
};

YAML::Node parse_yaml(const std::string& file, const std::string& text) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    StructureCheck check(file, text);
    while (parser.HandleNextDocument(check)) {
    }
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    // yaml-cpp's words for a tab in the indentation vary with where it is ("illegal map value",
    // "illegal block entry"...): name the cause.
    if (const auto tab = tab_in_indentation(text, e.mark.line))
      throw InputError(SourceLocation{file, e.mark.line + 1, *tab + 1}, "",
                       "a tab in the indentation; YAML indents with spaces only");
    throw InputError(at(file, e.mark), "", "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError(at(file, e.mark), "", "YAML error: " + e.msg);
  }
}

/// Loads `path` and its `extends:` ancestors, root-most first.
void load_layers(const std::string& path, std::vector<Layer>& out, std::vector<std::string>& chain,
                 const SourceLocation& referrer) {
  std::error_code ec;
  const std::string canon = fs::weakly_canonical(path, ec).string();
  if (std::find(chain.begin(), chain.end(), canon) != chain.end()) {
    std::string cycle;
    for (const auto& c : chain) cycle += fs::path(c).filename().string() + " -> ";
    throw InputError(referrer, "extends", "extends cycle: " + cycle + fs::path(canon).filename().string());
  }
  if (static_cast<int>(chain.size()) >= max_extends_depth)
    throw InputError(referrer, "extends",
                     "extends chain deeper than " + std::to_string(max_extends_depth) + " files");
  std::string text = read_file_checked(path, referrer, "extends");
  YAML::Node root = parse_yaml(path, text);
  if (root.IsNull()) throw InputError(SourceLocation{path, 0, 0}, "", "the scenario file is empty");
  if (!root.IsMap())
    throw InputError(at(path, root.Mark()), "",
                     "a scenario must be a mapping of keys to values, got " + describe_node(root));
  chain.push_back(canon);
  if (const YAML::Node ext = root["extends"]) {
    if (!ext.IsScalar() || ext.Scalar().empty() || (ext.Tag() != "?" && ext.Tag() != "!"))
      throw InputError(at(path, ext.Mark()), "extends",
                       "expected the path of another scenario file, got " + describe_node(ext));
    fs::path parent = fs::path(path).parent_path() / ext.Scalar();
    load_layers(parent.lexically_normal().string(), out, chain, at(path, ext.Mark()));
  }
  chain.pop_back();
  out.push_back(Layer{path, std::move(text), root});
}

// ---------- scalar conversion with exact messages ----------

[[noreturn]] void type_error(const SourceLocation& where, const std::string& key,
                             const std::string& expected, const YAML::Node& n) {
  throw InputError(where, key, "expected " + expected + ", got " + describe_node(n));
}

/// The text of a scalar written plainly (a number, true/false): quotes make YAML text of it.
const std::string& plain_text(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                              const std::string& expected) {
  if (n.IsScalar() && n.Tag() == "?") return n.Scalar();
  if (n.IsScalar() && n.Tag() == "!")
    throw InputError(where, key, "expected " + expected + ", got the text \"" + printable(n.Scalar()) +
                                     "\" (remove the quotes)");
  type_error(where, key, expected, n);
}

/// The text of a scalar, quoted or not (a name, a date).
const std::string& any_text(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                            const std::string& expected) {
  if (n.IsScalar() && (n.Tag() == "?" || n.Tag() == "!")) return n.Scalar();
  type_error(where, key, expected, n);
}

/// A range limit as the user would write it: whole for whole-number parameters.
std::string limit_text(double v, bool integer) {
  if (integer) return std::to_string(static_cast<long long>(v));
  return model::format_real(v);
}

double to_real(const YAML::Node& n, const SourceLocation& where, const std::string& key,
               const std::string& unit) {
  const std::string expected = "a number (" + unit + ")";
  const std::string& s = plain_text(n, where, key, expected);
  const std::string_view magnitude = s.starts_with('+') || s.starts_with('-') ? std::string_view(s).substr(1) : s;
  for (std::string_view special : {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF"})
    if (magnitude == special)
      throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  double v = 0.0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range && ptr == e) {
    // Too large, or so close to zero that it underflows: strtod says which.
    const double approx = std::strtod(std::string(b, e).c_str(), nullptr);
    if (std::fabs(approx) < 1.0)
      throw InputError(where, key, "'" + s + "' is too close to zero to be represented; write 0 if you mean zero");
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  }
  if (ec == std::errc{} && ptr == e && !std::isfinite(v))
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  if (ec != std::errc{} || ptr != e) type_error(where, key, expected, n);
  return v;
}

/// A whole number within [lo, hi] (also when it is too large for 64 bits).
std::int64_t to_integer(const YAML::Node& n, const SourceLocation& where, const std::string& key, double lo,
                        double hi) {
  const std::string& s = plain_text(n, where, key, "a whole number");
  std::int64_t v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range && ptr == e) {
    if (s.starts_with('-')) throw InputError(where, key, s + " is below the minimum " + limit_text(lo, true));
    throw InputError(where, key, s + " is above the maximum " + limit_text(hi, true));
  }
  if (ec != std::errc{} || ptr != e) type_error(where, key, "a whole number", n);
  const auto d = static_cast<double>(v);
  if (d < lo) throw InputError(where, key, std::to_string(v) + " is below the minimum " + limit_text(lo, true));
  if (d > hi) throw InputError(where, key, std::to_string(v) + " is above the maximum " + limit_text(hi, true));
  return v;
}

bool to_bool(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  const std::string& s = plain_text(n, where, key, "true or false");
  if (s == "true") return true;
  if (s == "false") return false;
  type_error(where, key, "true or false", n);
}

kernel::Date to_date(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  const std::string& s = any_text(n, where, key, "a date YYYY-MM-DD");
  if (auto d = kernel::parse_iso_date(s)) return *d;
  // The right shape but not a day of the calendar: say why.
  const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (shaped) {
    const int year = std::stoi(s.substr(0, 4));
    const int month = std::stoi(s.substr(5, 2));
    std::string why;
    if (year < 1) why = "there is no year 0";
    else if (month < 1 || month > 12) why = "there is no month " + std::to_string(month);
    else
      why = std::string(months[month - 1]) + " " + std::to_string(year) + " has " +
            std::to_string(kernel::days_in_month(year, month)) + " days";
    throw InputError(where, key, "expected a date YYYY-MM-DD, got '" + s + "' (" + why + ")");
  }
  type_error(where, key, "a date YYYY-MM-DD", n);
}

void check_range(double v, const ParamSpec& spec, const SourceLocation& where,
                 const std::string& key) {
  if (v < spec.min)
    throw InputError(where, key, model::format_real(v) + " is below the minimum " +
                                     model::format_real(spec.min));
  if (v > spec.max)
    throw InputError(where, key, model::format_real(v) + " is above the maximum " +
                                     model::format_real(spec.max));
}

/// Sets one parameter from a YAML node, checking type and range. Messages name `key` (the
/// parameter's path unless the value is written elsewhere, as in a sweep).
void assign(const ParamSpec& spec, const YAML::Node& n, const std::string& file,
            const SourceLocation& key_where, model::Params& p, const std::string& key_override = "") {
  const std::string& key = key_override.empty() ? spec.path : key_override;
  // yaml-cpp places an empty value at whatever follows it (the next line): point at the key.
  const SourceLocation where = n.Mark().line >= 0 && !n.IsNull() ? at(file, n.Mark()) : key_where;
  std::visit(
      [&](auto ref) {
        auto& slot = ref(p);
        using T = std::decay_t<decltype(slot)>;
        if constexpr (std::is_same_v<T, double>) {
          const double v = to_real(n, where, key, spec.unit);
          check_range(v, spec, where, key);
          slot = v;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          slot = to_integer(n, where, key, spec.min, spec.max);
        } else if constexpr (std::is_same_v<T, bool>) {
          slot = to_bool(n, where, key);
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          slot = to_date(n, where, key);
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::string opts;
          for (const auto& c : spec.choices) opts += (opts.empty() ? "" : ", ") + c;
          const std::string& s = any_text(n, where, key, "one of " + opts);
          if (std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
            std::string msg = "'" + printable(s) + "' is not one of " + opts;
            if (auto near = closest(s, spec.choices)) msg += "; did you mean '" + *near + "'?";
            throw InputError(where, key, msg);
          }
          slot = s;
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          if (!n.IsSequence())
            type_error(where, key, "a list of {from: YYYY-MM-DD, " + spec.value_field + ": number}", n);
          if (n.size() > max_schedule_steps)
            throw InputError(where, key, std::to_string(n.size()) + " steps is above the maximum " +
                                             std::to_string(max_schedule_steps));
          std::vector<model::ScheduleStep> steps;
          for (std::size_t i = 0; i < n.size(); ++i) {
            const YAML::Node item = n[i];
            const std::string ikey = key + "[" + std::to_string(i) + "]";
            const SourceLocation iw = at(file, item.Mark());
            if (!item.IsMap())
              type_error(iw, ikey, "a mapping {from: YYYY-MM-DD, " + spec.value_field + ": number}", item);
            model::ScheduleStep step;
            bool has_from = false;
            bool has_value = false;
            for (auto it = item.begin(); it != item.end(); ++it) {
              if (!it->first.IsScalar())
                type_error(at(file, it->first.Mark()), ikey, "a plain name as a key", it->first);
              const std::string f = it->first.Scalar();
              const SourceLocation fw = at(file, it->second.Mark());
              if (f == "from") {
                step.from = to_date(it->second, fw, ikey + ".from");
                has_from = true;
              } else if (f == spec.value_field) {
                const std::string vkey = ikey + "." + spec.value_field;
                step.value = to_real(it->second, fw, vkey, spec.unit);
                check_range(step.value, spec, fw, vkey);
                has_value = true;
              } else {
                std::vector<std::string> fields = {"from", spec.value_field};
                std::string msg = "unknown key";
                if (auto near = closest(f, fields)) msg += "; did you mean '" + *near + "'?";
                else msg += " (known keys here: from, " + spec.value_field + ")";
                throw InputError(at(file, it->first.Mark()), ikey + "." + f, msg);
              }
            }
            if (!has_from) throw InputError(iw, ikey + ".from", "missing required key");
            if (!has_value) throw InputError(iw, ikey + "." + spec.value_field, "missing required key");
            if (!steps.empty() && !(steps.back().from < step.from))
              throw InputError(iw, ikey + ".from",
                               kernel::to_iso(step.from) + " is not after the previous step's " +
                                   kernel::to_iso(steps.back().from) + " (steps must be in date order)");
            steps.push_back(step);
          }
          slot = std::move(steps);
        } else {
          if (!n.IsMap()) type_error(where, key, "a mapping of ward name to patch number", n);
          const auto& known = model::brent_wards();
          if (n.size() > known.size())
            throw InputError(where, key, std::to_string(n.size()) + " wards named, but Brent has " +
                                             std::to_string(known.size()));
          std::vector<std::string> names;
          for (const auto& w : known) names.push_back(w.name);
          std::vector<model::WardAssignment> wards;
          for (auto it = n.begin(); it != n.end(); ++it) {
            if (!it->first.IsScalar()) type_error(at(file, it->first.Mark()), key, "a ward name as a key", it->first);
            const std::string ward = utf8_scalar(it->first, at(file, it->first.Mark()), key);
            const std::string wkey = key + "." + ward;
            // Only Brent's wards, whatever patches.method is: a typo is caught even when the map
            // is not used yet, and the resolved YAML only ever holds the wards' own names.
            if (std::find(names.begin(), names.end(), ward) == names.end()) {
              std::string msg = "'" + printable(ward) + "' is not a Brent ward";
              if (ward.size() <= 64)
                if (auto near = closest(ward, names)) msg += "; did you mean '" + *near + "'?";
              throw InputError(at(file, it->first.Mark()), wkey, msg);
            }
            // A patch is a group of wards: there cannot be more patches than wards.
            const std::int64_t patch = to_integer(it->second, at(file, it->second.Mark()), wkey, 1,
                                                  static_cast<double>(known.size()));
            wards.push_back({ward, patch});
          }
          slot = std::move(wards);
        }
      },
      spec.ref);
}

/// The immediate children, at `prefix`, of the parameter tree ("" for the top level).
std::vector<std::string> children_of(const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& s : model::parameter_table()) {
    if (!prefix.empty() && !s.path.starts_with(prefix + ".")) continue;
    const std::string rest = prefix.empty() ? s.path : s.path.substr(prefix.size() + 1);
    const std::string head = rest.substr(0, rest.find('.'));
    if (std::find(out.begin(), out.end(), head) == out.end()) out.push_back(head);
  }
  return out;
}

bool is_group(const std::string& path) {
  for (const auto& s : model::parameter_table())
    if (s.path.starts_with(path + ".")) return true;
  return false;
}

[[noreturn]] void unknown_key(const std::string& file, const YAML::Node& key_node,
                              const std::string& prefix, const std::string& key) {
  const std::string full = prefix.empty() ? key : prefix + "." + key;
  const SourceLocation where = at(file, key_node.Mark());
  if (key.empty()) throw InputError(where, prefix, "an empty key names no parameter");
  if (key == "<<")
    throw InputError(where, full, "YAML merge keys (<<) are not supported; use extends: or write the keys out");
  auto candidates = children_of(prefix);
  if (prefix.empty()) candidates.insert(candidates.end(), reserved_keys.begin(), reserved_keys.end());
  std::string msg = "unknown key";
  if (auto near = closest(key, candidates)) {
    msg += "; did you mean '" + *near + "'?";
  } else if (!prefix.empty()) {
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    msg += " (known keys here: " + list + ")";
  }
  throw InputError(where, full, msg);
}

/// Applies one layer's keys. `set_here` records where this layer set each parameter: a key path
/// may also be written as one dotted key (workforce.base_quit_hazard: 0.3), so a parameter can be
/// given twice without a duplicate key.
void apply_tree(const YAML::Node& map, const std::string& prefix, const Layer& layer,
                model::Params& p, std::map<std::string, SourceLocation>& provenance,
                std::map<std::string, SourceLocation>& set_here) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator hands out a temporary
    if (!k.IsScalar()) type_error(at(layer.file, k.Mark()), prefix, "a plain name as a key", k);
    const std::string key = k.Scalar();
    if (prefix.empty() && reserved_keys.contains(key)) continue;
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    const SourceLocation key_where = at(layer.file, k.Mark());
    if (const ParamSpec* spec = model::find_parameter(path)) {
      if (const auto [first, fresh] = set_here.emplace(path, key_where); !fresh)
        throw InputError(key_where, path,
                         "duplicate key; first given at line " + std::to_string(first->second.line) + ", column " +
                             std::to_string(first->second.column));
      assign(*spec, it->second, layer.file, key_where, p);
      provenance[path] = it->second.Mark().line >= 0 && !it->second.IsNull() ? at(layer.file, it->second.Mark()) : key_where;
    } else if (is_group(path)) {
      if (!it->second.IsMap())
        throw InputError(it->second.Mark().line >= 0 ? at(layer.file, it->second.Mark()) : key_where,
                         path, "expected a mapping of " + path + ".* keys, got " + describe_node(it->second));
      apply_tree(it->second, path, layer, p, provenance, set_here);
    } else {
      unknown_key(layer.file, k, prefix, key);
    }
  }
}

// ---------- sweeps ----------

struct SweepAxis {
  const ParamSpec* spec;
  std::vector<YAML::Node> values;  // grid
  double lo = 0, hi = 0;           // hypercube
  SourceLocation where;
};

/// The parameter a sweep's key names; `section` is the key path of the mapping it is in.
const ParamSpec& sweepable(const std::string& file, const YAML::Node& key_node, const std::string& section) {
  if (!key_node.IsScalar()) type_error(at(file, key_node.Mark()), section, "a parameter's key path", key_node);
  const std::string key = key_node.Scalar();
  const ParamSpec* spec = model::find_parameter(key);
  if (!spec) {
    std::vector<std::string> all;
    for (const auto& s : model::parameter_table()) all.push_back(s.path);
    std::string msg = "not a parameter";
    if (auto near = closest(key, all)) msg += "; did you mean '" + *near + "'?";
    throw InputError(at(file, key_node.Mark()), section + "." + key, msg);
  }
  const auto t = spec->type();
  if (t == ParamType::schedule || t == ParamType::ward_map || t == ParamType::date)
    throw InputError(at(file, key_node.Mark()), section + "." + key,
                     "a " + std::string(model::type_name(t)) + " parameter cannot be swept");
  // Every variant of a run shares its seed and replicate count (the batch takes them from the
  // scenario or the command line): a sweep over them would make variants that differ in name only.
  if (spec->path == "run.seed" || spec->path == "run.replicates")
    throw InputError(at(file, key_node.Mark()), section + "." + key,
                     "cannot be swept: every variant of a run has the same " +
                         std::string(spec->path == "run.seed" ? "seed (use separate runs with --seed)"
                                                              : "number of replicates"));
  return *spec;
}

std::string variant_label(const std::string& path, const std::string& value) {
  return path + "=" + value;
}

void expand_sweep(const Layer& layer, const YAML::Node& sweep, Scenario& sc, std::uint32_t seed) {
  const std::string& file = layer.file;
  if (!sweep.IsMap()) type_error(at(file, sweep.Mark()), "sweep", "a mapping with grid: or latin_hypercube:", sweep);
  if (sweep.size() != 1)
    throw InputError(at(file, sweep.Mark()), "sweep", "expected exactly one of grid: or latin_hypercube:");
  const auto it = sweep.begin();
  if (!it->first.IsScalar()) type_error(at(file, it->first.Mark()), "sweep", "grid or latin_hypercube", it->first);
  const std::string kind = it->first.Scalar();
  const YAML::Node body = it->second;
  if (kind == "grid") {
    if (!body.IsMap() || body.size() == 0)
      throw InputError(at(file, body.Mark().line >= 0 ? body.Mark() : it->first.Mark()), "sweep.grid",
                       "expected a mapping of parameter to a list of values, got " + describe_node(body));
    std::vector<SweepAxis> axes;
    std::size_t total = 1;
    for (auto a = body.begin(); a != body.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first, "sweep.grid");
      const std::string key = "sweep.grid." + spec.path;
      if (!a->second.IsSequence()) type_error(at(file, a->second.Mark()), key, "a list of values", a->second);
      if (a->second.size() == 0) throw InputError(at(file, a->second.Mark()), key, "a sweep needs at least one value");
      if (a->second.size() > max_variants)
        throw InputError(at(file, a->second.Mark()), key,
                         std::to_string(a->second.size()) + " values is above the maximum " +
                             std::to_string(max_variants));
      SweepAxis ax{&spec, {}, 0, 0, at(file, a->second.Mark())};
      // Each value is checked here, where it is written; two values that are the same number
      // would make two variants of the same name (and the same results).
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < a->second.size(); ++i) {
        const YAML::Node item = a->second[i];
        const std::string ikey = key + "[" + std::to_string(i) + "]";
        model::Params scratch = sc.base;
        assign(spec, item, file, ax.where, scratch, ikey);
        const std::string value = model::format_value(spec, scratch);
        const auto [prev, fresh] = seen.emplace(value, i);
        if (!fresh)
          throw InputError(at(file, item.Mark()), ikey,
                           value + " is already in the list (item " + std::to_string(prev->second) +
                               "); each value of a sweep must be different");
        ax.values.push_back(item);
      }
      total *= ax.values.size();
      if (total > max_variants)
        throw InputError(at(file, a->first.Mark()), "sweep.grid",
                         "the grid has more than " + std::to_string(max_variants) + " points");
      axes.push_back(std::move(ax));
    }
    for (std::size_t idx = 0; idx < total; ++idx) {
      Variant v{"", sc.base, {}};
      std::size_t rest = idx;
      std::string name;
      for (std::size_t a = axes.size(); a-- > 0;) {  // last axis varies fastest
        const auto& ax = axes[a];
        const std::size_t k = rest % ax.values.size();
        rest /= ax.values.size();
        const YAML::Node& node = ax.values[k];
        assign(*ax.spec, node, file, at(file, node.Mark()), v.params);
        v.overrides.insert(v.overrides.begin(), {ax.spec->path, model::format_value(*ax.spec, v.params)});
      }
      for (const auto& [path, val] : v.overrides)
        name += (name.empty() ? "" : ",") + variant_label(path, val);
      v.name = name;
      sc.variants.push_back(std::move(v));
    }
  } else if (kind == "latin_hypercube") {
    if (!body.IsMap()) type_error(at(file, body.Mark()), "sweep.latin_hypercube", "a mapping with samples: and ranges:", body);
    for (auto f = body.begin(); f != body.end(); ++f) {
      if (!f->first.IsScalar()) type_error(at(file, f->first.Mark()), "sweep.latin_hypercube", "samples or ranges", f->first);
      const std::string fk = f->first.Scalar();
      if (fk != "samples" && fk != "ranges") {
        std::vector<std::string> c = {"samples", "ranges"};
        std::string msg = "unknown key";
        if (auto near = closest(fk, c)) msg += "; did you mean '" + *near + "'?";
        throw InputError(at(file, f->first.Mark()), "sweep.latin_hypercube." + fk, msg);
      }
    }
    const YAML::Node samples = body["samples"];
    const YAML::Node ranges = body["ranges"];
    if (!samples) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.samples", "missing required key");
    if (!ranges) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.ranges", "missing required key");
    const SourceLocation sw = at(file, samples.Mark());
    const std::int64_t n =
        to_integer(samples, sw, "sweep.latin_hypercube.samples", 1, static_cast<double>(max_variants));
    if (!ranges.IsMap() || ranges.size() == 0)
      type_error(at(file, ranges.Mark()), "sweep.latin_hypercube.ranges", "a mapping of parameter to [low, high]", ranges);
    std::vector<SweepAxis> axes;
    for (auto a = ranges.begin(); a != ranges.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first, "sweep.latin_hypercube.ranges");
      const std::string key = "sweep.latin_hypercube.ranges." + spec.path;
      const SourceLocation w = at(file, a->second.Mark());
      if (spec.type() != ParamType::real && spec.type() != ParamType::integer)
        throw InputError(w, key, "only numeric parameters can be sampled");
      if (!a->second.IsSequence() || a->second.size() != 2) type_error(w, key, "a list [low, high]", a->second);
      const double lo = to_real(a->second[0], at(file, a->second[0].Mark()), key + "[0]", spec.unit);
      const double hi = to_real(a->second[1], at(file, a->second[1].Mark()), key + "[1]", spec.unit);
      check_range(lo, spec, at(file, a->second[0].Mark()), key + "[0]");
      check_range(hi, spec, at(file, a->second[1].Mark()), key + "[1]");
      if (!(lo < hi)) throw InputError(w, key, "low " + model::format_real(lo) + " is not below high " + model::format_real(hi));
      axes.push_back(SweepAxis{&spec, {}, lo, hi, w});
    }
    // Stratified design: each axis gets a random permutation of the n strata and a random point
    // within each stratum. Drawn from a stream of its own, so the design depends only on the seed.
    const auto count = static_cast<std::uint32_t>(n);
    std::vector<std::vector<double>> points(axes.size(), std::vector<double>(count));
    for (std::size_t a = 0; a < axes.size(); ++a) {
      kernel::RandomStream rs({seed, 0xffffffffU, 0x4c485300U /* "LHS" */, static_cast<std::uint32_t>(a), 0});
      std::vector<std::uint32_t> perm(count);
      for (std::uint32_t i = 0; i < count; ++i) perm[i] = i;
      for (std::uint32_t i = count; i > 1; --i) std::swap(perm[i - 1], perm[kernel::uniform_index(rs, i)]);
      for (std::uint32_t i = 0; i < count; ++i)
        points[a][i] = axes[a].lo + (axes[a].hi - axes[a].lo) * (perm[i] + rs.uniform()) / count;
    }
    const int width = static_cast<int>(std::to_string(count).size());
    for (std::uint32_t i = 0; i < count; ++i) {
      Variant v{"", sc.base, {}};
      for (std::size_t a = 0; a < axes.size(); ++a) {
        const ParamSpec& spec = *axes[a].spec;
        if (spec.type() == ParamType::integer)
          std::get<model::IntRef>(spec.ref)(v.params) = static_cast<std::int64_t>(std::llround(points[a][i]));
        else
          std::get<model::RealRef>(spec.ref)(v.params) = points[a][i];
        v.overrides.emplace_back(spec.path, model::format_value(spec, v.params));
      }
      std::string num = std::to_string(i + 1);
      v.name = "lhs-" + std::string(static_cast<std::size_t>(width) - num.size(), '0') + num;
      sc.variants.push_back(std::move(v));
    }
  } else {
    std::vector<std::string> c = {"grid", "latin_hypercube"};
    std::string msg = "unknown kind of sweep";
    if (auto near = closest(kind, c)) msg += "; did you mean '" + *near + "'?";
    else msg += " (expected grid or latin_hypercube)";
    throw InputError(at(file, it->first.Mark()), "sweep." + kind, msg);
  }
}

/// Where `key` is written in the leaf-most layer that has it (the file as a whole otherwise).
SourceLocation where_is(const std::vector<Layer>& layers, const std::string& key, const std::string& fallback) {
  for (auto l = layers.rbegin(); l != layers.rend(); ++l)
    if (const YAML::Node n = l->root[key]) return at(l->file, n.Mark());
  return SourceLocation{fallback, 0, 0};
}

}  // namespace

Scenario load_scenario(const std::string& path, std::optional<std::uint32_t> seed_override) {
  std::vector<Layer> layers;
  std::vector<std::string> chain;
  load_layers(path, layers, chain, SourceLocation{});

  Scenario sc;
  sc.file = path;
  sc.text = layers.back().text;
  sc.name = fs::path(path).stem().string();
  for (const Layer& layer : layers) {
    for (const char* meta : {"name", "description"}) {
      if (const YAML::Node n = layer.root[meta]) {
        (void)any_text(n, at(layer.file, n.Mark()), meta, "a line of text");  // its type
        const std::string text = utf8_scalar(n, at(layer.file, n.Mark()), meta);
        if (std::string(meta) == "description") sc.description = text;
        else if (&layer == &layers.back()) sc.name = text;
      }
    }
    std::map<std::string, SourceLocation> set_here;
    apply_tree(layer.root, "", layer, sc.base, sc.provenance, set_here);
  }
  // The name becomes an HDF5 group and, by default, the results file's name.
  const bool control = std::any_of(sc.name.begin(), sc.name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (sc.name.empty() || sc.name.find('/') != std::string::npos || sc.name == "." || sc.name == ".." || control)
    throw InputError(where_is(layers, "name", path), "name",
                     "'" + printable(sc.name) + "' cannot name a results group (one line of text, without '/')");
  if (seed_override) sc.base.run.seed = *seed_override;

  auto check = [&](const model::Params& p, const std::string& variant) {
    for (const auto& prob : model::validate(p)) {
      SourceLocation where{path, 0, 0};
      if (auto it = sc.provenance.find(prob.path); it != sc.provenance.end()) where = it->second;
      throw InputError(where, prob.path,
                       prob.message + (variant.empty() ? "" : " (in sweep variant " + variant + ")"));
    }
  };
  check(sc.base, "");
  // A run longer than this is a typo in a year (and would take days and fill memory).
  const kernel::Date start = sc.base.run.start;
  if (sc.base.run.end > kernel::Date{start.year + max_run_years, start.month, start.day}) {
    SourceLocation where{path, 0, 0};
    if (auto it = sc.provenance.find("run.end"); it != sc.provenance.end()) where = it->second;
    throw InputError(where, "run.end",
                     kernel::to_iso(sc.base.run.end) + " is more than " + std::to_string(max_run_years) +
                         " years after run.start " + kernel::to_iso(start) + ", the longest run homecare simulates");
  }

  const Layer* sweep_layer = nullptr;
  for (const Layer& layer : layers)
    if (layer.root["sweep"]) sweep_layer = &layer;
  if (sweep_layer) {
    expand_sweep(*sweep_layer, sweep_layer->root["sweep"], sc, static_cast<std::uint32_t>(sc.base.run.seed));
    for (const auto& v : sc.variants) check(v.params, v.name);
  } else {
    sc.variants.push_back(Variant{sc.name, sc.base, {}});
  }
  SourceLocation replicates_at{path, 0, 0};
  if (auto it = sc.provenance.find("run.replicates"); it != sc.provenance.end()) replicates_at = it->second;
  check_run_size(sc, sc.base.run.replicates, replicates_at, "run.replicates");
  return sc;
}

void check_run_size(const Scenario& sc, std::int64_t replicates, const SourceLocation& where,
                    const std::string& key) {
  const auto variants = static_cast<std::int64_t>(sc.variants.size());
  if (replicates > 0 && variants > max_replicates_per_run / replicates)
    throw InputError(where, key,
                     std::to_string(variants) + " variants x " + std::to_string(replicates) + " replicates is " +
                         std::to_string(variants * replicates) + " replicates in all, above the limit of " +
                         std::to_string(max_replicates_per_run) +
                         " for one run (split the sweep, or ask for fewer replicates)");
}

std::string resolved_yaml(const model::Params& p) {
  std::string out;
  std::vector<std::string> open;  // the group path currently printed
  for (const auto& spec : model::parameter_table()) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = spec.path.find('.', start)) != std::string::npos; start = dot + 1)
      parts.push_back(spec.path.substr(start, dot - start));
    const std::string leaf = spec.path.substr(start);
    std::size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t i = common; i < parts.size(); ++i) {
      out += std::string(2 * i, ' ') + parts[i] + ":\n";
      open.push_back(parts[i]);
    }
    out += std::string(2 * parts.size(), ' ') + leaf + ": " + model::format_value(spec, p) + "\n";
  }
  return out;
}

}  // namespace homecare::scenario
