#include "prep360/export/colmap_model.h"

#include <cstring>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "prep360/image/image_io.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

struct ModelInfo {
  const char* name;
  int id;
  int params;
};
constexpr ModelInfo kModels[] = {
    {"SIMPLE_PINHOLE", 0, 3}, {"PINHOLE", 1, 4},          {"SIMPLE_RADIAL", 2, 4},         {"RADIAL", 3, 5},
    {"OPENCV", 4, 8},         {"OPENCV_FISHEYE", 5, 8},   {"FULL_OPENCV", 6, 12},          {"FOV", 7, 5},
    {"SIMPLE_RADIAL_FISHEYE", 8, 4}, {"RADIAL_FISHEYE", 9, 5}, {"THIN_PRISM_FISHEYE", 10, 12}};

const ModelInfo* ModelByName(const std::string& name) {
  for (const ModelInfo& m : kModels) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

std::string ReadText(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  return std::string(bytes.begin(), bytes.end());
}

// The data lines of a COLMAP text file (comments and blank lines skipped, except that images.txt
// keeps blank POINTS2D lines: `keep_blank`), each with its 1-based line number.
std::vector<std::pair<int, std::string>> DataLines(const std::string& text, bool keep_blank) {
  std::vector<std::pair<int, std::string>> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '#') continue;
    if (line.find_first_not_of(" \t") == std::string::npos && !keep_blank) continue;
    out.emplace_back(number, line);
  }
  return out;
}

[[noreturn]] void BadLine(const fs::path& path, int line, const std::string& what) {
  throw FileError(path.string(), fmt::format("line {}: {}", line, what));
}

void ReadCamerasText(const fs::path& path, ColmapModel* model) {
  for (const auto& [number, line] : DataLines(ReadText(path), false)) {
    std::istringstream in(line);
    ColmapCamera c;
    if (!(in >> c.id >> c.model >> c.width >> c.height)) BadLine(path, number, "not CAMERA_ID MODEL WIDTH HEIGHT PARAMS[]");
    for (double v; in >> v;) c.params.push_back(v);
    const ModelInfo* info = ModelByName(c.model);
    if (info == nullptr) BadLine(path, number, "unknown camera model " + c.model);
    if (static_cast<int>(c.params.size()) != info->params) {
      BadLine(path, number, fmt::format("{} takes {} parameters, the line has {}", c.model, info->params, c.params.size()));
    }
    model->cameras[c.id] = std::move(c);
  }
}

void ReadImagesText(const fs::path& path, ColmapModel* model) {
  const auto lines = DataLines(ReadText(path), true);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& [number, line] = lines[i];
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // a stray blank line
    std::istringstream in(line);
    ColmapImage im;
    if (!(in >> im.id >> im.q.w >> im.q.x >> im.q.y >> im.q.z >> im.t.x >> im.t.y >> im.t.z >> im.camera_id)) {
      BadLine(path, number, "not IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME");
    }
    in >> std::ws;
    std::getline(in, im.name);
    if (im.name.empty()) BadLine(path, number, "image without a name");
    if (i + 1 < lines.size()) {  // the POINTS2D line (may be empty)
      std::istringstream pts(lines[++i].second);
      double x = 0, y = 0;
      long long id = 0;
      while (pts >> x >> y >> id) im.points2d.push_back({x, y, id < 0 ? kColmapNoPoint : static_cast<std::uint64_t>(id)});
    }
    model->images[im.id] = std::move(im);
  }
}

void ReadPoints3DText(const fs::path& path, ColmapModel* model) {
  for (const auto& [number, line] : DataLines(ReadText(path), false)) {
    std::istringstream in(line);
    ColmapPoint3D p;
    int r = 0, g = 0, b = 0;
    if (!(in >> p.id >> p.xyz.x >> p.xyz.y >> p.xyz.z >> r >> g >> b >> p.error)) {
      BadLine(path, number, "not POINT3D_ID X Y Z R G B ERROR TRACK[]");
    }
    p.rgb[0] = static_cast<std::uint8_t>(r), p.rgb[1] = static_cast<std::uint8_t>(g), p.rgb[2] = static_cast<std::uint8_t>(b);
    for (ColmapTrackElement e; in >> e.image_id >> e.point2d_idx;) p.track.push_back(e);
    model->points.push_back(std::move(p));
  }
}

