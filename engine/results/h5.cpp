// HDF5 helpers: create, write and read the few object kinds the results file uses.
#include "results/h5.hpp"

#include <mutex>
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
  auto cb = [](hid_t, const char* name, const H5L_info_t*, void* op) -> herr_t {
    static_cast<std::vector<std::string>*>(op)->emplace_back(name);
    return 0;
  };
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, cb, &names), "list a group");
  return names;
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
