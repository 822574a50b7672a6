#include "prep360/detect/face_detector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <tuple>

#include <oneapi/tbb/parallel_for.h>
#include <onnxruntime_cxx_api.h>

#include "prep360/detect/onnx_session.h"
#include "prep360/detect/weighted_nms.h"
#include "prep360/models/model_registry.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// One pyramid level: RGB floats in [-1, 1], channels last.
struct Level {
  int width = 0, height = 0;
  double scale = 1;  // level pixels per image pixel
  std::vector<float> rgb;
};

Level ToLevel(const Image& image) {
  Level level;
  level.width = image.width();
  level.height = image.height();
  level.rgb.resize(static_cast<std::size_t>(level.width) * static_cast<std::size_t>(level.height) * 3);
  const int c = image.channels();
  const float to_unit = image.bytes_per_sample() == 1 ? 1.0f / 127.5f : 1.0f / 32767.5f;
  tbb::parallel_for(0, level.height, [&](int y) {
    float* out = level.rgb.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(level.width) * 3;
    for (int x = 0; x < level.width; ++x) {
      for (int k = 0; k < 3; ++k) {
        const int src = c < 3 ? 0 : k;
        const std::uint32_t v = image.bytes_per_sample() == 1 ? image.Row(y)[x * c + src] : image.RowAs<std::uint16_t>(y)[x * c + src];
        out[x * 3 + k] = static_cast<float>(v) * to_unit - 1.0f;
      }
    }
  });
  return level;
}

// 2x2 box average (odd edges: the last row/column is averaged with itself).
Level Halve(const Level& in) {
  Level out;
  out.width = std::max(1, (in.width + 1) / 2);
  out.height = std::max(1, (in.height + 1) / 2);
  out.scale = in.scale * 0.5;
  out.rgb.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
  tbb::parallel_for(0, out.height, [&](int y) {
    const int y0 = std::min(2 * y, in.height - 1), y1 = std::min(2 * y + 1, in.height - 1);
    for (int x = 0; x < out.width; ++x) {
      const int x0 = std::min(2 * x, in.width - 1), x1 = std::min(2 * x + 1, in.width - 1);
      for (int k = 0; k < 3; ++k) {
        auto at = [&](int xx, int yy) { return in.rgb[(static_cast<std::size_t>(yy) * in.width + xx) * 3 + k]; };
        out.rgb[(static_cast<std::size_t>(y) * out.width + x) * 3 + k] =
            0.25f * (at(x0, y0) + at(x1, y0) + at(x0, y1) + at(x1, y1));
      }
    }
  });
  return out;
}

// Tile origins along one axis: 0, stride, ..., with the last tile flush with the end.
std::vector<int> TileOrigins(int length, int size, int stride) {
  std::vector<int> origins = {0};
  if (length <= size) return origins;
  for (int o = stride; o + size < length; o += stride) origins.push_back(o);
  origins.push_back(length - size);
  return origins;
}

struct Tile {
  const Level* level;
  int x, y;  // origin in level pixels
};

}  // namespace

struct FaceDetector::Impl {
  FaceDetectorOptions options;
  std::string path;
  OnnxSession session;
  int size = 0;
  std::string input_name;
  // Per anchor grid: score output, box output, cells per row, anchors per cell.
  struct Grid {
    std::string scores, boxes;
    int cells = 0, anchors = 0;
  };
  std::array<Grid, 2> grids;

  void Inspect();
  void RunTile(const Tile& tile, std::vector<NmsBox>& out, std::mutex& mutex) const;
};

void FaceDetector::Impl::Inspect() {
  Ort::Session& s = *session.session;
  Ort::AllocatorWithDefaultOptions alloc;
  const auto not_blazeface = [&](const std::string& why) {
    return FileError(path, "not a BlazeFace model (" + why +
                               "; expected input [1,S,S,3] and outputs [1,512,1], [1,384,1], [1,512,16], [1,384,16])");
  };
  if (s.GetInputCount() != 1 || s.GetOutputCount() != 4) throw not_blazeface("wrong number of inputs or outputs");
  const std::vector<std::int64_t> in = s.GetInputTypeInfo(0).GetTensorTypeAndShapeInfo().GetShape();
  if (in.size() != 4 || in[3] != 3 || in[1] != in[2] || in[1] < 32) throw not_blazeface("input is not [1,S,S,3]");
  size = static_cast<int>(in[1]);
  input_name = s.GetInputNameAllocated(0, alloc).get();
  for (std::size_t i = 0; i < 4; ++i) {
    const std::vector<std::int64_t> shape = s.GetOutputTypeInfo(i).GetTensorTypeAndShapeInfo().GetShape();
    const std::string name = s.GetOutputNameAllocated(i, alloc).get();
    if (shape.size() != 3 || (shape[1] != 512 && shape[1] != 384) || (shape[2] != 1 && shape[2] != 16)) {
      throw not_blazeface("output " + name + " has an unexpected shape");
    }
    Grid& g = grids[shape[1] == 512 ? 0 : 1];
    (shape[2] == 1 ? g.scores : g.boxes) = name;
  }
  grids[0].cells = 16, grids[0].anchors = 2;
  grids[1].cells = 8, grids[1].anchors = 6;
  for (const Grid& g : grids) {
    if (g.scores.empty() || g.boxes.empty()) throw not_blazeface("outputs do not pair up");
  }
}