// Little-endian reader over a whole file; every read checks the length.
class BinaryReader {
 public:
  explicit BinaryReader(const fs::path& path) : path_(path), bytes_(ReadFileBytes(path.string())) {}
  template <class T>
  T Get() {
    if (at_ + sizeof(T) > bytes_.size()) throw FileError(path_.string(), "truncated (not a COLMAP binary model file?)");
    T v;
    std::memcpy(&v, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string GetName() {
    std::string s;
    for (char c = Get<char>(); c != '\0'; c = Get<char>()) s += c;
    return s;
  }
  // A count that cannot exceed what is left in the file (each element at least `element_size`).
  std::uint64_t GetCount(std::size_t element_size) {
    const auto n = Get<std::uint64_t>();
    if (n > (bytes_.size() - at_) / element_size) throw FileError(path_.string(), "truncated or damaged (count too large)");
    return n;
  }
  bool AtEnd() const { return at_ == bytes_.size(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  std::vector<std::uint8_t> bytes_;
  std::size_t at_ = 0;
};

void CheckEnd(const BinaryReader& r) {
  if (!r.AtEnd()) throw FileError(r.path().string(), "unexpected bytes after the last record");
}

void ReadCamerasBinary(const fs::path& path, ColmapModel* model) {
  BinaryReader r(path);
  const std::uint64_t n = r.GetCount(24);
  for (std::uint64_t i = 0; i < n; ++i) {
    ColmapCamera c;
    c.id = r.Get<std::uint32_t>();
    const int model_id = r.Get<std::int32_t>();
    const ModelInfo* info = nullptr;
    for (const ModelInfo& m : kModels) info = m.id == model_id ? &m : info;
    if (info == nullptr) throw FileError(path.string(), fmt::format("camera {}: unknown model id {}", c.id, model_id));
    c.model = info->name;
    c.width = r.Get<std::uint64_t>();
    c.height = r.Get<std::uint64_t>();
    for (int k = 0; k < info->params; ++k) c.params.push_back(r.Get<double>());
    model->cameras[c.id] = std::move(c);
  }
  CheckEnd(r);
}

void ReadImagesBinary(const fs::path& path, ColmapModel* model) {
  BinaryReader r(path);
  const std::uint64_t n = r.GetCount(73);
  for (std::uint64_t i = 0; i < n; ++i) {
    ColmapImage im;
    im.id = r.Get<std::uint32_t>();
    im.q = {r.Get<double>(), r.Get<double>(), r.Get<double>(), r.Get<double>()};
    im.t = {r.Get<double>(), r.Get<double>(), r.Get<double>()};
    im.camera_id = r.Get<std::uint32_t>();
    im.name = r.GetName();
    const std::uint64_t points = r.GetCount(24);
    im.points2d.reserve(points);
    for (std::uint64_t k = 0; k < points; ++k) im.points2d.push_back({r.Get<double>(), r.Get<double>(), r.Get<std::uint64_t>()});
    model->images[im.id] = std::move(im);
  }
  CheckEnd(r);
}

void ReadPoints3DBinary(const fs::path& path, ColmapModel* model) {
  BinaryReader r(path);
  const std::uint64_t n = r.GetCount(51);
  model->points.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    ColmapPoint3D p;
    p.id = r.Get<std::uint64_t>();
    p.xyz = {r.Get<double>(), r.Get<double>(), r.Get<double>()};
    for (std::uint8_t& c : p.rgb) c = r.Get<std::uint8_t>();
    p.error = r.Get<double>();
    const std::uint64_t track = r.GetCount(8);
    p.track.reserve(track);
    for (std::uint64_t k = 0; k < track; ++k) p.track.push_back({r.Get<std::uint32_t>(), r.Get<std::uint32_t>()});
    model->points.push_back(std::move(p));
  }
  CheckEnd(r);
}

template <class T>
void Put(std::vector<std::uint8_t>* out, T v) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
  out->insert(out->end(), p, p + sizeof(T));
}

}  // namespace

Vec3 ColmapImage::Centre() const {
  const Mat3 rt = CamFromWorld().Transposed();
  return rt * t * -1.0;
}

double ColmapModel::MeanReprojectionError() const {
  double sum = 0;
  std::size_t n = 0;
  for (const ColmapPoint3D& p : points) {
    sum += p.error * static_cast<double>(p.track.size());
    n += p.track.size();
  }
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

int ColmapModelParamCount(const std::string& model) {
  const ModelInfo* info = ModelByName(model);
  return info == nullptr ? -1 : info->params;
}

bool HasColmapModel(const fs::path& dir) {
  std::error_code ec;
  auto all = [&](const char* ext) {
    for (const char* f : {"cameras", "images", "points3D"}) {
      if (!fs::is_regular_file(dir / (std::string(f) + ext), ec)) return false;
    }
    return true;
  };
  return all(".bin") || all(".txt");
}

ColmapModel ReadColmapModelText(const fs::path& dir) {
  ColmapModel m;
  ReadCamerasText(dir / "cameras.txt", &m);
  ReadImagesText(dir / "images.txt", &m);
  ReadPoints3DText(dir / "points3D.txt", &m);
  return m;
}

ColmapModel ReadColmapModelBinary(const fs::path& dir) {
  ColmapModel m;
  ReadCamerasBinary(dir / "cameras.bin", &m);
  ReadImagesBinary(dir / "images.bin", &m);
  ReadPoints3DBinary(dir / "points3D.bin", &m);
  return m;
}

ColmapModel ReadColmapModel(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir / "cameras.bin", ec) && fs::is_regular_file(dir / "images.bin", ec) &&
      fs::is_regular_file(dir / "points3D.bin", ec)) {
    return ReadColmapModelBinary(dir);
  }
  if (!fs::is_directory(dir, ec)) throw FileError(dir.string(), "no such folder (no COLMAP sparse model)");
  return ReadColmapModelText(dir);
}

