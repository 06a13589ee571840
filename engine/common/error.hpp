// The one error hierarchy: input errors (the user's to fix, exit 2), model inconsistencies and
// engine failures (ours to fix, exit 1).
#pragma once

#include <stdexcept>
#include <string>

namespace homecare {

/// Base of every error homecare throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in a user's file something is. Line and column are 1-based (yaml-cpp's marks are
/// 0-based and are converted once, at the edge). line == 0 means "the file as a whole".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  [[nodiscard]] std::string str() const {
    if (line <= 0) return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

/// Bad input from the user: a scenario file or the command line. Exit status 2.
/// what() is the whole message: `file:line:col: key.path: problem`.
class InputError : public Error {
 public:
  InputError(SourceLocation where, std::string key_path, std::string problem)
      : Error(format(where, key_path, problem)),
        where_(std::move(where)),
        key_path_(std::move(key_path)),
        problem_(std::move(problem)) {}
  explicit InputError(std::string message) : Error(std::move(message)) {}

  [[nodiscard]] const SourceLocation& where() const { return where_; }
  [[nodiscard]] const std::string& key_path() const { return key_path_; }
  [[nodiscard]] const std::string& problem() const { return problem_; }

 private:
  static std::string format(const SourceLocation& w, const std::string& key, const std::string& p) {
    std::string s = w.str();
    if (!s.empty()) s += ": ";
    if (!key.empty()) s += key + ": ";
    return s + p;
  }
  SourceLocation where_;
  std::string key_path_;
  std::string problem_;
};

/// The model reached a state its invariants forbid (a bug, or parameters that break it).
class ModelError : public Error {
 public:
  using Error::Error;
};

/// The engine itself failed: I/O, HDF5, MPI, resources.
class EngineError : public Error {
 public:
  using Error::Error;
};

}  // namespace homecare
