// Strong ids of the model's agents.
#pragma once

#include "kernel/strong_id.hpp"

namespace homecare::model {

using UserId = kernel::StrongId<struct UserTag>;
using WorkerId = kernel::StrongId<struct WorkerTag>;
using ProviderId = kernel::StrongId<struct ProviderTag>;

}  // namespace homecare::model
