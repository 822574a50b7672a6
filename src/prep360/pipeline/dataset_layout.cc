#include "prep360/pipeline/dataset_layout.h"

#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

std::string FileName(const std::string& frame, ImageFormat format) {
  return frame + "." + FormatExtension(format);
}

void CreateFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw FileError(dir.string(), "cannot create the output folder: " + ec.message());
}

// Removes temp files left by a run that was killed hard (a clean stop never leaves any).
void RemoveStaleTemps(const fs::path& dir, bool recursive) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  auto remove_if_temp = [](const fs::directory_entry& e) {
    std::error_code ignored;
    if (e.is_regular_file(ignored) && IsTempFileName(e.path().filename().string())) fs::remove(e.path(), ignored);
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      remove_if_temp(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      remove_if_temp(*it);
    }
  }
}

std::string ReadText(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  return std::string(bytes.begin(), bytes.end());
}

// The first JSON pointer where a and b differ ("" when equal), and the two values there.
std::string FirstDifference(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b, std::string* va,
                            std::string* vb) {
  const nlohmann::json patch = nlohmann::json::diff(nlohmann::json(a), nlohmann::json(b));
  if (patch.empty()) return "";
  const std::string path = patch.front().at("path").get_ref<const std::string&>();  // diff always sets it
  const nlohmann::json::json_pointer pointer(path);
  const nlohmann::json ja(a), jb(b);
  *va = ja.contains(pointer) ? ja.at(pointer).dump() : "(absent)";
  *vb = jb.contains(pointer) ? jb.at(pointer).dump() : "(absent)";
  return path;
}

// What shapes the dataset's files: the document without inputs, output, dataset and runtime.
nlohmann::ordered_json ShapingPart(nlohmann::ordered_json job) {
  for (const char* key : {"inputs", "output", "dataset", "runtime"}) job.erase(key);
  return job;
}

// A frame extract writes, in any of the output formats.
bool IsExtractFrame(const fs::path& p) {
  const std::string name = p.filename().string();
  const std::string ext = p.extension().string();
  return name.rfind("frame_", 0) == 0 && (ext == ".jpg" || ext == ".png" || ext == ".tif");
}

}  // namespace

DatasetLayout::DatasetLayout(fs::path root, ImageFormat format, MaskStyle mask_style, Equirect equirect)
    : root_(std::move(root)), format_(format), mask_style_(mask_style), equirect_(equirect) {}

fs::path DatasetLayout::ViewImage(const std::string& view, const std::string& frame) const {
  return root_ / "images" / view / FileName(frame, format_);
}

fs::path DatasetLayout::ObjectMask(const std::string& view, const std::string& frame) const {
  const std::string image = view + "/" + FileName(frame, format_);
  return root_ / (mask_style_ == MaskStyle::kRealityScan ? "images" : "masks") / MaskRelativePath(mask_style_, image);
}

fs::path DatasetLayout::SfmMask(const std::string& view, const std::string& frame) const {
  return root_ / "sfm_masks" / MaskRelativePath(MaskStyle::kColmap, view + "/" + FileName(frame, format_));
}

fs::path DatasetLayout::EquirectDir() const { return equirect_ == Equirect::kSubfolder ? root_ / "equirect" : root_; }

fs::path DatasetLayout::EquirectFrame(const std::string& frame) const { return EquirectDir() / FileName(frame, format_); }

void DatasetLayout::CheckSameSettings(const nlohmann::ordered_json& job, const std::string& rig_json) const {
  std::error_code ec;
  std::string was, now, where;
  if (fs::exists(JobFile(), ec)) {
    nlohmann::ordered_json previous;
    try {
      previous = nlohmann::ordered_json::parse(ReadText(JobFile()));
    } catch (const nlohmann::json::exception&) {
      throw FileError(JobFile().string(), "not a job document (damaged?); remove it or set /dataset/overwrite");
    }
    where = FirstDifference(ShapingPart(previous), ShapingPart(job), &was, &now);
  }
  // A rig file may change under the same name, so the rig itself is compared too.
  if (where.empty() && !rig_json.empty() && fs::exists(RigFile(), ec) && ReadText(RigFile()) != rig_json) {
    where = "/rig";
    was = "another rig, field of view or size";
    now = "this one";
  }
  if (where.empty()) return;
  throw FileError(root_.string(), fmt::format("holds a dataset made with other settings ({} was {}, now {}); "
                                              "write to another folder, or set /dataset/overwrite to replace it",
                                              where, was, now));
}

void DatasetLayout::RemoveDatasetFiles() const {
  std::error_code ec;
  for (const char* dir : {"images", "masks", "sfm_masks", "equirect"}) fs::remove_all(root_ / dir, ec);
  for (const char* file : {"rig.json", "rig_config.json", "cameras.txt", "report.json", "job.json"}) {
    fs::remove(root_ / file, ec);
  }
  if (equirect_ == Equirect::kRoot) {
    for (auto it = fs::directory_iterator(root_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code ignored;
      if (it->is_regular_file(ignored) && IsExtractFrame(it->path())) fs::remove(it->path(), ignored);
    }
  }
}

void DatasetLayout::Prepare(const nlohmann::ordered_json& job, const Rig& rig, const std::string& rig_json,
                            const MaskSettings& masks, const DatasetSettings& dataset, bool remove_stale_temps) const {
  std::error_code ec;
  if (dataset.overwrite) {
    RemoveDatasetFiles();
  } else if (fs::is_directory(root_, ec)) {
    CheckSameSettings(job, rig_json);
  }
  CreateFolder(root_);
  if (has_equirect()) {
    CreateFolder(EquirectDir());
    if (remove_stale_temps) RemoveStaleTemps(EquirectDir(), false);
  }
  if (rig.views.empty()) return;
  if (remove_stale_temps) RemoveStaleTemps(root_ / "images", true);
  for (const View& v : rig.views) {
    CreateFolder(root_ / "images" / v.name);
    if (masks.ObjectMasks()) CreateFolder(ObjectMask(v.name, "f").parent_path());
    if (masks.ownership) CreateFolder(SfmMask(v.name, "f").parent_path());
  }
  if (!remove_stale_temps) return;
  if (masks.ObjectMasks()) RemoveStaleTemps(root_ / "masks", true);
  if (masks.ownership) RemoveStaleTemps(root_ / "sfm_masks", true);
}

fs::path MaskPathFor(const fs::path& masks_dir, MaskStyle style, const std::string& image_rel) {
  return masks_dir / MaskRelativePath(style, image_rel);
}

}  // namespace prep360
