#pragma once
// `prep360 export`: a dataset (split/run output, optionally with DATASET/sparse/0 from
// `prep360 sfm`) written for one target tool (docs/export.md). Where each target writes, unless
// `output` is given:
//   realityscan  DATASET/images/<view>/: <frame>.xmp and <frame>.<ext>.mask.png beside each
//                image. With `output`: the images are linked (hard link, else copied) into
//                OUTPUT/<view>/ with their sidecars.
//   metashape    DATASET/metashape/: calibration_<W>x<H>.xml, import_rig.py, masks/<view>/<stem>_mask.png
//   nerfstudio   DATASET/: transforms.json, sparse_pc.ply, masks/<view>/<stem>.png. Needs the
//                sparse model. Images are referenced where they are (paths relative to the
//                transforms.json folder) unless `copy`, which copies them to OUTPUT/images/.
//   colmap       DATASET/colmap_export/: rig_config.json, cameras.txt (the rig), masks/ in
//                COLMAP's naming, and sparse/0/{cameras,images,points3D}.txt when there is a
//                sparse model.
#include <filesystem>
#include <string>
#include <vector>

#include "prep360/util/enum_names.h"

namespace prep360 {

enum class ExportTarget { kRealityScan, kMetashape, kNerfstudio, kColmap };
inline constexpr EnumName<ExportTarget> kExportTargetNames[] = {
    {"realityscan", ExportTarget::kRealityScan, "RealityScan / RealityCapture XMP sidecars"},
    {"metashape", ExportTarget::kMetashape, "Metashape calibration XML + multi-camera import script"},
    {"nerfstudio", ExportTarget::kNerfstudio, "transforms.json for nerfstudio, gsplat, Brush, LichtFeld (needs sfm)"},
    {"colmap", ExportTarget::kColmap, "COLMAP rig files and the sparse model as text"}};
template <>
struct EnumNames<ExportTarget> {
  static constexpr std::span<const EnumName<ExportTarget>> table{kExportTargetNames};
};

// Parses one target name; throws Error naming the valid choices otherwise.
ExportTarget ParseExportTarget(const std::string& name);

struct ExportOptions {
  std::filesystem::path output;  // empty: the target's default place (above)
  bool copy = false;             // nerfstudio: copy the images next to transforms.json
};

struct ExportSummary {
  std::filesystem::path output;  // where the export went
  std::int64_t images = 0;       // images exported
  std::int64_t masks = 0;        // mask files written
  bool poses = false;            // camera poses from a sparse model were written
};

// Exports `dataset` for `target`. Throws Error "FILE: problem" (e.g. nerfstudio without a sparse
// model: "DATASET/sparse/0: no sparse model; run prep360 sfm DATASET first").
ExportSummary ExportDataset(const std::filesystem::path& dataset, ExportTarget target, const ExportOptions& options);

// The job document's dataset.export list (split/run): every name a target, nerfstudio refused (it
// needs a sparse model, which only `prep360 sfm` makes), none for extract. Throws Error
// "/dataset/export: ...".
void CheckSplitExports(const std::vector<std::string>& names, bool is_extract);

// Runs the exports of dataset.export on a finished split/run dataset; one summary line each.
std::vector<std::string> RunSplitExports(const std::filesystem::path& dataset, const std::vector<std::string>& names);

// One line for the terminal: "realityscan: 36 images, 12 masks -> DIR (poses from sparse/0)".
std::string FormatExportSummary(ExportTarget target, const ExportSummary& summary);

}  // namespace prep360
