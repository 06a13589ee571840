// The bytes of a scenario file: size limit, UTF-8, control characters, byte order marks.
#include "scenario/text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "scenario/scenario.hpp"

namespace homecare::scenario::detail {
namespace fs = std::filesystem;

std::string hex_byte(unsigned char c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 0xF];
}

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

std::string read_file_checked(const std::string& path, const SourceLocation& referrer,
                              const std::string& key, const std::string& what) {
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
  if (fs::is_directory(st)) throw fail("is a directory, not a " + what + " file");
  if (!fs::is_regular_file(st)) throw fail("is not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail(std::strerror(errno));
  // Read one byte past the limit rather than trust the size from stat: the file may grow.
  std::string text(max_file_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw fail(std::strerror(errno));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_file_bytes)
    throw fail("larger than the " + std::to_string(max_file_bytes) + "-byte limit for a " + what);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  const std::string_view head(text.data(), std::min<std::size_t>(text.size(), 4));
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") || head.starts_with(std::string_view("\0\0\xFE\xFF", 4)))
    throw InputError(SourceLocation{path, 0, 0}, "",
                     "the file is UTF-16 or UTF-32 text (it begins with a byte order mark); save it as UTF-8");
  if (auto bad = text_problem(path, text)) throw InputError(bad->first, "", bad->second);
  return text;
}

}  // namespace homecare::scenario::detail
