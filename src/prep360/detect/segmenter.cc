#include "prep360/detect/segmenter.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include <onnxruntime_cxx_api.h>
#include <tbb/parallel_for.h>

#include "prep360/detect/class_selection.h"
#include "prep360/detect/letterbox.h"
#include "prep360/detect/model_adapter.h"
#include "prep360/detect/onnx_bound_run.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/detect/tensor_buffer_pool.h"
#include "prep360/detect/yolo_postprocess.h"
#include "prep360/util/error.h"
#include "prep360/util/phase_seconds.h"

namespace prep360 {
namespace {

// Runs body(i) for i < count in parallel as one phase: its busy seconds are the calling thread's,
// its CPU seconds the calling thread's plus what the bodies took on other threads.
template <typename Body>
void TimedParallel(std::size_t count, PhaseSeconds& phase, const Body& body) {
  const PhaseSpan span = PhaseSpan::Start();
  const std::thread::id caller = std::this_thread::get_id();
  PhaseSeconds helpers;
  tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
    if (std::this_thread::get_id() == caller) return body(i);
    const PhaseSpan own = PhaseSpan::Start();
    body(i);
    helpers.Add(own);
  });
  phase.Add(span);
  phase.Add(0, helpers.cpu());
}

// The three phases of one call.
struct BatchTimes {
  PhaseSeconds pre, inference, post;
};

}  // namespace

struct Segmenter::Impl {
  SegmenterOptions options;
  OnnxSession session;
  AdaptedModel model;
  std::vector<int> class_ids;
  PostprocessOptions post;
  std::mutex times_mutex;
  mutable TensorBufferPool inputs;  // the input tensor, reused from call to call

  // One inference call on images [first, first + count).
  void RunBatch(const std::vector<const Image*>& images, const std::vector<std::pair<int, int>>& sizes,
                std::size_t first, std::size_t count, std::vector<SegmentResult>& results, BatchTimes& times) const;
  // Letterboxes images [first, first + plans.size()) into `input` (`batch` images of `per_image`
  // floats; slots past the images hold padding).
  void Prepare(const std::vector<const Image*>& images, std::size_t first, const std::vector<Letterbox>& plans,
               std::size_t batch, std::size_t per_image, float* input, BatchTimes& times) const;
  // Boxes and masks of images [first, first + plans.size()) from the model's outputs.
  void Decode(std::vector<Ort::Value>& outputs, std::size_t first, const std::vector<Letterbox>& plans,
              std::size_t batch, std::vector<SegmentResult>& results, BatchTimes& times) const;
  Letterbox Plan(int width, int height) const;
};

Segmenter::Segmenter(const SegmenterOptions& options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = options;
  const DetectSettings& d = options.detect;
  CheckFieldRanges(d, "/detect");
  s.session = CreateOnnxSession(d.model, std::string(NameOf(d.device)), options.threads, options.warn);
  s.model = InspectModel(*s.session.session, d.model, d.class_names);
  try {
    s.class_ids = ResolveClasses(d.classes, s.model.info.class_names);
  } catch (const Error& e) {
    throw FileError(d.model, e.what());
  }
  s.post.conf = static_cast<float>(d.conf);
  s.post.iou = static_cast<float>(d.iou);
  s.post.min_area = d.min_area;
  s.post.max_det = static_cast<std::size_t>(d.max_det);
  s.post.classes = s.class_ids;
}

Segmenter::~Segmenter() = default;

const ModelInfo& Segmenter::info() const { return impl_->model.info; }
std::string Segmenter::provider() const { return impl_->session.provider; }
const std::vector<int>& Segmenter::class_ids() const { return impl_->class_ids; }

std::vector<SegmentResult> Segmenter::Run(const std::vector<const Image*>& images, MaskTimes* times) {
  std::vector<std::pair<int, int>> sizes;
  for (const Image* image : images) {
    if (image == nullptr || image->empty()) throw Error("segment: empty image");
    sizes.emplace_back(image->width(), image->height());
  }
  return Run(images, sizes, times);
}

