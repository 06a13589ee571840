// HDF5 helpers: create, write and read the few object kinds the results file uses.
#include "results/h5.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <type_traits>
#include <string_view>

#include "common/error.hpp"

namespace homecare::results::h5 {

namespace {
/// ": <the operating system's reason>" for the failure on HDF5's error stack, when it names one
/// (a full disk, a file-size limit, an I/O error), else "".
std::string system_reason() {
  std::string reason;
  auto find = [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
    auto& r = *static_cast<std::string*>(out);
    if (r.empty() && e->desc) {
      const std::string_view d(e->desc);
      constexpr std::string_view marker = "error message = '";
      if (const auto p = d.find(marker); p != std::string_view::npos) {
        const auto q = d.find('\'', p + marker.size());
        if (q != std::string_view::npos) r = d.substr(p + marker.size(), q - p - marker.size());
      }
    }
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, find, &reason);
  return reason.empty() ? "" : ": " + reason;
}
}  // namespace

Handle::Handle(hid_t id, Closer close, const std::string& what) : id_(id), close_(close) {
  if (id < 0) throw EngineError("HDF5: cannot " + what + system_reason());
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    if (id_ >= 0 && close_) close_(id_);
    id_ = std::exchange(o.id_, H5I_INVALID_HID);
    close_ = o.close_;
  }
  return *this;
}

Handle::~Handle() {
  if (id_ >= 0 && close_) close_(id_);
}

void silence_library_errors() {
  static std::once_flag once;
  std::call_once(once, [] {
    // No clean-up at exit: after a write fails (a full disk), HDF5 1.10's own clean-up at exit
    // crashes closing the file it could not close. Every file is closed by its Handle before then.
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  });
}

void check(herr_t status, const std::string& what) {
  if (status < 0) throw EngineError("HDF5: cannot " + what + system_reason());
}

Handle create_file(const std::string& path) {
  silence_library_errors();
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                "create '" + path + "'");
}

Handle open_file_read(const std::string& path) {
  silence_library_errors();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open '" + path + "'");
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                "create group '" + name + "'");
}

Handle open_group(hid_t parent, const std::string& name) {
  return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose, "open group '" + name + "'");
}

bool exists(hid_t parent, const std::string& name) {
  return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> children(hid_t group) {
  std::vector<std::string> names;
  auto cb = [](hid_t, const char* name, const H5L_info_t* info, void* op) -> herr_t {
    // Hard links only: a soft link is another name for one of them (an old name kept for users).
    if (info->type == H5L_TYPE_HARD) static_cast<std::vector<std::string>*>(op)->emplace_back(name);
    return 0;
  };
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, cb, &names), "list a group");
  return names;
}

void soft_link(hid_t group, const std::string& name, const std::string& target) {
  check(H5Lcreate_soft(target.c_str(), group, name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "link '" + name + "'");
}

namespace {
Handle vlen_string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "make a string type");
  check(H5Tset_size(t.id(), H5T_VARIABLE), "size a string type");
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "set UTF-8");
  return t;
}
Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "make a dataspace"); }
}  // namespace

void write_attr(hid_t obj, const std::string& name, const std::string& value) {
  Handle t = vlen_string_type();
  Handle s = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), t.id(), s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute '" + name + "'");
  const char* p = value.c_str();
  check(H5Awrite(a.id(), t.id(), &p), "write attribute '" + name + "'");
}

void write_attr(hid_t obj, const std::string& name, double value) {
  Handle s = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute '" + name + "'");
  check(H5Awrite(a.id(), H5T_NATIVE_DOUBLE, &value), "write attribute '" + name + "'");
}

void write_attr(hid_t obj, const std::string& name, std::int64_t value) {
  Handle s = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute '" + name + "'");
  check(H5Awrite(a.id(), H5T_NATIVE_INT64, &value), "write attribute '" + name + "'");
}

namespace {
/// The enum h5py uses for numpy.bool_.
Handle bool_type() {
  Handle t(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose, "make a flag type");
  const std::int8_t no = 0;
  const std::int8_t yes = 1;
  check(H5Tenum_insert(t.id(), "FALSE", &no), "make a flag type");
  check(H5Tenum_insert(t.id(), "TRUE", &yes), "make a flag type");
  return t;
}
}  // namespace

