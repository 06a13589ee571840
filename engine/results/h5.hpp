// Thin RAII over the HDF5 C API: handles that close themselves, and errors as EngineError.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "results/table.hpp"

namespace homecare::results::h5 {

/// An owned hid_t closed with the matching H5?close. Move-only.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close, const std::string& what);
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();
  [[nodiscard]] hid_t id() const { return id_; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

/// Turns HDF5's own error printing off once per process (we report errors ourselves).
void silence_library_errors();
/// Throws EngineError("HDF5: <what>") when status < 0.
void check(herr_t status, const std::string& what);

Handle create_file(const std::string& path);
Handle open_file_read(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);
std::vector<std::string> children(hid_t group);
/// Makes `name` in `group` another name (an HDF5 soft link) for `target`, a path in the same group.
void soft_link(hid_t group, const std::string& name, const std::string& target);

void write_attr(hid_t obj, const std::string& name, const std::string& value);
void write_attr(hid_t obj, const std::string& name, double value);
void write_attr(hid_t obj, const std::string& name, std::int64_t value);
/// A flag, as the enum {FALSE = 0, TRUE = 1} over int8 that h5py reads as numpy.bool_.
void write_attr_bool(hid_t obj, const std::string& name, bool value);
bool has_attr(hid_t obj, const std::string& name);
/// An attribute written by one of the write_attr functions, by its stored type.
using AttrValue = std::variant<double, std::int64_t, bool, std::string>;
AttrValue read_attr_value(hid_t obj, const std::string& name);
std::string read_attr_string(hid_t obj, const std::string& name);
std::int64_t read_attr_int(hid_t obj, const std::string& name);
std::vector<std::string> attr_names(hid_t obj);

/// A float64 dataset of the given shape (row-major data), chunked and compressed when large.
Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const double* data);
/// A 1-D dataset of variable-length UTF-8 strings.
void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
/// A 1-D compound dataset, one field per column (strings variable-length UTF-8, float64, int64).
void write_table(hid_t parent, const std::string& name, const Table& table);
/// A dataset written by write_table (fields of other types are refused with EngineError).
Table read_table(hid_t parent, const std::string& name);
std::vector<double> read_doubles(hid_t parent, const std::string& name, std::vector<hsize_t>* shape);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);

}  // namespace homecare::results::h5
