#pragma once
// The dataset on disk: every output path, the per-tool mask naming, folder creation, stale
// temp-file cleanup, and the checks before a job writes into a folder that already holds one.
//
//   OUT/images/<view>/<frame>.<ext>        the views (split, run)
//   OUT/masks/<view>/<mask file>           object masks, named by the mask style; RealityScan's
//   OUT/images/<view>/<frame>.<ext>.mask.png   sit beside the images
//   OUT/sfm_masks/<view>/<frame>.<ext>.png SfM ownership masks (COLMAP naming)
//   OUT/equirect/<frame>.<ext>             run with keep_equirect; extract writes OUT/<frame>.<ext>
//   OUT/rig.json, OUT/rig_config.json, OUT/cameras.txt   the rig (split, run)
//   OUT/job.json                           the job document that made the dataset
//   OUT/report.json                        counts, timing, frames
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/mask/mask_settings.h"
#include "prep360/pipeline/dataset_settings.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class DatasetLayout {
 public:
  enum class Equirect { kNone, kSubfolder, kRoot };  // where equirect frames go

  DatasetLayout(std::filesystem::path root, ImageFormat format, MaskStyle mask_style, Equirect equirect);

  const std::filesystem::path& root() const { return root_; }
  ImageFormat format() const { return format_; }
  bool has_equirect() const { return equirect_ != Equirect::kNone; }

  std::filesystem::path ViewImage(const std::string& view, const std::string& frame) const;
  std::filesystem::path ObjectMask(const std::string& view, const std::string& frame) const;
  std::filesystem::path SfmMask(const std::string& view, const std::string& frame) const;
  std::filesystem::path EquirectFrame(const std::string& frame) const;
  std::filesystem::path EquirectDir() const;
  std::filesystem::path RigFile() const { return root_ / "rig.json"; }
  std::filesystem::path JobFile() const { return root_ / "job.json"; }
  std::filesystem::path ReportFile() const { return root_ / "report.json"; }

  // Before anything is written. With dataset.overwrite, removes the dataset's own files first
  // (never anything else in the folder). Otherwise refuses (throws Error naming the folder and
  // the first setting that differs) a folder holding a dataset made with other settings: its
  // job.json differs from `job` outside inputs, output, dataset and runtime, or, for a dataset
  // without job.json, its rig.json differs from `rig_json`. Then creates the folders and removes
  // temp files a killed run left behind (unless remove_stale_temps is false: shards running side
  // by side; `prep360 merge` removes them).
  void Prepare(const nlohmann::ordered_json& job, const Rig& rig, const std::string& rig_json,
               const MaskSettings& masks, const DatasetSettings& dataset, bool remove_stale_temps = true) const;

 private:
  void CheckSameSettings(const nlohmann::ordered_json& job, const std::string& rig_json) const;
  void RemoveDatasetFiles() const;

  std::filesystem::path root_;
  ImageFormat format_;
  MaskStyle mask_style_;
  Equirect equirect_;
};

// The mask command's path for the mask of image `image_rel` (relative to the images folder).
std::filesystem::path MaskPathFor(const std::filesystem::path& masks_dir, MaskStyle style,
                                  const std::string& image_rel);

}  // namespace prep360
