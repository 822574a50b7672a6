#pragma once
// The models prep360 knows by name, installed by scripts/install_models (bootstrap) from npm
// packages pinned in scripts/models.lock. Wherever a command takes a model, it takes either a
// registry name ("face") or a path to an ONNX file.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace prep360 {

struct RegistryModel {
  std::string_view name;         // "face"
  std::string_view task;         // "face-detection", "text-detection", ...
  std::string_view file;         // relative to the models folder: "blazeface/face_detection_back_256x256_barracuda.onnx"
  std::string_view companion;    // a second file the model needs (OCR dictionary), or empty
  std::string_view input;        // "1x256x256x3 RGB, NHWC"
  std::string_view package;      // npm package@version it comes from
  std::string_view licence;      // SPDX id
  std::string_view description;  // one line
  // The same network rewritten by scripts/install_models (a `derive` line of scripts/models.lock:
  // scripts/fuse_ocr_model folds constant affine and hard-swish nodes), or empty. When installed,
  // the registry name resolves to it; `prep360 models install` does not make it.
  std::string_view fused;
};

std::span<const RegistryModel> RegistryModels();
const RegistryModel* FindRegistryModel(std::string_view name);  // nullptr if not a registry name

// Where registry models live: $PREP360_MODELS_DIR; else share/prep360/models beside an installed
// binary (<exe>/../share/prep360/models) when it exists; else the user's models folder
// (UserModelsDir) when it exists; else the source tree's .deps/models.
std::filesystem::path ModelsDir();

// ($XDG_DATA_HOME, else $HOME/.local/share)/prep360/models: where `prep360 models install` puts
// models for an installed prep360.
std::filesystem::path UserModelsDir();

// The installed path of a registry model's file or companion (`file` is one of the two); empty if
// not installed or not one of the model's files.
std::filesystem::path InstalledPath(const RegistryModel& model, std::string_view file);

// A registry name becomes its installed file (its fused file when that is installed); anything else is taken as a path and returned
// unchanged. Throws Error naming the model, the folder searched and `scripts/bootstrap` when a
// registry model is not installed.
std::string ResolveModel(const std::string& name_or_path);

}  // namespace prep360
