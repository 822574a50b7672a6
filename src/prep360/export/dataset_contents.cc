#include "prep360/export/dataset_contents.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "prep360/job/job_document.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/rig/rig_json.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

std::string ReadText(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  return std::string(bytes.begin(), bytes.end());
}

// Frame names (file stems) of the images of one view folder; RealityScan mask layers
// (<image>.mask.png) that sit beside PNG images are not images.
std::set<std::string> FramesOf(const fs::path& dir, ImageFormat format) {
  std::set<std::string> frames;
  const std::string ext = std::string(".") + FormatExtension(format);
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    const bool mask_layer = name.size() > 9 && name.compare(name.size() - 9, 9, ".mask.png") == 0;
    if (p.extension() == ext && !mask_layer && it->is_regular_file(ec)) frames.insert(p.stem().string());
  }
  return frames;
}

bool Near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

}  // namespace

std::string DatasetContents::ImageName(const std::string& view, const std::string& frame) const {
  return view + "/" + frame + "." + FormatExtension(format);
}

fs::path DatasetContents::ImagePath(const std::string& view, const std::string& frame) const {
  return ImagesDir() / view / (frame + "." + FormatExtension(format));
}

fs::path DatasetContents::ObjectMaskPath(const std::string& view, const std::string& frame) const {
  const DatasetLayout layout(root, format, mask.style, DatasetLayout::Equirect::kNone);
  const fs::path p = layout.ObjectMask(view, frame);
  std::error_code ec;
  return fs::is_regular_file(p, ec) ? p : fs::path();
}

int DatasetContents::ViewIndex(const std::string& view) const {
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    if (rig.views[i].name == view) return static_cast<int>(i);
  }
  return -1;
}

DatasetContents ReadDatasetContents(const fs::path& root) {
  DatasetContents d;
  d.root = root;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw FileError(root.string(), "no such dataset folder");
  if (!fs::is_regular_file(root / "rig.json", ec)) {
    throw FileError(root.string(), "not a prep360 dataset (no rig.json; make one with prep360 split or run)");
  }
  d.rig = ReadRigJson((root / "rig.json").string());
  for (const View& v : d.rig.views) {
    if (v.width <= 0 || v.height <= 0) throw FileError((root / "rig.json").string(), "view " + v.name + " has no size");
  }
  if (fs::is_regular_file(root / "job.json", ec)) {
    const JobDocument job = ParseJobDocument(ReadText(root / "job.json"), (root / "job.json").string(), false);
    d.format = job.encode.format;
    d.mask = job.mask;
  }
  std::set<std::string> common;
  for (std::size_t i = 0; i < d.rig.views.size(); ++i) {
    const fs::path dir = d.ImagesDir() / d.rig.views[i].name;
    if (!fs::is_directory(dir, ec)) throw FileError(dir.string(), "missing: the dataset has no images of this rig view");
    const std::set<std::string> frames = FramesOf(dir, d.format);
    if (i == 0) {
      common = frames;
    } else {
      std::set<std::string> both;
      std::set_intersection(common.begin(), common.end(), frames.begin(), frames.end(), std::inserter(both, both.end()));
      common = std::move(both);
    }
  }
  d.frames.assign(common.begin(), common.end());
  std::sort(d.frames.begin(), d.frames.end(), NaturalLess);
  if (d.frames.empty()) throw FileError(d.ImagesDir().string(), "no frame has an image in every view folder");
  return d;
}

void CheckModelMatchesRig(const ColmapModel& model, const DatasetContents& dataset, const std::string& where) {
  auto refuse = [&](const std::string& why) {
    throw FileError(where, "made with another rig (" + why + "); run prep360 sfm on this dataset again");
  };
  for (const auto& [id, im] : model.images) {
    const std::size_t slash = im.name.find('/');
    const int view = slash == std::string::npos ? -1 : dataset.ViewIndex(im.name.substr(0, slash));
    if (view < 0) refuse("image " + im.name + " is in no view folder of rig.json");
    const auto cam = model.cameras.find(im.camera_id);
    if (cam == model.cameras.end()) throw FileError(where, fmt::format("image {} has no camera {}", im.name, im.camera_id));
    const ColmapCamera& c = cam->second;
    const Pinhole p = dataset.rig.views[static_cast<std::size_t>(view)].Camera();
    const bool same = c.model == "PINHOLE" && c.width == static_cast<std::uint64_t>(p.width) &&
                      c.height == static_cast<std::uint64_t>(p.height) && Near(c.params[0], p.fx) &&
                      Near(c.params[1], p.fy) && Near(c.params[2], p.cx) && Near(c.params[3], p.cy);
    if (!same) {
      refuse(fmt::format("camera {} of {} is {} {}x{} {}, view {} is PINHOLE {}x{} fx {}", c.id, im.name, c.model, c.width,
                         c.height, c.params.empty() ? 0.0 : c.params[0], im.name.substr(0, slash), p.width, p.height, p.fx));
    }
  }
}

std::optional<ColmapModel> ReadDatasetModel(const DatasetContents& dataset) {
  if (!HasColmapModel(dataset.SparseDir())) return std::nullopt;
  ColmapModel model = ReadColmapModel(dataset.SparseDir());
  CheckModelMatchesRig(model, dataset, dataset.SparseDir().string());
  return model;
}

}  // namespace prep360
