// Progress display: bar and rate on a terminal, sparse lines in logs.
#include "runner/progress.hpp"

#include <unistd.h>

#include <cmath>

namespace homecare::runner {
namespace {
constexpr double terminal_redraw_s = 0.25;
constexpr double log_every_s = 60.0;      // a log line at least this often...
constexpr double log_min_gap_s = 5.0;     // ...and at each tenth of the work, but not more often
constexpr int bar_width = 28;
}  // namespace

Progress::Progress(std::int64_t total, std::int64_t done_before, std::int64_t to_run, std::FILE* out)
    : total_(total), done_before_(done_before), to_run_(to_run), out_(out) {
  if (out_) terminal_ = ::isatty(::fileno(out_)) == 1;
  last_draw_ = start_;
}

std::string Progress::duration_text(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%llds", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  return buf;
}

std::string Progress::line(std::int64_t done, std::int64_t failed, bool bar) const {
  const std::int64_t all_done = done_before_ + done;
  const double frac = total_ > 0 ? static_cast<double>(all_done) / static_cast<double>(total_) : 1.0;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  std::string s = "homecare: ";
  if (bar) {
    const auto filled = static_cast<int>(frac * bar_width);
    s += "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(bar_width - filled), '.') + "] ";
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "%lld/%lld replicates (%d%%)", static_cast<long long>(all_done),
                static_cast<long long>(total_), static_cast<int>(std::floor(frac * 100)));
  s += buf;
  if (done > 0 && elapsed > 0) {
    const double rate = static_cast<double>(done) / elapsed;
    std::snprintf(buf, sizeof buf, rate < 10 ? ", %.2f/s" : ", %.1f/s", rate);
    s += buf;
    if (done < to_run_) s += ", " + duration_text(static_cast<double>(to_run_ - done) / rate) + " left";
    else s += ", took " + duration_text(elapsed);
  }
  if (failed > 0) s += ", " + std::to_string(failed) + " failed";
  return s;
}

void Progress::update(std::int64_t done, std::int64_t failed) {
  if (!out_) return;
  const auto now = Clock::now();
  const double since = std::chrono::duration<double>(now - last_draw_).count();
  if (terminal_) {
    if (since < terminal_redraw_s && drawn_) return;
    std::fprintf(out_, "\r%s\x1b[K", line(done, failed, true).c_str());
    std::fflush(out_);
    drawn_ = true;
    last_draw_ = now;
    return;
  }
  const std::int64_t decile = to_run_ > 0 ? (done * 10) / to_run_ : 10;
  const bool new_tenth = decile > last_decile_ && since >= log_min_gap_s;
  if ((new_tenth || since >= log_every_s) && done != last_done_ && done < to_run_) {
    std::fprintf(out_, "%s\n", line(done, failed, false).c_str());
    std::fflush(out_);
    last_decile_ = decile;
    last_done_ = done;
    last_draw_ = now;
  }
}

void Progress::finish(std::int64_t done, std::int64_t failed) {
  if (!out_) return;
  if (terminal_) std::fprintf(out_, "\r%s\x1b[K\n", line(done, failed, true).c_str());
  else std::fprintf(out_, "%s\n", line(done, failed, false).c_str());
  std::fflush(out_);
}

}  // namespace homecare::runner