void write_attr_bool(hid_t obj, const std::string& name, bool value) {
  Handle t = bool_type();
  Handle s = scalar_space();
  Handle a(H5Acreate2(obj, name.c_str(), t.id(), s.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "create attribute '" + name + "'");
  const std::int8_t v = value ? 1 : 0;
  check(H5Awrite(a.id(), t.id(), &v), "write attribute '" + name + "'");
}

AttrValue read_attr_value(hid_t obj, const std::string& name) {
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute '" + name + "'");
  Handle type(H5Aget_type(a.id()), H5Tclose, "read the type of attribute '" + name + "'");
  switch (H5Tget_class(type.id())) {
    case H5T_FLOAT: {
      double v = 0;
      check(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &v), "read attribute '" + name + "'");
      return v;
    }
    case H5T_INTEGER: return read_attr_int(obj, name);
    case H5T_ENUM: {
      Handle t = bool_type();
      std::int8_t v = 0;
      check(H5Aread(a.id(), t.id(), &v), "read attribute '" + name + "' as a flag");
      return v != 0;
    }
    case H5T_STRING: return read_attr_string(obj, name);
    default: throw EngineError("HDF5: attribute '" + name + "' is of a type homecare does not write");
  }
}

bool has_attr(hid_t obj, const std::string& name) { return H5Aexists(obj, name.c_str()) > 0; }

std::string read_attr_string(hid_t obj, const std::string& name) {
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute '" + name + "'");
  Handle t = vlen_string_type();
  char* p = nullptr;
  check(H5Aread(a.id(), t.id(), &p), "read attribute '" + name + "'");
  std::string out = p ? p : "";
  H5free_memory(p);
  return out;
}

std::int64_t read_attr_int(hid_t obj, const std::string& name) {
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute '" + name + "'");
  std::int64_t v = 0;
  check(H5Aread(a.id(), H5T_NATIVE_INT64, &v), "read attribute '" + name + "'");
  return v;
}

std::vector<std::string> attr_names(hid_t obj) {
  std::vector<std::string> names;
  auto cb = [](hid_t, const char* name, const H5A_info_t*, void* op) -> herr_t {
    static_cast<std::vector<std::string>*>(op)->emplace_back(name);
    return 0;
  };
  check(H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, nullptr, cb, &names), "list attributes");
  return names;
}

Handle write_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& shape,
                     const double* data) {
  Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
               "make a dataspace for '" + name + "'");
  Handle dset(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT,
                         H5P_DEFAULT),
              H5Dclose, "create dataset '" + name + "'");
  check(H5Dwrite(dset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
        "write dataset '" + name + "'");
  return dset;
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  Handle t = vlen_string_type();
  const hsize_t n = values.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "make a dataspace for '" + name + "'");
  Handle dset(H5Dcreate2(parent, name.c_str(), t.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              H5Dclose, "create dataset '" + name + "'");
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  check(H5Dwrite(dset.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
        "write dataset '" + name + "'");
}

namespace {
enum class FieldKind { text, real, integer };

/// Memory and file compound types for `fields`, each 8 bytes (a char* or a number) in order.
std::pair<Handle, Handle> table_types(const std::vector<std::pair<std::string, FieldKind>>& fields) {
  static_assert(sizeof(char*) == 8 && sizeof(double) == 8 && sizeof(std::int64_t) == 8);
  const std::size_t size = 8 * std::max<std::size_t>(1, fields.size());
  Handle mem(H5Tcreate(H5T_COMPOUND, size), H5Tclose, "make a table type");
  Handle file(H5Tcreate(H5T_COMPOUND, size), H5Tclose, "make a table type");
  Handle text = vlen_string_type();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& [name, kind] = fields[i];
    const hid_t m = kind == FieldKind::text ? text.id() : kind == FieldKind::real ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT64;
    const hid_t f = kind == FieldKind::text ? text.id() : kind == FieldKind::real ? H5T_IEEE_F64LE : H5T_STD_I64LE;
    check(H5Tinsert(mem.id(), name.c_str(), 8 * i, m), "make a table type");
    check(H5Tinsert(file.id(), name.c_str(), 8 * i, f), "make a table type");
  }
  return {std::move(mem), std::move(file)};
}
}  // namespace

