#include "prep360/sfm/sfm_run.h"

#include <chrono>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/export/colmap_model.h"
#include "prep360/export/dataset_contents.h"
#include "prep360/sfm/colmap_progress.h"
#include "prep360/util/subprocess.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

void CreateFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw FileError(dir.string(), "cannot create the folder: " + ec.message());
}

// A fresh work folder: the previous run's database, models and logs go.
void ResetWork(const SfmPaths& p) {
  std::error_code ec;
  fs::remove(p.Database(), ec);
  fs::remove(p.work / "database.db-shm", ec);
  fs::remove(p.work / "database.db-wal", ec);
  fs::remove_all(p.Models(), ec);
  for (auto it = fs::directory_iterator(p.work, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".log") fs::remove(it->path(), ec);
  }
  CreateFolder(p.Models());
}

// Masks COLMAP can read (its naming, every image): ownership masks, else colmap-style object masks.
fs::path ColmapMasks(const DatasetContents& d) {
  std::error_code ec;
  if (d.mask.ownership && fs::is_directory(d.root / "sfm_masks", ec)) return d.root / "sfm_masks";
  if (d.mask.ObjectMasks() && d.mask.style == MaskStyle::kColmap && fs::is_directory(d.root / "masks", ec)) {
    return d.root / "masks";
  }
  return {};
}

std::string LastLine(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r=-") != std::string::npos) last = line;
  }
  return last;
}

// Where each step's progress goes on the bar: extraction of camera group k covers its share of
// the first third, matching the second, mapping the last.
struct BarSpan {
  double begin = 0, size = 0;
};

std::vector<BarSpan> BarSpans(const std::vector<ColmapStep>& steps, const DatasetContents& d) {
  const auto groups = CameraGroups(d.rig);
  const double views = static_cast<double>(d.rig.views.size());
  std::vector<BarSpan> spans;
  double extracted = 0;
  for (const ColmapStep& s : steps) {
    if (s.args[0] == "feature_extractor") {
      const double share = static_cast<double>(groups[spans.size()].size()) / views / 3.0;
      spans.push_back({extracted, share});
      extracted += share;
    } else if (s.args[0] == "mapper") {
      spans.push_back({2.0 / 3.0, 1.0 / 3.0});
    } else if (s.args[0] == "rig_configurator") {
      spans.push_back({1.0 / 3.0, 0});
    } else {
      spans.push_back({1.0 / 3.0, 1.0 / 3.0});
    }
  }
  return spans;
}

void RunSteps(const ColmapTool& tool, const std::vector<ColmapStep>& steps, const SfmPaths& p, int images,
              const std::vector<BarSpan>& spans, JobObserver& observer, const CancelToken& cancel, SfmReport* report) {
  const std::int64_t units = 100;  // percent
  observer.OnStart("sfm", units);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const ColmapStep& step = steps[i];
    const fs::path log = p.work / (step.name + ".log");
    std::vector<std::string> argv = {tool.path};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    const BarSpan span = spans[i];
    const auto start = std::chrono::steady_clock::now();
    const SubprocessResult r = RunSubprocess(
        argv, {kColmapHeadlessEnv}, log.string(),
        [&](const std::string& line) {
          if (const auto f = ColmapLineProgress(line, images)) {
            observer.OnProgress(static_cast<std::int64_t>((span.begin + span.size * *f) * units));
          }
        },
        &cancel);
    report->steps.push_back({step.name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
    if (r.cancelled || cancel.cancelled()) throw Error("sfm: interrupted during colmap " + step.args[0] + "; its log is " + log.string());
    if (r.exit_code != 0) {
      throw FileError(log.string(), fmt::format("colmap {} failed (exit code {}): {}", step.args[0], r.exit_code, LastLine(log)));
    }
    observer.OnProgress(static_cast<std::int64_t>((span.begin + span.size) * units));
  }
}

// The model COLMAP made with the most registered images, or nullopt when it made none.
std::optional<ColmapModel> LargestModel(const SfmPaths& p, int* count) {
  std::optional<ColmapModel> best;
  *count = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(p.Models(), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (!HasColmapModel(it->path())) continue;
    ++*count;
    ColmapModel m = ReadColmapModel(it->path());
    if (!best || m.images.size() > best->images.size()) best = std::move(m);
  }
  return best;
}

// Writes DATASET/sparse/0 (binary; text files of an earlier export there are removed).
void InstallModel(const ColmapModel& model, const fs::path& dir) {
  CreateFolder(dir);
  std::error_code ec;
  for (const char* f : {"cameras.txt", "images.txt", "points3D.txt"}) fs::remove(dir / f, ec);
  WriteColmapModelBinary(model, dir);
}

}  // namespace

