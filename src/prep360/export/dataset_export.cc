#include "prep360/export/dataset_export.h"

#include <map>
#include <optional>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>

#include "prep360/export/colmap_model.h"
#include "prep360/export/colmap_rig.h"
#include "prep360/export/dataset_contents.h"
#include "prep360/export/frame_poses.h"
#include "prep360/export/metashape.h"
#include "prep360/export/nerfstudio_transforms.h"
#include "prep360/export/realityscan_xmp.h"
#include "prep360/image/image_io.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

void CreateFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw FileError(dir.string(), "cannot create the folder: " + ec.message());
}

std::string Slashes(const fs::path& p) { return p.generic_string(); }

// `dst` becomes `src`'s bytes: a hard link when both are on one file system, else a copy; made
// under a temp name and renamed, so `dst` is never half written.
void LinkOrCopy(const fs::path& src, const fs::path& dst) {
  std::error_code ec;
  if (fs::equivalent(src, dst, ec)) return;
  const fs::path tmp = dst.string() + fmt::format(".tmp.{}.link", getpid());
  fs::remove(tmp, ec);
  fs::create_hard_link(src, tmp, ec);
  if (ec) {
    ec.clear();
    fs::copy_file(src, tmp, fs::copy_options::overwrite_existing, ec);
  }
  if (!ec) fs::rename(tmp, dst, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw FileError(dst.string(), "cannot write: " + ec.message());
  }
}

// Writes the mask of one image to `dst` (1 channel PNG, 0 = ignore, 255 = keep): the dataset's
// own mask file when there is one, else (when `empty_too`) an all-255 mask. False when nothing
// was written.
bool ExportMask(const DatasetContents& d, const View& view, const std::string& frame, const fs::path& dst,
                bool empty_too) {
  const fs::path src = d.ObjectMaskPath(view.name, frame);
  CreateFolder(dst.parent_path());
  if (!src.empty()) {
    LinkOrCopy(src, dst);
    return true;
  }
  if (!empty_too) return false;
  Image keep(view.width, view.height, 1, 1);
  keep.Fill(255);
  WriteFileAtomic(dst.string(), EncodeImage(keep, ImageFormat::kPng, EncodeOptions{}));
  return true;
}

// The image's path relative to transforms.json's folder, '/' separated.
std::string RelativeTo(const fs::path& target, const fs::path& base) {
  return Slashes(fs::proximate(fs::absolute(target), fs::absolute(base)));
}

ExportSummary ExportRealityScan(const DatasetContents& d, const fs::path& out) {
  ExportSummary s{out, 0, 0, false};
  const std::optional<ColmapModel> model = ReadDatasetModel(d);
  const std::vector<std::optional<FramePose>> poses =
      model ? FramePosesFromModel(*model, d) : std::vector<std::optional<FramePose>>(d.frames.size());
  s.poses = model.has_value();
  const bool in_place = fs::weakly_canonical(out) == fs::weakly_canonical(d.ImagesDir());
  const Mat3 rs_from_pano = RealityScanFromPano();
  const std::string rig_guid = GuidFromKey("rig:" + d.rig.name);
  for (std::size_t f = 0; f < d.frames.size(); ++f) {
    const std::string& frame = d.frames[f];
    for (std::size_t v = 0; v < d.rig.views.size(); ++v) {
      const View& view = d.rig.views[v];
      const fs::path dir = out / view.name;
      const std::string image_file = frame + "." + FormatExtension(d.format);
      CreateFolder(dir);
      if (!in_place) LinkOrCopy(d.ImagePath(view.name, frame), dir / image_file);
      RealityScanXmp x;
      x.camera = view.Camera();
      x.calibration_group = static_cast<int>(v) + 1;
      x.rig_guid = rig_guid;
      x.rig_instance_guid = GuidFromKey("frame:" + d.rig.name + "/" + frame);
      x.rig_pose_index = static_cast<int>(v);
      RealityScanPose pose;
      if (poses[f]) {  // world = the model's world; every view of the frame shares its centre
        pose.cam_from_world = view.CamFromPano() * poses[f]->pano_from_world * rs_from_pano.Transposed();
        pose.centre = rs_from_pano * poses[f]->centre;
      } else {  // world = the panorama's own frame (level, forward = north): rotation only
        pose.cam_from_world = view.CamFromPano() * rs_from_pano.Transposed();
      }
      x.pose = pose;
      WriteTextFileAtomic((dir / (frame + ".xmp")).string(), RealityScanXmpText(x));
      s.masks += ExportMask(d, view, frame, dir / (image_file + ".mask.png"), false);
      ++s.images;
    }
  }
  return s;
}

ExportSummary ExportMetashape(const DatasetContents& d, const fs::path& out) {
  ExportSummary s{out, 0, 0, false};
  CreateFolder(out);
  for (std::size_t v = 0; v < d.rig.views.size(); ++v) {
    WriteTextFileAtomic((out / MetashapeCalibrationName(d.rig, v)).string(),
                        MetashapeCalibrationXml(d.rig.views[v].Camera()));
  }
  const bool masks = d.mask.ObjectMasks();
  for (const std::string& frame : d.frames) {
    for (const View& view : d.rig.views) {
      if (masks) s.masks += ExportMask(d, view, frame, out / "masks" / view.name / (frame + "_mask.png"), true);
      ++s.images;
    }
  }
  MetashapeScriptInput in{d.rig, d.frames, FormatExtension(d.format), RelativeTo(d.ImagesDir(), out), masks};
  WriteTextFileAtomic((out / "import_rig.py").string(), MetashapeImportScript(in));
  return s;
}

