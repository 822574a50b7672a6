#include "prep360/pipeline/mask_job.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "prep360/image/mask_png.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/scale/shard.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/phase_seconds.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

// The steps of one mask job: segment a group, then dilate, apply the file rule, encode and write
// each mask; busy seconds and counts.
class MaskSteps {
 public:
  MaskSteps(const JobDocument& job, Segmenter& segmenter) : job_(job), segmenter_(segmenter) {}

  void Segment(const std::vector<ImageSlot*>& slots);
  void Write(ImageSlot& slot);
  void Fill(MaskJobResult& result) const;

 private:
  const JobDocument& job_;
  Segmenter& segmenter_;
  MaskTimes model_;
  PhaseSeconds ops_s_, encode_s_, write_s_;
  std::atomic<std::int64_t> written_{0}, empty_{0};
};

void MaskSteps::Segment(const std::vector<ImageSlot*>& slots) {
  std::vector<const Image*> images;
  std::vector<std::pair<int, int>> sizes;
  for (const ImageSlot* slot : slots) {
    images.push_back(&*slot->image);
    sizes.emplace_back(slot->width, slot->height);
  }
  std::vector<SegmentResult> masks = segmenter_.Run(images, sizes, &model_);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    *slots[i]->image = Image();  // the pixels are no longer needed
    slots[i]->result = std::make_shared<SegmentResult>(std::move(masks[i]));
  }
}

void MaskSteps::Write(ImageSlot& slot) {
  SegmentResult& segment = *std::static_pointer_cast<SegmentResult>(slot.result);
  const std::string out = MaskPathFor(fs::path(job_.output), job_.mask.style, slot.rel).string();
  PhaseSpan t = PhaseSpan::Start();
  if (segment.detections.empty()) empty_.fetch_add(1);
  DilateMask(segment.mask, job_.mask.dilate);
  const std::optional<Image> file = MaskFile(std::move(segment.mask), job_.mask.style, job_.mask.invert);
  ops_s_.Add(t);
  if (!file) return;
  t = PhaseSpan::Start();
  const std::vector<std::uint8_t> png = EncodeMaskPng(*file);
  encode_s_.Add(t);
  t = PhaseSpan::Start();
  std::error_code ec;
  fs::create_directories(fs::path(out).parent_path(), ec);
  WriteFileAtomic(out, png);
  write_s_.Add(t);
  written_.fetch_add(1);
}

void MaskSteps::Fill(MaskJobResult& result) const {
  result.written = written_.load();
  result.empty = empty_.load();
  result.mask_ops_s = ops_s_.busy();
  result.encode_s = encode_s_.busy();
  result.write_s = write_s_.busy();
  result.mask_ops_cpu_s = ops_s_.cpu();
  result.encode_cpu_s = encode_s_.cpu();
  result.write_cpu_s = write_s_.cpu();
  result.model = model_;
}

void WriteMaskReport(const JobDocument& job, const Segmenter& segmenter, const SegmenterOptions& seg_options,
                     const MaskJobResult& result) {
  const ModelInfo& info = segmenter.info();
  nlohmann::ordered_json report;
  report["command"] = "mask";
  report["inputs"] = job.inputs;
  report["masks_dir"] = job.output;
  report["model"] = {{"path", info.path}, {"adapter", info.adapter}, {"provider", result.provider}};
  std::vector<std::string> classes;
  for (const int id : segmenter.class_ids()) {
    classes.push_back(static_cast<std::size_t>(id) < info.class_names.size() ? info.class_names[static_cast<std::size_t>(id)]
                                                                             : std::to_string(id));
  }
  report["settings"] = {{"classes", classes},
                        {"conf", static_cast<float>(seg_options.detect.conf)},
                        {"iou", static_cast<float>(seg_options.detect.iou)},
                        {"min_area", seg_options.detect.min_area},
                        {"dilate", job.mask.dilate},
                        {"invert", job.mask.invert},
                        {"mask_style", MaskStyleName(job.mask.style)},
                        {"batch", seg_options.detect.batch}};
  report["counts"] = {{"images", result.images},   {"written", result.written}, {"empty", result.empty},
                      {"failed", result.failed},   {"interrupted", result.interrupted}};
  report["timing_s"] = {{"wall", result.wall_s},
                        {"read", result.read_s},
                        {"decode", result.decode_s},
                        {"preprocess", result.model.preprocess_s},
                        {"inference", result.model.inference_s},
                        {"postprocess", result.model.postprocess_s},
                        {"mask_ops", result.mask_ops_s},
                        {"encode", result.encode_s},
                        {"write", result.write_s}};
  // The same phases on the threads' CPU clocks ("inference": the calling thread's share only; the
  // model's worker threads are in "process", the whole process's CPU while the images ran).
  report["cpu_s"] = {{"process", result.process_cpu_s},
                     {"read", result.read_cpu_s},
                     {"decode", result.decode_cpu_s},
                     {"preprocess", result.model.preprocess_cpu_s},
                     {"inference", result.model.inference_cpu_s},
                     {"postprocess", result.model.postprocess_cpu_s},
                     {"mask_ops", result.mask_ops_cpu_s},
                     {"encode", result.encode_cpu_s},
                     {"write", result.write_cpu_s}};
  WriteImageJobReport(job, std::move(report));
}

}  // namespace

MaskJobResult RunMaskJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                         std::shared_ptr<Segmenter> model) {
  SegmenterOptions seg_options = SegmenterOptionsFor(job.detect, job.runtime.threads);
  seg_options.warn = [&observer](const std::string& line) { observer.OnWarning("warning: " + line); };
  // First: a bad model fails before a long folder scan.
  const std::shared_ptr<Segmenter> loaded = model ? std::move(model) : std::make_shared<Segmenter>(seg_options);
  Segmenter& segmenter = *loaded;
  MaskSteps mask(job, segmenter);
  ImageSteps steps;
  // One inference call per group: the model's own batch when fixed, else detect.batch. Small
  // groups overlap best (decoding the next image while this one is inferred).
  const int batch = segmenter.info().batch > 0 ? segmenter.info().batch : job.detect.batch;
  steps.group = static_cast<std::size_t>(std::max(1, batch));
  steps.serial_infer = true;  // the model's own threads use the cores
  steps.footprint = [&segmenter](int width, int height) { return segmenter.InputFootprint(width, height); };
  steps.infer = [&mask](const std::vector<ImageSlot*>& slots) { mask.Segment(slots); };
  steps.finish = [&mask](ImageSlot& slot) { mask.Write(slot); };
  const ImageJobResult images = RunImageJob(job, "mask", observer, cancel, steps);
  MaskJobResult result;
  result.images = images.images;
  result.failed = images.failed;
  result.interrupted = images.interrupted;
  result.provider = segmenter.provider();
  result.wall_s = images.wall_s;
  result.read_s = images.read_s;
  result.decode_s = images.decode_s;
  result.read_cpu_s = images.read_cpu_s;
  result.decode_cpu_s = images.decode_cpu_s;
  result.process_cpu_s = images.process_cpu_s;
  mask.Fill(result);
  WriteMaskReport(job, segmenter, seg_options, result);
  return result;
}

}  // namespace prep360