SfmReport RunSfm(const fs::path& dataset, const SfmOptions& options, JobObserver& observer, const CancelToken& cancel) {
  const auto start = std::chrono::steady_clock::now();
  const DatasetContents d = ReadDatasetContents(dataset);
  if (options.matcher == SfmMatcher::kVocabTree && options.vocab_tree.empty()) {
    throw Error("sfm: vocab-tree matching needs a vocabulary tree file (https://demuc.de/colmap/)");
  }
  const ColmapTool tool = FindColmap(options.colmap);
  SfmPaths p{d.root / "colmap", d.ImagesDir(), ColmapMasks(d), d.root / "rig_config.json"};
  CreateFolder(p.work);
  ResetWork(p);
  const auto groups = CameraGroups(d.rig);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    WriteTextFileAtomic(p.ImageList(static_cast<int>(g)).string(), ImageList(d, groups[g]));
  }
  if (options.matcher == SfmMatcher::kSequential) {
    WriteTextFileAtomic(p.Pairs().string(), SequentialPairs(d, options.overlap));
  }
  SfmReport report;
  report.colmap = tool.path;
  report.colmap_version = tool.version.Text();
  report.rig_in_mapper = tool.version.AtLeast(3, 12);
  report.matcher = std::string(NameOf(options.matcher));
  report.images_total = static_cast<int>(d.frames.size() * d.rig.views.size());
  const std::vector<ColmapStep> steps = ColmapSteps(tool.version, options, d, p);
  RunSteps(tool, steps, p, report.images_total, BarSpans(steps, d), observer, cancel, &report);
  observer.OnFinish(StageTimes{});
  std::optional<ColmapModel> model = LargestModel(p, &report.models);
  if (!model) throw FileError((p.work / "mapper.log").string(), "COLMAP made no model (too few matches between the images)");
  CheckModelMatchesRig(*model, d, p.Models().string());
  InstallModel(*model, d.SparseDir());
  report.images_registered = static_cast<int>(model->images.size());
  report.points = static_cast<std::int64_t>(model->points.size());
  report.mean_reprojection_error = model->MeanReprojectionError();
  report.rig = CheckRigConsistency(*model, d);
  report.total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WriteTextFileAtomic((d.root / "sfm_report.json").string(), SfmReportJson(report));
  return report;
}

std::string SfmReportJson(const SfmReport& r) {
  nlohmann::ordered_json j;
  j["colmap"] = r.colmap;
  j["colmap_version"] = r.colmap_version;
  j["rig_in_mapper"] = r.rig_in_mapper;
  j["matcher"] = r.matcher;
  j["images_total"] = r.images_total;
  j["images_registered"] = r.images_registered;
  j["models"] = r.models;
  j["points"] = r.points;
  j["mean_reprojection_error_px"] = r.mean_reprojection_error;
  nlohmann::ordered_json frames = nlohmann::ordered_json::array();
  for (const FrameRigError& f : r.rig.frames) {
    frames.push_back({{"frame", f.frame}, {"views", f.views}, {"median_deg", f.median_deg}, {"max_deg", f.max_deg}});
  }
  j["rig_consistency"] = {{"median_deg", r.rig.median_deg}, {"max_deg", r.rig.max_deg}, {"views_compared", r.rig.compared},
                          {"frames", frames}};
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const SfmStepTime& s : r.steps) steps.push_back({{"step", s.name}, {"seconds", s.seconds}});
  j["steps"] = steps;
  j["total_seconds"] = r.total_seconds;
  return j.dump(2) + "\n";
}

std::string FormatSfmSummary(const SfmReport& r) {
  std::string out = fmt::format("prep360 sfm: COLMAP {} ({}), {} of {} images registered, {} points, mean reprojection error {:.3f} px\n",
                                r.colmap_version, r.matcher, r.images_registered, r.images_total, r.points,
                                r.mean_reprojection_error);
  out += fmt::format("  rig consistency over {} views: median {:.4f} deg, max {:.4f} deg{}\n", r.rig.compared, r.rig.median_deg,
                     r.rig.max_deg, r.rig_in_mapper ? " (the rig was held fixed by the mapper)" : "");
  out += "  time:";
  for (const SfmStepTime& s : r.steps) out += fmt::format(" {} {:.1f} s,", s.name, s.seconds);
  out += fmt::format(" total {:.1f} s\n", r.total_seconds);
  return out;
}

}  // namespace prep360