ExportSummary ExportNerfstudio(const DatasetContents& d, const fs::path& out, bool copy) {
  const std::optional<ColmapModel> model = ReadDatasetModel(d);
  if (!model) {
    throw FileError(d.SparseDir().string(), "no sparse model, which nerfstudio needs for the camera poses; run prep360 sfm " +
                                                d.root.string() + " first");
  }
  ExportSummary s{out, 0, 0, true};
  CreateFolder(out);
  std::map<std::string, const ColmapImage*> by_name;
  for (const auto& [id, im] : model->images) by_name[im.name] = &im;
  const bool masks = d.mask.ObjectMasks();
  std::vector<NerfstudioFrame> frames;
  for (const std::string& frame : d.frames) {
    for (const View& view : d.rig.views) {
      const auto it = by_name.find(d.ImageName(view.name, frame));
      if (it == by_name.end()) continue;  // not registered: no pose
      NerfstudioFrame f{it->second, view.Camera(), "", ""};
      fs::path image = d.ImagePath(view.name, frame);
      if (copy) {
        const fs::path dst = out / "images" / view.name / image.filename();
        CreateFolder(dst.parent_path());
        LinkOrCopy(image, dst);
        image = dst;
      }
      f.file_path = RelativeTo(image, out);
      if (masks) {
        const fs::path mask = out / "masks" / view.name / (frame + ".png");
        s.masks += ExportMask(d, view, frame, mask, true);
        f.mask_path = RelativeTo(mask, out);
      }
      frames.push_back(f);
      ++s.images;
    }
  }
  WriteTextFileAtomic((out / "sparse_pc.ply").string(), NerfstudioSparsePly(*model));
  WriteTextFileAtomic((out / "transforms.json").string(), NerfstudioTransformsJson(frames, true));
  return s;
}

ExportSummary ExportColmap(const DatasetContents& d, const fs::path& out) {
  ExportSummary s{out, 0, 0, false};
  CreateFolder(out);
  WriteColmapRigExport(out.string(), d.rig);
  const bool masks = d.mask.ObjectMasks();
  for (const std::string& frame : d.frames) {
    for (const View& view : d.rig.views) {
      if (masks) s.masks += ExportMask(d, view, frame, out / "masks" / (d.ImageName(view.name, frame) + ".png"), true);
      ++s.images;
    }
  }
  if (const std::optional<ColmapModel> model = ReadDatasetModel(d)) {
    CreateFolder(out / "sparse" / "0");
    WriteColmapModelText(*model, out / "sparse" / "0");
    s.poses = true;
  }
  return s;
}

fs::path DefaultOutput(const DatasetContents& d, ExportTarget target) {
  switch (target) {
    case ExportTarget::kRealityScan: return d.ImagesDir();
    case ExportTarget::kMetashape: return d.root / "metashape";
    case ExportTarget::kNerfstudio: return d.root;
    case ExportTarget::kColmap: return d.root / "colmap_export";
  }
  return d.root;
}

}  // namespace

ExportTarget ParseExportTarget(const std::string& name) { return ParseName<ExportTarget>(name, "export target"); }

ExportSummary ExportDataset(const fs::path& dataset, ExportTarget target, const ExportOptions& options) {
  const DatasetContents d = ReadDatasetContents(dataset);
  const fs::path out = options.output.empty() ? DefaultOutput(d, target) : options.output;
  switch (target) {
    case ExportTarget::kRealityScan: return ExportRealityScan(d, out);
    case ExportTarget::kMetashape: return ExportMetashape(d, out);
    case ExportTarget::kNerfstudio: return ExportNerfstudio(d, out, options.copy);
    case ExportTarget::kColmap: return ExportColmap(d, out);
  }
  return {};
}

void CheckSplitExports(const std::vector<std::string>& names, bool is_extract) {
  if (!names.empty() && is_extract) throw Error("/dataset/export: extract writes no views to export");
  for (const std::string& name : names) {
    ExportTarget target{};
    if (!LookupName(name, &target)) {
      throw Error("/dataset/export: unknown value '" + name + "' (" + ChoiceList<ExportTarget>() + ")");
    }
    if (target == ExportTarget::kNerfstudio) {
      throw Error("/dataset/export: nerfstudio needs camera poses: run prep360 sfm on the dataset, then prep360 export");
    }
  }
}

std::vector<std::string> RunSplitExports(const fs::path& dataset, const std::vector<std::string>& names) {
  std::vector<std::string> lines;
  for (const std::string& name : names) {
    const ExportTarget target = ParseExportTarget(name);
    lines.push_back(FormatExportSummary(target, ExportDataset(dataset, target, ExportOptions{})));
  }
  return lines;
}

std::string FormatExportSummary(ExportTarget target, const ExportSummary& s) {
  return fmt::format("{}: {} images, {} masks -> {}{}", NameOf(target), s.images, s.masks, s.output.string(),
                     s.poses ? " (poses from sparse/0)" : "");
}

}  // namespace prep360
