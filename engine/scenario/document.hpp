// A scenario's YAML documents: each file parsed after its structure is checked on the parser's
// events (one document, no duplicate keys, bounded nesting, quotes closed), and the chain of
// files that `extends:` makes.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "common/error.hpp"

namespace homecare::scenario::detail {

/// A yaml-cpp mark (0-based) as a 1-based location in `file`.
[[nodiscard]] SourceLocation at(const std::string& file, const YAML::Mark& m);

/// What a node is, for "expected X, got Y": "'text'", "a list", "nothing (null)", ...
[[nodiscard]] std::string describe_node(const YAML::Node& n);

/// "prefix.key", or "key" at the top level.
[[nodiscard]] std::string join(const std::string& prefix, const std::string& key);

/// Parses one YAML file's text after checking its structure on the parser's events (one
/// document, no duplicate keys, bounded nesting, quotes closed). Throws InputError.
[[nodiscard]] YAML::Node parse_yaml(const std::string& file, const std::string& text);

/// One file of a scenario's `extends:` chain.
struct Layer {
  std::string file;
  std::string text;
  YAML::Node root;  // a mapping
};

/// Loads `path` and its `extends:` ancestors into `out`, root-most first. `chain` holds the
/// canonical paths of the files being loaded (for cycles); `referrer` is where `path` was named.
void load_layers(const std::string& path, std::vector<Layer>& out, std::vector<std::string>& chain,
                 const SourceLocation& referrer);

}  // namespace homecare::scenario::detail
