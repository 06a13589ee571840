// A scenario's YAML documents: structure checked on the parser's events, then parsed; `extends:`.
#include "scenario/document.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "scenario/scenario.hpp"
#include "scenario/text.hpp"

namespace homecare::scenario::detail {
namespace fs = std::filesystem;

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, m.line + 1, m.column + 1};
}

namespace {

/// "!!str" for the core schema's tags, the tag itself otherwise.
std::string short_tag(const std::string& tag) {
  constexpr std::string_view core = "tag:yaml.org,2002:";
  if (tag.starts_with(core)) return "!!" + tag.substr(core.size());
  return tag;
}
}  // namespace

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

std::string join(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

namespace {

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


}  // namespace

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

}  // namespace homecare::scenario::detail
