// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits: the content hash of borough
// packs and tables recorded in results files, so anyone can check it with `sha256sum`.
#pragma once

#include <string>
#include <string_view>

namespace homecare {

[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace homecare
