// prep360 ocr IMAGES -o OUT: PP-OCRv4 text reading, one OUT/<stem>.json per image.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "prep360/cli/commands.h"
#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/ocr/ocr_json.h"
#include "prep360/ocr/ocr_pipeline.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/util/atomic_file.h"

namespace prep360::cli {
namespace {

struct OcrArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string det = "ocr-det", rec = "ocr-rec", cls = "ocr-cls", dict;
  bool no_angle = false;
  std::string device = "auto";
  int threads = 0;
  int max_side = 960;
  float min_score = 0.5f;
  double unclip = 1.5;
};

OcrModelPaths ResolveOcrModels(const OcrArgs& a) {
  OcrModelPaths m;
  m.detector = ResolveModel(a.det);
  m.recognizer = ResolveModel(a.rec);
  if (!a.no_angle) m.angle = ResolveModel(a.cls);
  m.dictionary = a.dict;
  if (m.dictionary.empty()) {
    const RegistryModel* rec = FindRegistryModel("ocr-rec");
    if (FindRegistryModel(a.rec) == nullptr) {
      throw UsageError("--rec-model " + a.rec + " is a path: give its dictionary with --dict");
    }
    m.dictionary = InstalledPath(*rec, rec->companion).string();
  }
  return m;
}

// Totals over the images, shared by the workers.
struct OcrTally {
  std::mutex mutex;
  int failed = 0;
  std::size_t texts = 0;
  OcrTimes times;
  double busy_s = 0;  // summed per-image time: read, OCR, write
};

void ReadOne(const OcrPipeline& pipeline, const InputFile& input, const std::string& output, OcrTally& tally) {
  const auto start = std::chrono::steady_clock::now();
  OcrTimes times;
  try {
    const std::vector<OcrText> found = pipeline.Read(ReadImage(input.path), &times);
    WriteTextFileAtomic((std::filesystem::path(output) / (input.frame_name + ".json")).string(),
                        OcrJson(found).dump(2) + "\n");
    const std::lock_guard<std::mutex> lock(tally.mutex);
    tally.texts += found.size();
  } catch (const DiskFullError&) {
    throw;
  } catch (const Error& e) {
    const std::lock_guard<std::mutex> lock(tally.mutex);
    std::fprintf(stderr, "prep360: %s\n", e.what());
    ++tally.failed;
    return;
  }
  const std::lock_guard<std::mutex> lock(tally.mutex);
  tally.times.detection_s += times.detection_s;
  tally.times.angle_s += times.angle_s;
  tally.times.recognition_s += times.recognition_s;
  tally.busy_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Per image: the wall time over the images read, split in proportion to the summed stage times
// (inference of each model; other = decode, resizing, DB post-processing, crops, CTC, writing).
void PrintTimes(const OcrTally& t, double wall_s, std::size_t done) {
  if (done == 0 || t.busy_s <= 0) return;
  const double scale = 1000.0 * wall_s / static_cast<double>(done) / t.busy_s;
  const double inference = t.times.detection_s + t.times.angle_s + t.times.recognition_s;
  std::fprintf(stderr, "ocr: per image %.1f ms = detection %.1f + angle %.1f + recognition %.1f + other %.1f ms\n",
               t.busy_s * scale, t.times.detection_s * scale, t.times.angle_s * scale,
               t.times.recognition_s * scale, (t.busy_s - inference) * scale);
}

int Run(const OcrArgs& a) {
  const std::vector<InputFile> inputs = ExpandInputs(a.inputs);
  // Images are read in parallel, each by one thread: text lines are small inputs that keep one
  // core busy better than they split across two.
  const int workers = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  OcrOptions options;
  options.device = a.device;
  options.threads = 1;
  options.detector.max_side = a.max_side;
  options.detector.db.unclip_ratio = a.unclip;
  options.min_score = a.min_score;
  const OcrPipeline pipeline(ResolveOcrModels(a), options,
                             [](const std::string& line) { std::fprintf(stderr, "prep360: %s\n", line.c_str()); });
  std::filesystem::create_directories(a.output);
  OcrTally tally;
  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(workers);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, inputs.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) ReadOne(pipeline, inputs[i], a.output, tally);
    });
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::size_t done = inputs.size() - static_cast<std::size_t>(tally.failed);
  std::fprintf(stderr, "ocr: %zu image(s), %zu text line(s), %d failed -> %s (%s)\n", done, tally.texts,
               tally.failed, a.output.c_str(), pipeline.provider().c_str());
  PrintTimes(tally, wall, done);
  return tally.failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace

Runner AddOcrCommand(CLI::App& app) {
  auto a = std::make_shared<OcrArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ocr",
      "Read text in images with PP-OCRv4 (text detection, angle classification, recognition) and write\n"
      "OUT/<stem>.json per image: {\"text\": [{\"text\", \"score\", \"quad\": [[x, y] x 4]}]}, quads in pixels.");
  cmd->add_option("images", a->inputs, "Images, or folders of images (.jpg/.png/.tif, not recursive)")
      ->required();
  cmd->add_option("-o,--output", a->output, "Output folder (created)")->required();
  cmd->add_option("--det-model", a->det, "Text detection model: registry name or .onnx path")->capture_default_str();
  cmd->add_option("--rec-model", a->rec, "Text recognition model: registry name or .onnx path")->capture_default_str();
  cmd->add_option("--cls-model", a->cls, "Text angle classifier: registry name or .onnx path")->capture_default_str();
  cmd->add_option("--dict", a->dict, "Recognition dictionary (default: the ocr-rec model's ppocr_keys_v1.txt)");
  cmd->add_flag("--no-angle", a->no_angle, "Skip angle classification (every line taken as upright)");
  cmd->add_option("--device", a->device, "auto, cpu, cuda or tensorrt")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "tensorrt"}))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Images read at once, one thread each (0 = one per core)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_option("--max-side", a->max_side, "Detection resizes images whose long side exceeds this")
      ->check(CLI::Range(32, 8192))
      ->capture_default_str();
  cmd->add_option("--unclip", a->unclip, "Text box growth around the detected kernel (DB unclip ratio)")
      ->check(CLI::Range(0.5, 4.0))
      ->capture_default_str();
  cmd->add_option("--min-score", a->min_score, "Drop texts recognised with a lower confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  return [cmd, a]() -> int {
    if (!cmd->parsed()) return -1;
    return Run(*a);
  };
}

}  // namespace prep360::cli
