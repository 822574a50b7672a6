#pragma once
// What an export or `sfm` reads from a dataset folder written by split/run
// (pipeline/dataset_layout.h): the rig (rig.json, sizes resolved), the image format and mask
// settings recorded in job.json, the frames present in every view folder, and the COLMAP sparse
// model in DATASET/sparse/0 when there is one, checked against the rig.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "prep360/export/colmap_model.h"
#include "prep360/image/image_io.h"
#include "prep360/mask/mask_settings.h"
#include "prep360/rig/rig.h"

namespace prep360 {

struct DatasetContents {
  std::filesystem::path root;
  Rig rig;                    // from rig.json: every view has its size
  ImageFormat format = ImageFormat::kJpeg;
  MaskSettings mask;          // from job.json (defaults when the dataset has none)
  std::vector<std::string> frames;  // frame names present in every view folder, natural order

  std::filesystem::path ImagesDir() const { return root / "images"; }
  std::filesystem::path SparseDir() const { return root / "sparse" / "0"; }
  // "cam00/frame_000001.jpg": the image's name relative to images/ (COLMAP's image name).
  std::string ImageName(const std::string& view, const std::string& frame) const;
  std::filesystem::path ImagePath(const std::string& view, const std::string& frame) const;
  // The dataset's object mask of an image (masks/ in the recorded mask style; RealityScan style
  // beside the image), or an empty path when there is none on disk.
  std::filesystem::path ObjectMaskPath(const std::string& view, const std::string& frame) const;
  // Index of the view named `view` in the rig, or -1.
  int ViewIndex(const std::string& view) const;
};

// Reads DATASET. Throws Error "DATASET: problem" for a folder that is not a prep360 dataset (no
// rig.json, no images, a view folder missing).
DatasetContents ReadDatasetContents(const std::filesystem::path& root);

// The sparse model of the dataset (DATASET/sparse/0), checked against the rig: every image name
// is "<view>/<frame>.<ext>" of a rig view, and its camera has the view's size and PINHOLE
// intrinsics (relative difference below 1e-6). nullopt when there is no model; throws Error
// "DATASET/sparse/0: made with another rig (...)" when it does not match.
std::optional<ColmapModel> ReadDatasetModel(const DatasetContents& dataset);

// The same check on a model already read; `where` names it in the message.
void CheckModelMatchesRig(const ColmapModel& model, const DatasetContents& dataset, const std::string& where);

}  // namespace prep360
