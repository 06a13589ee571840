// CRC-32 (IEEE 802.3, the zlib/PNG polynomial): the checksum of each journal record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace homecare::runner {

/// CRC-32 of `bytes`, continuing from `crc` (0 to start). crc32("123456789") == 0xCBF43926.
[[nodiscard]] std::uint32_t crc32(std::span<const std::byte> bytes, std::uint32_t crc = 0);

}  // namespace homecare::runner