void FaceDetector::Impl::RunTile(const Tile& tile, std::vector<NmsBox>& out, std::mutex& mutex) const {
  const Level& level = *tile.level;
  const std::size_t n = static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 3;
  std::vector<float> input(n, 0.0f);  // 0 = mid grey in [-1, 1]
  const int w = std::min(size, level.width - tile.x), h = std::min(size, level.height - tile.y);
  for (int y = 0; y < h; ++y) {
    const float* src = level.rgb.data() + ((static_cast<std::size_t>(tile.y + y) * level.width) + tile.x) * 3;
    std::copy(src, src + static_cast<std::size_t>(w) * 3, input.data() + static_cast<std::size_t>(y) * size * 3);
  }
  const std::int64_t shape[4] = {1, size, size, 3};
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  Ort::Value tensor = Ort::Value::CreateTensor<float>(memory, input.data(), input.size(), shape, 4);
  const char* in_names[] = {input_name.c_str()};
  const char* out_names[] = {grids[0].scores.c_str(), grids[0].boxes.c_str(), grids[1].scores.c_str(),
                             grids[1].boxes.c_str()};
  std::vector<Ort::Value> outputs;
  try {
    outputs = session.session->Run(Ort::RunOptions{nullptr}, in_names, &tensor, 1, out_names, 4);
  } catch (const Ort::Exception& e) {
    throw FileError(path, std::string("inference failed: ") + OrtErrorLine(e.what()));
  }
  const float logit_min = std::log(options.min_score / (1.0f - options.min_score));
  // A box touching a tile edge that is not the level's edge is cut: the overlapping tile sees it.
  const float margin = 1.0f;
  const bool inner_left = tile.x > 0, inner_top = tile.y > 0;
  const bool inner_right = tile.x + size < level.width, inner_bottom = tile.y + size < level.height;
  std::vector<NmsBox> found;
  for (std::size_t g = 0; g < 2; ++g) {
    const float* scores = outputs[2 * g].GetTensorData<float>();
    const float* boxes = outputs[2 * g + 1].GetTensorData<float>();
    const int cells = grids[g].cells, anchors = grids[g].anchors;
    for (int i = 0; i < cells * cells * anchors; ++i) {
      if (!(scores[i] >= logit_min)) continue;
      const int cell = i / anchors;
      const float* b = boxes + static_cast<std::size_t>(i) * 16;
      const float cx = (static_cast<float>(cell % cells) + 0.5f) / static_cast<float>(cells) * static_cast<float>(size) + b[0];
      const float cy = (static_cast<float>(cell / cells) + 0.5f) / static_cast<float>(cells) * static_cast<float>(size) + b[1];
      const float hw = 0.5f * b[2], hh = 0.5f * b[3];
      if (!(hw > 0 && hh > 0)) continue;
      if ((inner_left && cx - hw < margin) || (inner_top && cy - hh < margin) ||
          (inner_right && cx + hw > static_cast<float>(size) - margin) ||
          (inner_bottom && cy + hh > static_cast<float>(size) - margin)) {
        continue;
      }
      const float to_image = static_cast<float>(1.0 / level.scale);
      NmsBox box;
      box.x0 = (static_cast<float>(tile.x) + cx - hw) * to_image;
      box.y0 = (static_cast<float>(tile.y) + cy - hh) * to_image;
      box.x1 = (static_cast<float>(tile.x) + cx + hw) * to_image;
      box.y1 = (static_cast<float>(tile.y) + cy + hh) * to_image;
      box.score = 1.0f / (1.0f + std::exp(-scores[i]));
      found.push_back(box);
    }
  }
  std::lock_guard<std::mutex> lock(mutex);
  out.insert(out.end(), found.begin(), found.end());
}

FaceDetector::FaceDetector(const FaceDetectorOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->path = ResolveModel(options.model);
  impl_->session = CreateOnnxSession(impl_->path, options.device, 1, nullptr);
  impl_->Inspect();
}

FaceDetector::~FaceDetector() = default;

int FaceDetector::input_size() const { return impl_->size; }
std::string FaceDetector::provider() const { return impl_->session.provider; }
const std::string& FaceDetector::model_path() const { return impl_->path; }

std::vector<FaceBox> FaceDetector::Detect(const Image& image) const {
  if (image.empty()) return {};
  const int size = impl_->size;
  const int stride = size - 3 * size / 8;
  // The pyramid: full size, then quarters until the level fits one tile.
  std::vector<Level> levels;
  levels.push_back(ToLevel(image));
  while (levels.back().width > size || levels.back().height > size) levels.push_back(Halve(Halve(levels.back())));
  std::vector<Tile> tiles;
  for (const Level& level : levels) {
    for (int y : TileOrigins(level.height, size, stride)) {
      for (int x : TileOrigins(level.width, size, stride)) tiles.push_back({&level, x, y});
    }
  }
  std::vector<NmsBox> candidates;
  std::mutex mutex;
  tbb::parallel_for(std::size_t{0}, tiles.size(), [&](std::size_t i) { impl_->RunTile(tiles[i], candidates, mutex); });
  // Tiles finish in any order: sort first so that the merged boxes are the same on every run.
  std::sort(candidates.begin(), candidates.end(), [](const NmsBox& a, const NmsBox& b) {
    return std::tie(b.score, a.x0, a.y0, a.x1, a.y1) < std::tie(a.score, b.x0, b.y0, b.x1, b.y1);
  });
  std::vector<FaceBox> faces;
  for (const NmsBox& b : WeightedNms(candidates, impl_->options.iou)) {
    FaceBox f;
    f.x0 = std::max(0.0f, b.x0), f.y0 = std::max(0.0f, b.y0);
    f.x1 = std::min(static_cast<float>(image.width()), b.x1), f.y1 = std::min(static_cast<float>(image.height()), b.y1);
    f.score = b.score;
    faces.push_back(f);
  }
  return faces;
}

}  // namespace prep360