void write_table(hid_t parent, const std::string& name, const Table& table) {
  std::vector<std::pair<std::string, FieldKind>> fields;
  for (const auto& [col, values] : table.columns)
    fields.emplace_back(col, static_cast<FieldKind>(values.index()));
  auto [mem, file] = table_types(fields);
  const hsize_t n = table.rows();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "make a dataspace for '" + name + "'");
  Handle dset(H5Dcreate2(parent, name.c_str(), file.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              H5Dclose, "create dataset '" + name + "'");
  if (n == 0) return;
  const std::size_t width = fields.size();
  std::vector<unsigned char> rows(8 * width * n);
  for (std::size_t c = 0; c < width; ++c) {
    std::visit(
        [&](const auto& values) {
          if (values.size() != n) throw EngineError("table '" + name + "': columns of different lengths");
          for (std::size_t r = 0; r < n; ++r) {
            unsigned char* cell = rows.data() + 8 * (r * width + c);
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
              const char* p = values[r].c_str();
              std::memcpy(cell, &p, 8);
            } else {
              std::memcpy(cell, &values[r], 8);
            }
          }
        },
        table.columns[c].second);
  }
  check(H5Dwrite(dset.id(), mem.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()), "write dataset '" + name + "'");
}

Table read_table(hid_t parent, const std::string& name) {
  Handle dset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset '" + name + "'");
  Handle type(H5Dget_type(dset.id()), H5Tclose, "read the type of '" + name + "'");
  if (H5Tget_class(type.id()) != H5T_COMPOUND) throw EngineError("HDF5: '" + name + "' is not a table");
  const int members = H5Tget_nmembers(type.id());
  std::vector<std::pair<std::string, FieldKind>> fields;
  for (int i = 0; i < members; ++i) {
    char* member = H5Tget_member_name(type.id(), static_cast<unsigned>(i));
    std::string field = member ? member : "";
    H5free_memory(member);
    const H5T_class_t cls = H5Tget_member_class(type.id(), static_cast<unsigned>(i));
    if (cls == H5T_STRING) fields.emplace_back(field, FieldKind::text);
    else if (cls == H5T_FLOAT) fields.emplace_back(field, FieldKind::real);
    else if (cls == H5T_INTEGER) fields.emplace_back(field, FieldKind::integer);
    else throw EngineError("HDF5: field '" + field + "' of '" + name + "' is of a type homecare does not write");
  }
  auto [mem, file] = table_types(fields);
  Handle space(H5Dget_space(dset.id()), H5Sclose, "get the shape of '" + name + "'");
  const hssize_t npoints = H5Sget_simple_extent_npoints(space.id());
  const auto n = static_cast<std::size_t>(npoints > 0 ? npoints : 0);
  const std::size_t width = fields.size();
  std::vector<unsigned char> rows(8 * width * n);
  if (n > 0) check(H5Dread(dset.id(), mem.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()), "read dataset '" + name + "'");
  Table table;
  for (std::size_t c = 0; c < width; ++c) {
    Table::Column column;
    if (fields[c].second == FieldKind::text) column = std::vector<std::string>();
    else if (fields[c].second == FieldKind::real) column = std::vector<double>();
    else column = std::vector<std::int64_t>();
    std::visit(
        [&](auto& values) {
          using T = typename std::decay_t<decltype(values)>::value_type;
          for (std::size_t r = 0; r < n; ++r) {
            const unsigned char* cell = rows.data() + 8 * (r * width + c);
            if constexpr (std::is_same_v<T, std::string>) {
              char* p = nullptr;
              std::memcpy(&p, cell, 8);
              values.emplace_back(p ? p : "");
              H5free_memory(p);
            } else {
              T v{};
              std::memcpy(&v, cell, 8);
              values.push_back(v);
            }
          }
        },
        column);
    table.columns.emplace_back(fields[c].first, std::move(column));
  }
  return table;
}

std::vector<double> read_doubles(hid_t parent, const std::string& name, std::vector<hsize_t>* shape) {
  Handle dset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset '" + name + "'");
  Handle space(H5Dget_space(dset.id()), H5Sclose, "get the shape of '" + name + "'");
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank > 0 ? rank : 0));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
  hsize_t n = 1;
  for (auto d : dims) n *= d;
  std::vector<double> out(n);
  if (n > 0)
    check(H5Dread(dset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
          "read dataset '" + name + "'");
  if (shape) *shape = dims;
  return out;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle dset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset '" + name + "'");
  Handle space(H5Dget_space(dset.id()), H5Sclose, "get the shape of '" + name + "'");
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  std::vector<char*> ptrs(static_cast<std::size_t>(n > 0 ? n : 0), nullptr);
  Handle t = vlen_string_type();
  if (n > 0)
    check(H5Dread(dset.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
          "read dataset '" + name + "'");
  std::vector<std::string> out;
  for (char* p : ptrs) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

}  // namespace homecare::results::h5
