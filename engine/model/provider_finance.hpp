// Provider finance and exit: each month a provider's council revenue against the cost of its
// council work (paid time with on-costs, mileage, running costs, recruitment, training); losses
// beyond its reserves, or a year without packages, make it leave. A provider that leaves hands
// its packages back; about half its staff find work with another provider at once.
#pragma once

#include <cstdint>

#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// How many months with losses beyond its reserves provider `pid` bears before it leaves: a
/// geometric count (each such month it leaves with providers.exit_probability), drawn once from its
/// own stream, so that in two variants the same provider bears the same number (-1: any number).
[[nodiscard]] std::int64_t losing_months_borne(ProviderId pid, const Setting& s);

/// Closes the month ending on `day` for every provider: costs, cash, exits. Returns what the
/// council paid providers in the month (their revenue, exits included); sets the council-funded
/// training of the month in the ledger.
double close_provider_books(std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                            Ledger& ledger);
/// `pid` leaves the council's market on `day`.
void provider_exit(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                   Ledger& ledger);

}  // namespace homecare::model
