// Every scenario parameter of the model as plain data. Defaults live here and only here; the
// parameter table (parameter_table.cpp) gives each its key path, unit, range, meaning and source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/parameter_spec.hpp"

namespace homecare::model {

struct RunParams {
  kernel::Date start{2016, 4, 1};
  kernel::Date end{2021, 9, 30};
  std::int64_t seed = 20181001;
  std::int64_t replicates = 50;
};

struct DemandParams {
  /// New long-term packages per 1,000 residents aged 65+ per year.
  double referrals_per_1000_65plus = 19.0;
  /// Annual growth of the 65+ population (share per year).
  double growth_65plus = 0.035;
  /// Mean length of a package, days (exponential).
  double mean_package_days = 255.0;
  /// Start from the stationary population (true) or from nobody (false).
  bool start_at_steady_state = true;
};

struct WorkforceParams {
  std::int64_t initial_workers = 1730;
  /// Hazard of a worker leaving, per year.
  double quit_hazard = 0.33;
  /// Mean days to fill a vacancy.
  double mean_days_to_fill = 30.0;
};

struct Params {
  RunParams run;
  DemandParams demand;
  WorkforceParams workforce;
};

}  // namespace homecare::model
