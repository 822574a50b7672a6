#pragma once
// The "detect" group of the job document: the model that finds objects, and how its output is
// filtered.
#include <cstdint>
#include <string>
#include <vector>

#include "prep360/util/fields.h"

namespace prep360 {

// Where ONNX Runtime runs the model; a provider the build lacks falls back to the CPU.
enum class Device { kAuto, kCpu, kCuda, kTensorRt };
inline constexpr EnumName<Device> kDeviceNames[] = {
    {"auto", Device::kAuto, "the best provider this ONNX Runtime build has"},
    {"cpu", Device::kCpu, "the CPU"},
    {"cuda", Device::kCuda, "CUDA, else the CPU"},
    {"tensorrt", Device::kTensorRt, "TensorRT, else the CPU"}};
template <>
struct EnumNames<Device> {
  static constexpr std::span<const EnumName<Device>> table{kDeviceNames};
};

// person plus the personal items the reference app masks. As the default of detect.classes,
// classes a model lacks are skipped (see class_selection.h).
inline const std::vector<std::string> kDefaultMaskClasses = {"person", "backpack", "umbrella",  "handbag",
                                                             "tie",    "suitcase", "cell phone"};

struct DetectSettings {
  std::string model;  // ONNX file
  Device device = Device::kAuto;
  // Names or ids, or "all".
  std::vector<std::string> classes = kDefaultMaskClasses;
  std::string class_names;  // a file with one class name per line (overrides the model's)
  double conf = 0.25;
  double iou = 0.7;
  std::int64_t min_area = 0;  // pixels, at image resolution
  int max_det = 300;          // detections kept per image, best first
  int batch = 8;              // images per inference call when the model allows batches
  int input_size = 640;       // long side of the letterboxed input for dynamic-size models
  bool write = false;         // split, run: write detections (per view, and merged on the sphere)

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"model", "ONNX segmentation or detection model (ultralytics YOLOv8/YOLO11 export)"}, s.model);
    visit(Field{"device", "Execution provider"}, s.device);
    visit(Field{"classes", "Classes to mask: names or ids, or \"all\""}, s.classes);
    visit(Field{"class_names", "File with one class name per line (overrides the model's names)"}, s.class_names);
    visit(Field{"conf", "Confidence threshold"}.Range(0, 1), s.conf);
    visit(Field{"iou", "IoU threshold of the class-aware NMS"}.Range(0, 1), s.iou);
    visit(Field{"min_area", "Ignore instances smaller than this many pixels"}.AtLeast(0), s.min_area);
    visit(Field{"max_det", "Maximum detections kept per image (best first)"}.Range(1, 100000), s.max_det);
    visit(Field{"batch", "Images per inference call when the model allows batches"}.Range(1, 64), s.batch);
    visit(Field{"input_size", "Long side of the model input for dynamic-size models"}.Range(32, 4096), s.input_size);
    visit(Field{"write", "split, run: write the model's detections, per view (detections/) and merged on the "
                         "sphere (detections.json)"},
          s.write);
  }
};

}  // namespace prep360