std::string ColmapCamerasText(const ColmapModel& model) {
  std::string out = fmt::format(
      "# Camera list with one line of data per camera:\n"
      "#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n"
      "# Number of cameras: {}\n",
      model.cameras.size());
  for (const auto& [id, c] : model.cameras) {
    out += fmt::format("{} {} {} {}", id, c.model, c.width, c.height);
    for (double p : c.params) out += fmt::format(" {:.17g}", p);
    out += '\n';
  }
  return out;
}

std::string ColmapImagesText(const ColmapModel& model) {
  std::size_t observations = 0;
  for (const auto& [id, im] : model.images) {
    for (const ColmapPoint2D& p : im.points2d) observations += p.point3d_id != kColmapNoPoint;
  }
  const double mean = model.images.empty() ? 0.0 : static_cast<double>(observations) / static_cast<double>(model.images.size());
  std::string out = fmt::format(
      "# Image list with two lines of data per image:\n"
      "#   IMAGE_ID, QW, QX, QY, QZ, TX, TY, TZ, CAMERA_ID, NAME\n"
      "#   POINTS2D[] as (X, Y, POINT3D_ID)\n"
      "# Number of images: {}, mean observations per image: {}\n",
      model.images.size(), mean);
  for (const auto& [id, im] : model.images) {
    out += fmt::format("{} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {:.17g} {} {}\n", id, im.q.w, im.q.x, im.q.y,
                       im.q.z, im.t.x, im.t.y, im.t.z, im.camera_id, im.name);
    std::string pts;
    for (const ColmapPoint2D& p : im.points2d) {
      if (!pts.empty()) pts += ' ';
      if (p.point3d_id == kColmapNoPoint) {
        pts += fmt::format("{:.17g} {:.17g} -1", p.x, p.y);
      } else {
        pts += fmt::format("{:.17g} {:.17g} {}", p.x, p.y, p.point3d_id);
      }
    }
    out += pts + '\n';
  }
  return out;
}

