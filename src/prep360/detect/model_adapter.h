#pragma once
// Recognises a detection/segmentation model from its input and output shapes and picks the
// adapter that decodes it:
//   yolo-seg            output0 [B, 4+nc+P, N] (cx, cy, w, h, class scores, P mask coefficients)
//                       + protos [B, P, H/4, W/4]   (ultralytics YOLOv8/11 "segment" export)
//   yolo-seg-nms-free   output0 [B, K, 6+P] (x0, y0, x1, y1, score, class, coefficients) + protos
//   yolo-det            output0 [B, 4+nc, N]
//   yolo-det-nms-free   output0 [B, K, 6]   (x0, y0, x1, y1, score, class; YOLOv10/26 end-to-end)
// Boxes are in letterboxed input pixels. The input must be [B, 3, H, W] float (dims may be symbolic).
// Class names come from a names file (one per line), else the model's "names" metadata
// (ultralytics writes a Python dict, "{0: 'person', 1: 'bicycle'}"), else the ids ("0", "1", ...).
#include <cstdint>
#include <string>
#include <vector>

#include <onnxruntime_cxx_api.h>

#include "prep360/detect/detect_types.h"

namespace prep360 {

enum class AdapterKind { kYoloSeg, kYoloSegNmsFree, kYoloDet, kYoloDetNmsFree };
const char* AdapterName(AdapterKind kind);

struct TensorDesc {
  std::string name;
  std::vector<std::int64_t> dims;  // -1 (or any negative) = symbolic
};
std::string FormatTensorDesc(const TensorDesc& tensor);  // "output0 [1,116,N]"

struct ModelLayout {
  AdapterKind kind = AdapterKind::kYoloSeg;
  std::string input_name;
  std::string detections_output;  // output0
  std::string protos_output;      // empty without masks
  int num_classes = 0;            // 0 = unknown (NMS-free output without names)
  int num_coeffs = 0;             // mask coefficients P (0 without masks)
  bool nms_free() const { return kind == AdapterKind::kYoloSegNmsFree || kind == AdapterKind::kYoloDetNmsFree; }
  bool has_masks() const { return kind == AdapterKind::kYoloSeg || kind == AdapterKind::kYoloSegNmsFree; }
};

// Decides the adapter from the shapes alone; throws FileError(model_path, "unsupported model ...").
ModelLayout ChooseAdapter(const std::string& model_path, const TensorDesc& input, const std::vector<TensorDesc>& outputs);

// Parses ultralytics' names metadata: a Python dict "{0: 'person', 1: \"o'neil\"}" or a list
// "['person', 'bicycle']". Missing ids get their number as name. Throws Error on malformed text.
std::vector<std::string> ParseNamesMetadata(const std::string& text);
// One class name per line (blank lines kept as ids, trailing '\r' and spaces trimmed).
std::vector<std::string> ReadClassNamesFile(const std::string& path);

struct AdaptedModel {
  ModelInfo info;
  ModelLayout layout;
};

// Reads the session's inputs, outputs and metadata. Throws FileError naming the model (or the
// names file) when nothing fits or the names disagree with the model's class count.
AdaptedModel InspectModel(const Ort::Session& session, const std::string& model_path,
                          const std::string& class_names_file);

}  // namespace prep360
