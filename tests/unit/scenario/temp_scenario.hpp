// Writes scenario text to a fresh temporary folder so each test reads a real file.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "scenario/scenario.hpp"

namespace homecare::test {

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("homecare-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `text` to `name` inside the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  /// The text of `name` inside the folder.
  [[nodiscard]] std::string read(const std::string& name) const {
    std::ifstream in(path_ / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

/// The message load_scenario gives for `text`, with the temporary folder replaced by "DIR".
inline std::string load_error(const std::string& text, const std::string& name = "s.yaml") {
  TempDir dir;
  const std::string file = dir.write(name, text);
  try {
    (void)scenario::load_scenario(file);
  } catch (const InputError& e) {
    std::string msg = e.what();
    for (std::size_t at; (at = msg.find(dir.path())) != std::string::npos;)
      msg.replace(at, dir.path().size(), "DIR");
    return msg;
  }
  return "no error";
}

}  // namespace homecare::test
