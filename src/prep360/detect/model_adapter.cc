#include "prep360/detect/model_adapter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>

#include "prep360/detect/onnx_env.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr const char* kExpected =
    "expected YOLO segmentation (output0 [B,4+nc+32,N] + output1 [B,32,H/4,W/4]), detection ([B,4+nc,N]) "
    "or NMS-free detection ([B,K,6])";

bool Fixed(std::int64_t d) { return d > 0; }

std::string DescribeOutputs(const std::vector<TensorDesc>& outputs) {
  std::string text;
  for (const TensorDesc& t : outputs) {
    if (!text.empty()) text += ", ";
    text += FormatTensorDesc(t);
  }
  return text.empty() ? "none" : text;
}

// The largest integer in text like "32" or "[8, 16, 32]"; 0 when none.
int LargestInteger(const std::string& text) {
  int best = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      int value = 0;
      const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), value);
      if (ec == std::errc()) best = std::max(best, value);
      i = static_cast<std::size_t>(end - text.data());
      if (ec != std::errc()) ++i;
    } else {
      ++i;
    }
  }
  return best;
}

class NamesParser {
 public:
  explicit NamesParser(const std::string& text) : s_(text) {}

  std::vector<std::string> Parse() {
    std::map<int, std::string> names;
    Skip();
    if (Eat('{')) {
      Skip();
      if (!Eat('}')) {
        do {
          Skip();
          const int id = Integer();
          Skip();
          Expect(':');
          Skip();
          names[id] = String();
          Skip();
        } while (Eat(','));
        Skip();
        Expect('}');
      }
    } else if (Eat('[')) {
      Skip();
      if (!Eat(']')) {
        int id = 0;
        do {
          Skip();
          names[id++] = String();
          Skip();
        } while (Eat(','));
        Skip();
        Expect(']');
      }
    } else {
      Fail("expected '{' or '['");
    }
    std::vector<std::string> result;
    if (names.empty()) return result;
    if (names.begin()->first < 0 || names.rbegin()->first > 100000) Fail("class id out of range");
    result.resize(static_cast<std::size_t>(names.rbegin()->first) + 1);
    for (std::size_t i = 0; i < result.size(); ++i) result[i] = std::to_string(i);
    for (const auto& [id, name] : names) result[static_cast<std::size_t>(id)] = name;
    return result;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw Error("class names metadata: " + what + " at offset " + std::to_string(pos_));
  }
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])) != 0) ++pos_;
  }
  bool Eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c)) Fail(std::string("expected '") + c + "'");
  }
  int Integer() {
    int value = 0;
    const auto [end, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), value);
    if (ec != std::errc()) Fail("expected a class id");
    pos_ = static_cast<std::size_t>(end - s_.data());
    return value;
  }
  std::string String() {
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) Fail("expected a quoted name");
    const char quote = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        c = s_[pos_++];
        if (c == 'n') c = '\n';
        if (c == 't') c = '\t';
      }
      out += c;
    }
    Expect(quote);
    return out;
  }

  const std::string& s_;
  std::size_t pos_ = 0;
};

TensorDesc Describe(const std::string& name, const Ort::TypeInfo& type) {
  TensorDesc desc;
  desc.name = name;
  if (type.GetONNXType() == ONNX_TYPE_TENSOR) desc.dims = type.GetTensorTypeAndShapeInfo().GetShape();
  return desc;
}

}  // namespace

const char* AdapterName(AdapterKind kind) {
  switch (kind) {
    case AdapterKind::kYoloSeg: return "yolo-seg";
    case AdapterKind::kYoloSegNmsFree: return "yolo-seg-nms-free";
    case AdapterKind::kYoloDet: return "yolo-det";
    case AdapterKind::kYoloDetNmsFree: return "yolo-det-nms-free";
  }
  return "?";
}

std::string FormatTensorDesc(const TensorDesc& tensor) {
  std::string text = tensor.name + " [";
  for (std::size_t i = 0; i < tensor.dims.size(); ++i) {
    if (i > 0) text += ",";
    text += tensor.dims[i] > 0 ? std::to_string(tensor.dims[i]) : std::string("?");
  }
  return text + "]";
}

ModelLayout ChooseAdapter(const std::string& model_path, const TensorDesc& input, const std::vector<TensorDesc>& outputs) {
  if (input.dims.size() != 4 || (Fixed(input.dims[1]) && input.dims[1] != 3)) {
    throw FileError(model_path, "unsupported model input " + FormatTensorDesc(input) + "; expected [B,3,H,W]");
  }
  const TensorDesc* det = nullptr;
  const TensorDesc* protos = nullptr;
  bool other = false;
  for (const TensorDesc& t : outputs) {
    if (t.dims.size() == 3 && det == nullptr) {
      det = &t;
    } else if (t.dims.size() == 4 && protos == nullptr) {
      protos = &t;
    } else {
      other = true;
    }
  }
  auto unsupported = [&]() {
    return FileError(model_path, "unsupported model outputs: " + DescribeOutputs(outputs) + "; " + kExpected);
  };
  if (det == nullptr || other) throw unsupported();
  const std::int64_t a = det->dims[1], b = det->dims[2];

  ModelLayout layout;
  layout.input_name = input.name;
  layout.detections_output = det->name;
  if (protos != nullptr) {
    const std::int64_t p = protos->dims[1];
    if (!Fixed(p)) throw unsupported();
    layout.protos_output = protos->name;
    layout.num_coeffs = static_cast<int>(p);
    if (b == 6 + p && a != b) {
      layout.kind = AdapterKind::kYoloSegNmsFree;
    } else if (Fixed(a) && a > 4 + p) {
      layout.kind = AdapterKind::kYoloSeg;
      layout.num_classes = static_cast<int>(a - 4 - p);
    } else {
      throw unsupported();
    }
  } else {
    if (b == 6 && a != 6) {
      layout.kind = AdapterKind::kYoloDetNmsFree;
    } else if (Fixed(a) && a > 4) {
      layout.kind = AdapterKind::kYoloDet;
      layout.num_classes = static_cast<int>(a - 4);
    } else {
      throw unsupported();
    }
  }
  return layout;
}