std::pair<int, int> Segmenter::InputFootprint(int width, int height) const {
  const Letterbox plan = impl_->Plan(width, height);
  return {plan.resized_width, plan.resized_height};
}

Letterbox Segmenter::Impl::Plan(int width, int height) const {
  const ModelInfo& info = model.info;
  if (info.input_width != 0 && info.input_height != 0) {
    return PlanLetterbox(width, height, info.input_width, info.input_height);
  }
  Letterbox plan = PlanDynamicLetterbox(width, height, options.detect.input_size, info.stride);
  if (info.input_width > 0) plan = PlanLetterbox(width, height, info.input_width, plan.target_height);
  if (info.input_height > 0) plan = PlanLetterbox(width, height, plan.target_width, info.input_height);
  return plan;
}

std::vector<SegmentResult> Segmenter::Run(const std::vector<const Image*>& images,
                                          const std::vector<std::pair<int, int>>& sizes, MaskTimes* times) {
  if (sizes.size() != images.size()) throw Error("segment: one size per image");
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (images[i] == nullptr || images[i]->empty()) throw Error("segment: empty image");
    if (sizes[i].first < images[i]->width() || sizes[i].second < images[i]->height()) {
      throw Error("segment: image larger than its full size");
    }
  }
  std::vector<SegmentResult> results(images.size());
  const ModelInfo& info = impl_->model.info;
  // On the CUDA provider a model with a free batch takes every image (a frame's views) in one call.
  const bool one_call = info.batch == 0 && impl_->session.provider == "CUDAExecutionProvider";
  const std::size_t per_call = one_call ? std::max<std::size_t>(images.size(), 1)
                               : info.batch == 0 ? static_cast<std::size_t>(impl_->options.detect.batch)
                                                 : static_cast<std::size_t>(info.batch);
  BatchTimes local;
  for (std::size_t first = 0; first < images.size(); first += per_call) {
    impl_->RunBatch(images, sizes, first, std::min(per_call, images.size() - first), results, local);
  }
  if (times != nullptr) {
    std::lock_guard<std::mutex> lock(impl_->times_mutex);
    times->preprocess_s += local.pre.busy();
    times->inference_s += local.inference.busy();
    times->postprocess_s += local.post.busy();
    times->preprocess_cpu_s += local.pre.cpu();
    times->inference_cpu_s += local.inference.cpu();
    times->postprocess_cpu_s += local.post.cpu();
  }
  return results;
}

void Segmenter::Impl::RunBatch(const std::vector<const Image*>& images, const std::vector<std::pair<int, int>>& sizes,
                               std::size_t first, std::size_t count, std::vector<SegmentResult>& results,
                               BatchTimes& times) const {
  const ModelInfo& info = model.info;
  const ModelLayout& layout = model.layout;
  const PhaseSpan plan_span = PhaseSpan::Start();
  // Letterbox plans at full size; a dynamic model gets one input size per call, large enough for all.
  std::vector<Letterbox> plans(count);
  int target_w = 0, target_h = 0;
  for (std::size_t i = 0; i < count; ++i) {
    plans[i] = Plan(sizes[first + i].first, sizes[first + i].second);
    target_w = std::max(target_w, plans[i].target_width);
    target_h = std::max(target_h, plans[i].target_height);
  }
  for (Letterbox& plan : plans) plan = CentreInTarget(plan, target_w, target_h);
  const std::size_t batch = info.batch == 0 ? count : static_cast<std::size_t>(info.batch);
  const std::size_t per_image = 3 * static_cast<std::size_t>(target_w) * static_cast<std::size_t>(target_h);
  const TensorBufferPool::Lease input(inputs, batch * per_image);
  times.pre.Add(plan_span);
  Prepare(images, first, plans, batch, per_image, input.data(), times);

  const PhaseSpan infer_span = PhaseSpan::Start();
  const std::int64_t shape[4] = {static_cast<std::int64_t>(batch), 3, target_h, target_w};
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  Ort::Value tensor = Ort::Value::CreateTensor<float>(memory, input.data(), input.size(), shape, 4);
  std::vector<const char*> output_names = {layout.detections_output.c_str()};
  if (!layout.protos_output.empty()) output_names.push_back(layout.protos_output.c_str());
  std::vector<Ort::Value> outputs;
  try {
    outputs = RunBound(*session.session, layout.input_name.c_str(), tensor, output_names);
  } catch (const Ort::Exception& e) {
    throw FileError(info.path, std::string("inference failed: ") + e.what());
  }
  times.inference.Add(infer_span);
  Decode(outputs, first, plans, batch, results, times);
}

