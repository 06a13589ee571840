// The bytes of a scenario file: read within the size limit, checked to be UTF-8 text without the
// control characters YAML forbids, before any YAML is parsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.hpp"

namespace homecare::scenario::detail {

/// "0x1F" for a byte.
[[nodiscard]] std::string hex_byte(unsigned char c);

/// Text for a message: control characters escaped, at most 40 characters.
[[nodiscard]] std::string printable(const std::string& s);

/// The first thing in `bytes` that keeps it from being a scenario's text, if any: not UTF-8
/// (overlong forms and surrogates included), a NUL or another control character YAML forbids, or
/// a carriage return that does not end a line. Lines and columns are 1-based; columns count
/// bytes, as yaml-cpp's do, so every message about one file uses the same columns.
[[nodiscard]] std::optional<std::pair<SourceLocation, std::string>> text_problem(const std::string& file,
                                                                               std::string_view bytes);

/// Reads a scenario file (at most max_file_bytes) and checks it is text. A UTF-8 byte order mark
/// is accepted and dropped. `referrer` (empty for the file named on the command line) is where
/// the file was named, as `key` (extends:), for messages about a file that cannot be read.
[[nodiscard]] std::string read_file_checked(const std::string& path, const SourceLocation& referrer,
                                            const std::string& key, const std::string& what = "scenario");

}  // namespace homecare::scenario::detail