std::vector<std::string> ParseNamesMetadata(const std::string& text) { return NamesParser(text).Parse(); }

std::vector<std::string> ReadClassNamesFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw FileError(path, "cannot read the class names file");
  std::vector<std::string> names;
  std::size_t kept = 0;  // names up to the last non-blank line (trailing blank lines are not classes)
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())) != 0) line.pop_back();
    std::size_t start = 0;
    while (start < line.size() && std::isspace(static_cast<unsigned char>(line[start])) != 0) ++start;
    line.erase(0, start);
    names.push_back(line.empty() ? std::to_string(names.size()) : line);
    if (!line.empty()) kept = names.size();
  }
  names.resize(kept);
  if (names.empty()) throw FileError(path, "the class names file is empty");
  return names;
}

AdaptedModel InspectModel(const Ort::Session& session, const std::string& model_path,
                          const std::string& class_names_file) {
  Ort::AllocatorWithDefaultOptions allocator;
  if (session.GetInputCount() != 1) {
    throw FileError(model_path, "unsupported model: " + std::to_string(session.GetInputCount()) +
                                    " inputs, expected one image input [B,3,H,W]");
  }
  const Ort::TypeInfo input_type = session.GetInputTypeInfo(0);
  const TensorDesc input = Describe(session.GetInputNameAllocated(0, allocator).get(), input_type);
  if (input_type.GetONNXType() != ONNX_TYPE_TENSOR ||
      input_type.GetTensorTypeAndShapeInfo().GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) {
    throw FileError(model_path, "unsupported model input " + FormatTensorDesc(input) +
                                    ": expected a float32 tensor (re-export without half precision)");
  }
  std::vector<TensorDesc> outputs;
  for (std::size_t i = 0; i < session.GetOutputCount(); ++i) {
    outputs.push_back(Describe(session.GetOutputNameAllocated(i, allocator).get(), session.GetOutputTypeInfo(i)));
  }
  AdaptedModel model;
  model.layout = ChooseAdapter(model_path, input, outputs);
  for (std::size_t i = 0; i < session.GetOutputCount(); ++i) {
    const Ort::TypeInfo type = session.GetOutputTypeInfo(i);
    if (type.GetTensorTypeAndShapeInfo().GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) {
      throw FileError(model_path, "unsupported model output " + FormatTensorDesc(outputs[i]) + ": expected float32");
    }
  }

  ModelInfo& info = model.info;
  info.path = model_path;
  info.task = model.layout.has_masks() ? ModelTask::kSegment : ModelTask::kDetect;
  info.adapter = AdapterName(model.layout.kind);
  info.batch = input.dims[0] > 0 ? static_cast<int>(input.dims[0]) : 0;
  info.input_height = input.dims[2] > 0 ? static_cast<int>(input.dims[2]) : 0;
  info.input_width = input.dims[3] > 0 ? static_cast<int>(input.dims[3]) : 0;

  const Ort::ModelMetadata metadata = session.GetModelMetadata();
  const Ort::AllocatedStringPtr stride = metadata.LookupCustomMetadataMapAllocated("stride", allocator);
  if (stride) {
    const int s = LargestInteger(stride.get());
    if (s > 0) info.stride = s;
  }

  std::string names_source;
  if (!class_names_file.empty()) {
    info.class_names = ReadClassNamesFile(class_names_file);
    names_source = class_names_file;
  } else if (const Ort::AllocatedStringPtr names = metadata.LookupCustomMetadataMapAllocated("names", allocator)) {
    try {
      info.class_names = ParseNamesMetadata(names.get());
    } catch (const Error& e) {
      throw FileError(model_path, e.what());
    }
    names_source = model_path;
  }
  const int nc = model.layout.num_classes;
  if (nc > 0) {
    if (info.class_names.empty()) {
      for (int i = 0; i < nc; ++i) info.class_names.push_back(std::to_string(i));
    } else if (static_cast<int>(info.class_names.size()) != nc) {
      throw FileError(names_source, std::to_string(info.class_names.size()) + " class names, but the model has " +
                                        std::to_string(nc) + " classes");
    }
  } else {
    model.layout.num_classes = static_cast<int>(info.class_names.size());  // NMS-free: 0 = unknown
  }
  info.available_providers = AvailableProviders();
  return model;
}

}  // namespace prep360