void Segmenter::Impl::Prepare(const std::vector<const Image*>& images, std::size_t first,
                              const std::vector<Letterbox>& plans, std::size_t batch, std::size_t per_image,
                              float* input, BatchTimes& times) const {
  const std::size_t count = plans.size();
  TimedParallel(batch, times.pre, [&](std::size_t i) {
    float* chw = input + i * per_image;
    if (i >= count) {  // a fixed batch larger than the images left: padding
      std::fill(chw, chw + per_image, kLetterboxPadValue);
      return;
    }
    const Image& image = *images[first + i];
    Letterbox plan = plans[i];  // a reduced image: the same footprint, sampled from fewer pixels
    plan.source_width = image.width();
    plan.source_height = image.height();
    plan.scale_x = static_cast<double>(plan.resized_width) / image.width();
    plan.scale_y = static_cast<double>(plan.resized_height) / image.height();
    LetterboxImage(image, plan, chw);
  });
}

void Segmenter::Impl::Decode(std::vector<Ort::Value>& outputs, std::size_t first, const std::vector<Letterbox>& plans,
                             std::size_t batch, std::vector<SegmentResult>& results, BatchTimes& times) const {
  const PhaseSpan span = PhaseSpan::Start();
  const ModelInfo& info = model.info;
  const ModelLayout& layout = model.layout;
  const std::vector<std::int64_t> det_shape = outputs[0].GetTensorTypeAndShapeInfo().GetShape();
  if (det_shape.size() != 3 || det_shape[0] != static_cast<std::int64_t>(batch)) {
    throw FileError(info.path, "unexpected output shape " + FormatTensorDesc({layout.detections_output, det_shape}));
  }
  YoloOutputs view;
  if (layout.nms_free()) {
    view.anchors = det_shape[1];
    view.channels = det_shape[2];
  } else {
    view.channels = det_shape[1];
    view.anchors = det_shape[2];
  }
  const std::int64_t want_channels =
      layout.nms_free() ? 6 + layout.num_coeffs : 4 + layout.num_classes + layout.num_coeffs;
  if (view.channels != want_channels) {
    throw FileError(info.path, "unexpected output shape " + FormatTensorDesc({layout.detections_output, det_shape}));
  }
  const float* det_data = outputs[0].GetTensorData<float>();
  const float* proto_data = nullptr;
  std::size_t proto_per_image = 0;
  if (layout.has_masks()) {
    const std::vector<std::int64_t> ps = outputs[1].GetTensorTypeAndShapeInfo().GetShape();
    if (ps.size() != 4 || ps[0] != static_cast<std::int64_t>(batch) || ps[1] != layout.num_coeffs || ps[2] <= 0 ||
        ps[3] <= 0) {
      throw FileError(info.path, "unexpected output shape " + FormatTensorDesc({layout.protos_output, ps}));
    }
    view.proto_height = static_cast<int>(ps[2]);
    view.proto_width = static_cast<int>(ps[3]);
    proto_data = outputs[1].GetTensorData<float>();
    proto_per_image = static_cast<std::size_t>(ps[1] * ps[2] * ps[3]);
  }
  const std::size_t det_per_image = static_cast<std::size_t>(view.channels * view.anchors);
  times.post.Add(span);
  TimedParallel(plans.size(), times.post, [&](std::size_t i) {
    YoloOutputs one = view;
    one.detections = det_data + i * det_per_image;
    if (proto_data != nullptr) one.protos = proto_data + i * proto_per_image;
    results[first + i] = PostprocessYolo(layout, one, plans[i], post);
  });
}

}  // namespace prep360