std::string ColmapPoints3DText(const ColmapModel& model) {
  std::string out = fmt::format(
      "# 3D point list with one line of data per point:\n"
      "#   POINT3D_ID, X, Y, Z, R, G, B, ERROR, TRACK[] as (IMAGE_ID, POINT2D_IDX)\n"
      "# Number of points: {}, mean track length: {}\n",
      model.points.size(), 0);
  for (const ColmapPoint3D& p : model.points) {
    out += fmt::format("{} {:.17g} {:.17g} {:.17g} {} {} {} {:.17g}", p.id, p.xyz.x, p.xyz.y, p.xyz.z, p.rgb[0], p.rgb[1],
                       p.rgb[2], p.error);
    for (const ColmapTrackElement& e : p.track) out += fmt::format(" {} {}", e.image_id, e.point2d_idx);
    out += '\n';
  }
  return out;
}

void WriteColmapModelText(const ColmapModel& model, const fs::path& dir) {
  WriteTextFileAtomic((dir / "cameras.txt").string(), ColmapCamerasText(model));
  WriteTextFileAtomic((dir / "images.txt").string(), ColmapImagesText(model));
  WriteTextFileAtomic((dir / "points3D.txt").string(), ColmapPoints3DText(model));
}

void WriteColmapModelBinary(const ColmapModel& model, const fs::path& dir) {
  std::vector<std::uint8_t> cams, ims, pts;
  Put<std::uint64_t>(&cams, model.cameras.size());
  for (const auto& [id, c] : model.cameras) {
    const ModelInfo* info = ModelByName(c.model);
    Put<std::uint32_t>(&cams, id);
    Put<std::int32_t>(&cams, info == nullptr ? -1 : info->id);
    Put<std::uint64_t>(&cams, c.width);
    Put<std::uint64_t>(&cams, c.height);
    for (double p : c.params) Put<double>(&cams, p);
  }
  Put<std::uint64_t>(&ims, model.images.size());
  for (const auto& [id, im] : model.images) {
    Put<std::uint32_t>(&ims, id);
    for (double v : {im.q.w, im.q.x, im.q.y, im.q.z, im.t.x, im.t.y, im.t.z}) Put<double>(&ims, v);
    Put<std::uint32_t>(&ims, im.camera_id);
    ims.insert(ims.end(), im.name.begin(), im.name.end());
    ims.push_back(0);
    Put<std::uint64_t>(&ims, im.points2d.size());
    for (const ColmapPoint2D& p : im.points2d) {
      Put<double>(&ims, p.x), Put<double>(&ims, p.y), Put<std::uint64_t>(&ims, p.point3d_id);
    }
  }
  Put<std::uint64_t>(&pts, model.points.size());
  for (const ColmapPoint3D& p : model.points) {
    Put<std::uint64_t>(&pts, p.id);
    for (double v : {p.xyz.x, p.xyz.y, p.xyz.z}) Put<double>(&pts, v);
    for (std::uint8_t c : p.rgb) Put<std::uint8_t>(&pts, c);
    Put<double>(&pts, p.error);
    Put<std::uint64_t>(&pts, p.track.size());
    for (const ColmapTrackElement& e : p.track) Put<std::uint32_t>(&pts, e.image_id), Put<std::uint32_t>(&pts, e.point2d_idx);
  }
  WriteFileAtomic((dir / "cameras.bin").string(), cams);
  WriteFileAtomic((dir / "images.bin").string(), ims);
  WriteFileAtomic((dir / "points3D.bin").string(), pts);
}

}  // namespace prep360
