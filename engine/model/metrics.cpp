// The metric catalogue: every reported series with its units and definition (output/README.md
// is generated from the same text by hand; keep them in step).
#include "model/metrics.hpp"

#include <algorithm>
#include <cstdint>

#include "common/error.hpp"
#include "kernel/calendar.hpp"
#include "model/params.hpp"

namespace homecare::model {
namespace {

const std::vector<MetricInfo> monthly = {
    {"active_users", "people", "Mean daily number of people with a council-arranged long-term home care package being delivered (not waiting)"},
    {"waiting_users", "people", "Mean daily number of long-term and reablement packages assessed and waiting for a provider"},
    {"new_users", "people", "Long-term packages (council-arranged or direct payment) that started in the month"},
    {"reablement_users", "people", "Mean daily number of people in a reablement episode"},
    {"direct_payment_users", "people", "Mean daily number of people with a direct payment for home care"},
    {"direct_payment_adults", "people", "Adults with a direct payment for any purpose: direct_payment_users divided by direct_payments.home_care_share (TARGETS.md E1, E2)"},
    {"care_workers", "people", "Mean daily headcount of care workers employed by providers (reablement team included)"},
    {"leavers", "people", "Care workers who left their job in the month (moves to another provider included)"},
    {"leavers_provider_exit", "people", "Of the leavers, the staff of providers that left the council's market in the month (each a leaver, whether they moved to another provider at once or left; a transfer under TUPE is not a leaving)"},
    {"turnover_rate_12m", "share per year", "Leavers in the 12 months to this month over the mean headcount in them (Skills for Care's definition); annualised over fewer months at the start"},
    {"vacancy_rate", "share", "Mean daily vacancies over headcount plus vacancies"},
    {"paid_hours_unused", "hours", "Hours paid to care workers on guaranteed hours and not worked (workforce.guaranteed_share_of_hours of the hours they want, less their paid contact, travel and training)"},
    {"hires", "people", "Care workers hired from outside the borough's providers in the month (moves between its providers not included)"},
    {"vacancy_fill_days", "days", "Mean days to fill the vacancies providers started filling in the month (0 when none)"},
    {"outside_wage", "GBP per hour", "The outside option care workers compare their pay with: labour_market.weight_* of the dated retail, NHS Band 2 and neighbouring-borough care pay (and NLW x (1 + workforce.outside_premium))"},
    {"job_seekers_index", "ratio", "People looking for care work in the borough relative to the run's first month (labour_market.pool; 0 without it)"},
    {"mean_hourly_wage", "GBP per hour", "Mean hourly wage of employed care workers at the month's end"},
    {"share_paid_llw", "share", "Share of employed care workers paid at least the pack's living wage payable (pack.yaml living_wage: the London Living Wage in London; announced rate after wages.llw_lag_months)"},
    {"share_trained_l2", "share", "Share of employed care workers with a level 2 or higher qualification"},
    {"share_level3", "share", "Share of employed care workers with a level 3 qualification"},
    {"share_care_certificate", "share", "Share of employed care workers holding the Care Certificate"},
    {"workers_in_training", "people", "Employed care workers enrolled on a course (Care Certificate, level 2 or level 3) at the month's end"},
    {"training_hours", "hours", "Paid hours of training in the month: courses (spread over their length) and refreshers"},
    {"hours_delivered", "hours", "Contact hours of visits delivered (a double-handed visit counts once)"},
    {"hours_unmet", "hours", "Contact hours of visits missed, plus the planned hours of packages waiting for a provider and of direct-payment users whose personal assistant post is vacant"},
    {"travel_share", "share", "Travel time between visits (and, for care workers who live outside the borough, into it and home again) over travel plus contact time"},
    {"out_of_borough_hours_share", "share", "Contact hours of long-term visits delivered by providers based outside the borough over all long-term contact hours (each carer of a double-handed visit)"},
    {"commute_hours", "hours", "Travel of care workers who live outside the borough into it before their first visit and home after their last (providers.out_of_borough_leg_min each way; part of travel_share's travel)"},
    {"late_visit_share", "share", "Share of visits due that started more than travel.late_threshold_min after the planned time"},
    {"missed_visit_share", "share", "Share of visits due that nobody delivered"},
    {"distinct_workers_per_user", "workers", "Mean number of different care workers a long-term user saw in the month (users with a visit)"},
    {"complaints_continuity", "complaints", "Complaints about not having a consistent worker"},
    {"complaints_lateness", "complaints", "Complaints about visits outside the allocated time or late"},
    {"complaints_missed", "complaints", "Complaints about missed visits"},
    {"complaints_to_council", "complaints", "Complaints made formally to the council (the rest go to providers)"},
    {"providers_active", "providers", "Providers holding at least one council-arranged long-term package at the month's end"},
    {"approved_list_packages", "packages", "Under patches: long-term packages held by providers on the approved list (no patch award) at the month's end"},
    {"provider_exits", "providers", "Providers that left the council's market in the month (closure; under patches, a tender loser with no approved list to stay on, or a list provider that closes)"},
    {"packages_handed_back", "packages", "Packages handed back by providers that could not staff them"},
    {"mean_price_per_hour", "GBP per hour", "Mean price per contact hour paid to providers for long-term care, weighted by hours (LLW supplement and spot premiums included)"},
    {"council_spend", "GBP", "Council spend on home care in the month: commissioned hours (double-handed included), reablement, direct payments, council-funded training, residential placements caused by unmet need and the partnership forum's running cost (the spend_* categories sum to it)"},
    {"council_budget", "GBP", "The budget for the month (a twelfth of the financial year's): home care and reablement plus direct payments, grown by the precept and demography, less the savings target; it covers spend_against_budget"},
    {"spend_against_budget", "GBP", "The spend the budget covers: council_spend less spend_residential_unmet"},
    {"spend_long_term", "GBP", "Payments to providers for long-term visits delivered (spot premiums and LLW and travel supplements included; spend_double_handed is part of it), and for block contracts' awarded hours not used (tender.block_contracts)"},
    {"spend_reablement", "GBP", "Payments to the reablement team for visits delivered"},
    {"spend_direct_payments", "GBP", "Direct payments: what the council paid (planned hours at the direct-payment rate; an agency buyer's at the council's price) less what it recouped (direct_payments_recouped)"},
    {"direct_payments_recouped", "GBP", "Direct-payment money unspent and recouped: the money for vacant personal-assistant days in full, and direct_payments.underspend of the rest"},
    {"direct_payment_hours_unmet", "hours", "Direct-payment users' planned hours not delivered: vacant personal-assistant posts, payments being set up, hours an agency's self-funder rate or an unfunded PA floor leaves unbought (part of hours_unmet)"},
    {"direct_payment_choices_unsupported", "people", "People who would have chosen a direct payment and took council-arranged care because the support service was full (direct_payments.support_workers)"},
    {"spend_training", "GBP", "The council's share of providers' training costs (training.council_funded_share)"},
    {"spend_residential_unmet", "GBP", "Residential placements attributable to unmet need (part of council_spend, not charged to the home care budget)"},
    {"spend_forum", "GBP", "The partnership forum's running cost while it meets (council.forum_running_cost a year)"},
    {"double_handed_packages", "packages", "Long-term packages needing two carers at the month's end"},
    {"spend_double_handed", "GBP", "Spend on double-handed visits in the month (part of spend_long_term)"},
    {"share_workers_below_minimum_wage", "share", "Share of care workers who worked in the month (contact, travel or training) whose pay for it (wage x paid minutes) over the hours worked, travel between visits and training included as the law counts them, is below the National Living Wage (adult rate: the model has no ages)"},
    {"minimum_wage_shortfall", "GBP", "Pay in the month that would bring those workers up to the National Living Wage for every hour worked (wages only, no on-costs)"},
};

// Per financial year: each over the months of the year the run covers (`months` says how many:
// a year the run only partly covers is not scaled up, except the rates, which are per year).
const std::vector<MetricInfo> yearly = {
    {"months", "months", "Months of the financial year the run covers (12 but for the first and last years)"},
    {"council_spend", "GBP", "Council spend on home care over the year's months covered (as the monthly council_spend)"},
    {"council_budget", "GBP", "The budget over the year's months covered (as the monthly council_budget)"},
    {"council_headroom", "GBP", "Budget minus the spend it covers (spend_against_budget) over the year's months covered (negative: overspend)"},
    {"spend_against_budget", "GBP", "council_spend less spend_residential_unmet, over the year's months covered"},
    {"spend_long_term", "GBP", "Payments for long-term visits (double-handed included), over the year's months covered"},
    {"spend_reablement", "GBP", "Payments to the reablement team, over the year's months covered"},
    {"spend_direct_payments", "GBP", "Direct payments (paid less recouped), over the year's months covered"},
    {"direct_payments_recouped", "GBP", "Direct-payment money unspent and recouped, over the year's months covered (TARGETS.md E4)"},
    {"direct_payment_users", "people", "Mean daily number of people with a direct payment for home care"},
    {"direct_payment_hours_unmet", "hours", "Direct-payment users' planned hours not delivered (as the monthly direct_payment_hours_unmet)"},
    {"spend_training", "GBP", "The council's share of training costs, over the year's months covered"},
    {"spend_residential_unmet", "GBP", "Residential placements attributable to unmet need (not charged to the budget), over the year's months covered"},
    {"spend_forum", "GBP", "The partnership forum's running cost, over the year's months covered"},
    {"spend_double_handed", "GBP", "Payments for double-handed visits (part of spend_long_term), over the year's months covered"},
    {"council_savings", "GBP", "What the savings target (council.savings_*) took from the budget over the year's months covered"},
    {"active_users", "people", "Mean daily number of people with a council-arranged long-term package being delivered"},
    {"care_workers", "people", "Mean daily headcount of care workers (reablement team included)"},
    {"turnover_rate", "share per year", "Leavers over mean headcount, per year, over the year's months covered"},
    {"mean_hourly_wage", "GBP per hour", "Mean of the monthly mean wage of care workers"},
    {"mean_price_per_hour", "GBP per hour", "Mean price per contact hour paid to providers for long-term care, weighted by hours"},
    {"hours_delivered", "hours", "Contact hours of visits delivered"},
    {"out_of_borough_hours_share", "share", "Long-term contact hours delivered by providers based outside the borough over all long-term contact hours"},
    {"hours_unmet", "hours", "Contact hours needed but not delivered (as the monthly hours_unmet)"},
    {"complaints", "complaints", "All complaints (continuity, lateness, missed visits)"},
    {"complaints_per_100_packages", "complaints per 100 packages per year", "All complaints per 100 long-term packages active on an average day, per year"},
    {"late_visit_share", "share", "Late visits over visits due"},
    {"provider_exits", "providers", "Providers that left the council's market"},
    {"share_workers_below_minimum_wage", "share", "Worker-months paid below the National Living Wage for the hours worked (travel and training included) over worker-months with work"},
    {"minimum_wage_shortfall", "GBP", "Pay that would bring those worker-months up to the National Living Wage (wages only, no on-costs)"},
};

const std::vector<MetricInfo> summary = {
    {"turnover_rate", "share per year", "Leavers over mean headcount, per year, over the policy period (run.policy_start to run.end)"},
    {"turnover_rate_provider_exits", "share per year", "The part of turnover_rate from providers leaving the market: leavers_provider_exit over mean headcount, per year, policy period"},
    {"turnover_rate_excluding_provider_exits", "share per year", "The rest of turnover_rate: care workers who left a provider that stayed in the market (quits, moves to another provider), over mean headcount, per year, policy period"},
    {"complaints_per_100_packages", "complaints per 100 packages per year", "All complaints in the policy period per 100 long-term packages active on an average day, per year"},
    {"council_spend_total", "GBP", "Council spend over the policy period"},
    {"council_overspend_total", "GBP", "Spend the budget covers (spend_against_budget) minus budget over the policy period (negative: underspend)"},
    {"spend_residential_unmet_total", "GBP", "Residential placements attributable to unmet need over the policy period (in council_spend_total, not charged to the budget)"},
    {"late_visit_share", "share", "Late visits over visits due, policy period"},
    {"distinct_workers_per_user", "workers", "Mean monthly distinct workers per long-term user, policy period"},
    {"hours_unmet_share", "share", "Unmet hours over delivered plus unmet hours, policy period"},
    {"provider_exits", "providers", "Providers leaving the council's market in the policy period (closure; under patches, a loser without an approved list, or a list provider that closes)"},
    {"distinct_workers_after_switch", "workers", "Mean monthly distinct workers per long-term user in the first three months from commissioning.switch_date (the switch's disruption)"},
    {"travel_share", "share", "Travel over travel plus contact time, policy period"},
    {"out_of_borough_hours_share", "share", "Long-term contact hours delivered by providers based outside the borough over all long-term contact hours, policy period"},
    {"mean_hourly_wage", "GBP per hour", "Mean of the monthly mean wage, policy period"},
    {"complaints_continuity_total", "complaints", "Continuity complaints, policy period"},
    {"complaints_lateness_total", "complaints", "Lateness complaints, policy period"},
    {"direct_payments_recouped_total", "GBP", "Direct-payment money unspent and recouped over the policy period"},
    {"direct_payment_hours_unmet_share", "share", "Direct-payment users' unmet hours over their planned hours (users active or in set-up), policy period"},
    {"calibration_active_users", "people", "Calibration: mean active long-term users over the calibration period"},
    {"calibration_distinct_users", "people", "Calibration: distinct people with long-term home care during the calibration period"},
    {"calibration_reablement_users", "people", "Calibration: distinct people in reablement during the calibration period"},
    {"calibration_providers", "providers", "Calibration: mean providers holding packages over the calibration period"},
    {"calibration_care_workers", "people", "Calibration: mean care-worker headcount over the calibration period"},
    {"calibration_turnover", "share per year", "Calibration: leavers a year over mean headcount, calibration period"},
    {"changed_agency_2y", "share", "Calibration: share of workers on the pack's census day who changed agency in the two years before"},
    {"calibration_mean_wage", "GBP per hour", "Calibration: mean hourly wage over the calibration period"},
    {"calibration_mean_price", "GBP per hour", "Calibration: mean price per hour paid over the calibration period"},
    {"calibration_out_of_borough_share", "share", "Calibration: long-term contact hours delivered by providers based outside the borough over all long-term contact hours, calibration period"},
    {"calibration_spend", "GBP per year", "Calibration: council spend a year on home care and reablement, calibration period"},
    {"calibration_spend_double_handed", "GBP per year", "Calibration: spend a year on double-handed visits, calibration period"},
    {"calibration_council_complaints_share", "share of packages per year", "Calibration: formal complaints to the council a year over distinct long-term packages, calibration period"},
    {"calibration_user_growth", "share per year", "Calibration: growth a year of active long-term users over the calibration period"},
    {"calibration_direct_payment_adults", "people", "Calibration: adults with a direct payment for any purpose: mean daily direct_payment_users over the calibration period divided by direct_payments.home_care_share (TARGETS.md E1)"},
    {"calibration_direct_payments_recouped", "GBP per year", "Calibration: direct-payment money recouped a year over the calibration period, divided by direct_payments.home_care_share as calibration_direct_payment_adults is (TARGETS.md E4)"},
    {"double_handed_growth", "share per year", "Calibration: annual growth of double-handed packages over the run's first three years"},
    {"long_term_in_system_mean", "people", "Known answer: mean long-term packages active or waiting over the run"},
    {"cohort_leaving_share", "share", "Known answer: share of the workers employed on day 0 who left within 365 days"},
    {"visits_due", "visits", "Diagnostic: visits due over the whole run (delivered or missed; a double-handed visit once)"},
    {"events_processed", "events", "Diagnostic: discrete events the kernel processed over the whole run"},
    {"share_workers_below_minimum_wage", "share", "Worker-months paid below the National Living Wage for the hours worked (travel and training included) over worker-months with work, policy period"},
    {"minimum_wage_shortfall_total", "GBP", "Pay that would bring those worker-months up to the National Living Wage (wages only, no on-costs), policy period"},
};

// Per ward, over the policy period (as the summaries): totals and means that add up over wards,
// so a patch's figures are its wards' sums (patch_figures) and the wards' sums are the borough's.
const std::vector<MetricInfo> by_ward = {
    {"active_users", "people", "Mean daily number of people in the ward with a council-arranged long-term package being delivered, policy period"},
    {"visits_due", "visits", "Visits due to people in the ward (delivered or missed; a double-handed visit once), policy period"},
    {"late_visits", "visits", "Of them, visits that started late"},
    {"missed_visits", "visits", "Of them, visits missed"},
    {"hours_delivered", "hours", "Contact hours of visits delivered to people in the ward, policy period"},
    {"hours_unmet", "hours", "Contact hours needed but not delivered (missed visits, people waiting, vacant personal assistants), policy period"},
    {"contact_hours", "hours", "Care workers' hours in visits to homes in the ward (each carer of a double-handed visit), policy period"},
    {"travel_hours", "hours", "Care workers' travel to visits in the ward, policy period"},
    {"spend_on_visits", "GBP", "Council payments for visits to people in the ward (block contracts' unused hours, training, residential placements and direct payments are not by ward), policy period"},
    {"user_months", "user-months", "Long-term users in the ward with a visit due, summed over the months of the policy period"},
    {"workers_seen", "workers", "Distinct workers those users saw, summed over the same user-months"},
    {"complaints", "complaints", "All complaints of long-term users in the ward (continuity, lateness, missed visits), policy period"},
};

// Per patch: the sums of its wards' figures, then the shares the summaries give for the borough.
const std::vector<MetricInfo> by_patch = [] {
  std::vector<MetricInfo> out = by_ward;
  for (auto& m : out) {
    const auto at = m.description.find("in the ward");
    if (at != std::string::npos) m.description.replace(at, 11, "in the patch");
    const auto to = m.description.find("to homes in the ward");
    if (to != std::string::npos) m.description.replace(to, 20, "to homes in the patch");
  }
  out.push_back({"late_visit_share", "share", "late_visits over visits_due (the summary's late_visit_share, in the patch)"});
  out.push_back({"hours_unmet_share", "share", "hours_unmet over hours_delivered plus hours_unmet"});
  out.push_back({"travel_share", "share", "travel_hours over travel_hours plus contact_hours"});
  out.push_back({"distinct_workers_per_user", "workers", "workers_seen over user_months: mean monthly distinct workers per long-term user"});
  out.push_back({"complaints_per_100_packages", "complaints per 100 packages per year", "complaints a year per 100 of active_users"});
  return out;
}();

std::size_t index_of(const std::vector<MetricInfo>& list, std::string_view name) {
  auto it = std::find_if(list.begin(), list.end(), [&](const MetricInfo& m) { return m.name == name; });
  if (it == list.end()) throw ModelError("unknown metric '" + std::string(name) + "'");
  return static_cast<std::size_t>(it - list.begin());
}

}  // namespace

int financial_year_of_month(const Params& p, int m) {
  const kernel::Date d = kernel::add_months({p.run.start.year, p.run.start.month, 1}, m);
  return d.month >= 4 ? d.year : d.year - 1;
}

std::vector<std::string> report_years(const Params& p) {
  const int n = kernel::months_between(p.run.start, p.run.end) + 1;
  std::vector<std::string> out;
  for (int y = financial_year_of_month(p, 0); y <= financial_year_of_month(p, n - 1); ++y) {
    const int next = (y + 1) % 100;
    out.push_back(std::to_string(y) + "/" + (next < 10 ? "0" : "") + std::to_string(next));
  }
  return out;
}

int policy_months(const Params& p) {
  const int n = kernel::months_between(p.run.start, p.run.end) + 1;
  return n - std::clamp(kernel::months_between(p.run.start, p.run.policy_start), 0, n - 1);
}

std::vector<std::vector<double>> patch_figures(const Params& p, const std::vector<std::vector<double>>& ward,
                                               const std::vector<int>& ward_patch, int patches) {
  const auto K = static_cast<std::size_t>(std::max(0, patches));
  std::vector<std::vector<double>> out(by_patch.size(), std::vector<double>(K, 0.0));
  if (ward.size() != by_ward.size()) throw ModelError("patch_figures: expected the by-ward metrics");
  for (std::size_t m = 0; m < by_ward.size(); ++m) {
    if (ward[m].size() != ward_patch.size()) throw ModelError("patch_figures: a figure for every ward of the partition");
    for (std::size_t w = 0; w < ward_patch.size(); ++w) {
      const int k = ward_patch[w];
      if (k < 0 || static_cast<std::size_t>(k) >= K) throw ModelError("patch_figures: ward " + std::to_string(w) + " has no patch");
      out[m][static_cast<std::size_t>(k)] += ward[m][w];
    }
  }
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  auto col = [&](std::string_view name) -> std::vector<double>& { return out[index_of(by_patch, name)]; };
  const double years = static_cast<double>(policy_months(p)) / 12.0;
  for (std::size_t k = 0; k < K; ++k) {
    auto v = [&](std::string_view name) { return col(name)[k]; };
    col("late_visit_share")[k] = ratio(v("late_visits"), v("visits_due"));
    col("hours_unmet_share")[k] = ratio(v("hours_unmet"), v("hours_unmet") + v("hours_delivered"));
    col("travel_share")[k] = ratio(v("travel_hours"), v("travel_hours") + v("contact_hours"));
    col("distinct_workers_per_user")[k] = ratio(v("workers_seen"), v("user_months"));
    col("complaints_per_100_packages")[k] = ratio(v("complaints") / years, v("active_users")) * 100.0;
  }
  return out;
}

std::span<const MetricInfo> by_ward_metrics() { return by_ward; }
std::span<const MetricInfo> by_patch_metrics() { return by_patch; }
std::size_t by_ward_index(std::string_view name) { return index_of(by_ward, name); }
std::size_t by_patch_index(std::string_view name) { return index_of(by_patch, name); }
std::span<const MetricInfo> monthly_metrics() { return monthly; }
std::span<const MetricInfo> summary_metrics() { return summary; }
std::span<const MetricInfo> yearly_metrics() { return yearly; }
std::size_t yearly_index(std::string_view name) { return index_of(yearly, name); }
std::size_t monthly_index(std::string_view name) { return index_of(monthly, name); }
std::size_t summary_index(std::string_view name) { return index_of(summary, name); }

}  // namespace homecare::model
