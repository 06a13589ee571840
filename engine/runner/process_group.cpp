// MPI when built with it (HOMECARE_HAVE_MPI) and launched by mpirun; a group of one otherwise.
#include "runner/process_group.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

#include "common/error.hpp"

#if HOMECARE_HAVE_MPI
#include <mpi.h>
#endif

namespace homecare::runner {

bool ProcessGroup::launched_by_mpi() {
  // OpenMPI's mpirun; PMIx (OpenMPI 4, srun --mpi=pmix); PMI (MPICH's hydra, srun --mpi=pmi2).
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v) != nullptr) return true;
  return false;
}

#if HOMECARE_HAVE_MPI

namespace {
constexpr int progress_tag = 17;

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw EngineError(std::string("MPI: ") + what + " failed");
}

/// Waits for `req` to complete, sleeping between polls: a blocking MPI call would spin a core.
void wait_politely(MPI_Request& req) {
  auto pause = std::chrono::microseconds(200);
  for (;;) {
    int done = 0;
    check(MPI_Test(&req, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done) return;
    std::this_thread::sleep_for(pause);
    if (pause < std::chrono::milliseconds(20)) pause *= 2;
  }
}
}  // namespace

struct ProcessGroup::Mpi {
  bool initialised_here = false;
  MPI_Request pending = MPI_REQUEST_NULL;
  std::int64_t sending[3] = {0, 0, 0};
};

ProcessGroup::ProcessGroup() = default;

std::unique_ptr<ProcessGroup> ProcessGroup::from_environment() {
  auto g = std::make_unique<ProcessGroup>();
  if (!launched_by_mpi()) return g;
  g->mpi_ = std::make_unique<Mpi>();
  int already = 0;
  check(MPI_Initialized(&already), "MPI_Initialized");
  if (!already) {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    g->mpi_->initialised_here = true;
    if (provided < MPI_THREAD_FUNNELED) throw EngineError("MPI: the library does not allow threads");
  }
  check(MPI_Comm_rank(MPI_COMM_WORLD, &g->rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &g->size_), "MPI_Comm_size");
  return g;
}

ProcessGroup::~ProcessGroup() {
  if (mpi_ && mpi_->initialised_here) {
    if (mpi_->pending != MPI_REQUEST_NULL) MPI_Wait(&mpi_->pending, MPI_STATUS_IGNORE);
    MPI_Finalize();
  }
}

void ProcessGroup::broadcast(std::string& bytes) {
  if (!mpi_) return;
  std::int64_t n = broadcast(static_cast<std::int64_t>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(n));
  // Chunks below INT_MAX elements: MPI counts are int.
  constexpr std::int64_t chunk = 1 << 30;
  for (std::int64_t at = 0; at < n; at += chunk) {
    MPI_Request req = MPI_REQUEST_NULL;
    const auto count = static_cast<int>(std::min(chunk, n - at));
    check(MPI_Ibcast(bytes.data() + at, count, MPI_CHAR, 0, MPI_COMM_WORLD, &req), "MPI_Ibcast");
    wait_politely(req);
  }
}

std::int64_t ProcessGroup::broadcast(std::int64_t value) {
  if (!mpi_) return value;
  MPI_Request req = MPI_REQUEST_NULL;
  check(MPI_Ibcast(&value, 1, MPI_INT64_T, 0, MPI_COMM_WORLD, &req), "MPI_Ibcast");
  wait_politely(req);
  return value;
}

std::int64_t ProcessGroup::max(std::int64_t value) {
  if (!mpi_) return value;
  std::int64_t out = value;
  MPI_Request req = MPI_REQUEST_NULL;
  check(MPI_Iallreduce(&value, &out, 1, MPI_INT64_T, MPI_MAX, MPI_COMM_WORLD, &req), "MPI_Iallreduce");
  wait_politely(req);
  return out;
}

void ProcessGroup::send_progress(const ProgressNote& note) {
  if (!mpi_ || rank_ == 0) return;
  const bool final_note = note.status >= 0;
  if (mpi_->pending != MPI_REQUEST_NULL) {
    if (final_note) {
      wait_politely(mpi_->pending);
    } else {
      int done = 0;
      check(MPI_Test(&mpi_->pending, &done, MPI_STATUS_IGNORE), "MPI_Test");
      if (!done) return;  // rank 0 will hear a later note
    }
  }
  mpi_->sending[0] = note.done;
  mpi_->sending[1] = note.failed;
  mpi_->sending[2] = note.status;
  check(MPI_Isend(mpi_->sending, 3, MPI_INT64_T, 0, progress_tag, MPI_COMM_WORLD, &mpi_->pending), "MPI_Isend");
  if (final_note) wait_politely(mpi_->pending);
}

std::optional<std::pair<int, ProgressNote>> ProcessGroup::poll_progress() {
  if (!mpi_ || rank_ != 0) return std::nullopt;
  int flag = 0;
  MPI_Status st;
  check(MPI_Iprobe(MPI_ANY_SOURCE, progress_tag, MPI_COMM_WORLD, &flag, &st), "MPI_Iprobe");
  if (!flag) return std::nullopt;
  std::int64_t buf[3] = {0, 0, 0};
  check(MPI_Recv(buf, 3, MPI_INT64_T, st.MPI_SOURCE, progress_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
  return std::make_pair(st.MPI_SOURCE, ProgressNote{buf[0], buf[1], buf[2]});
}

void ProcessGroup::abort(int status) {
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, status);
  std::_Exit(status);
}

#else  // no MPI in this build

struct ProcessGroup::Mpi {};

ProcessGroup::ProcessGroup() = default;
ProcessGroup::~ProcessGroup() = default;

std::unique_ptr<ProcessGroup> ProcessGroup::from_environment() {
  const char* n = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!n) n = std::getenv("PMI_SIZE");
  if (n && std::atoi(n) > 1)
    throw EngineError("this homecare was built without MPI (HOMECARE_MPI=OFF), so the processes "
                      "mpirun started cannot share the work; rebuild with -DHOMECARE_MPI=ON or run "
                      "it without mpirun");
  return std::make_unique<ProcessGroup>();
}

void ProcessGroup::broadcast(std::string&) {}
std::int64_t ProcessGroup::broadcast(std::int64_t value) { return value; }
std::int64_t ProcessGroup::max(std::int64_t value) { return value; }
void ProcessGroup::send_progress(const ProgressNote&) {}
std::optional<std::pair<int, ProgressNote>> ProcessGroup::poll_progress() { return std::nullopt; }
void ProcessGroup::abort(int status) { std::_Exit(status); }

#endif

}  // namespace homecare::runner
