#include "prep360/cli/job_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "prep360/cli/interrupt.h"
#include "prep360/job/run_job.h"
#include "prep360/pipeline/split_report.h"
#include "prep360/pipeline/terminal_observer.h"
#include "prep360/scale/shard.h"

namespace prep360::cli {
namespace {

std::map<std::string, std::shared_ptr<JobFlags>>& Registry() {
  static std::map<std::string, std::shared_ptr<JobFlags>> registry;
  return registry;
}

int FinishSplit(const SplitResult& r, bool quiet, const std::filesystem::path& report) {
  if (!quiet) std::fputs(FormatSplitSummary(r).c_str(), stderr);
  if (r.counts.interrupted) return kExitInterrupted;
  if (!r.counts.failures.empty()) {
    std::error_code ec;
    const bool listed = std::filesystem::exists(report, ec);  // a full disk may have kept it from being written
    std::fprintf(stderr, "prep360: %zu problem(s), %lld of %lld frames done (listed above%s%s)\n",
                 r.counts.failures.size(), static_cast<long long>(r.counts.frames_done),
                 static_cast<long long>(r.counts.frames_total), listed ? " and in " : "",
                 listed ? report.string().c_str() : "");
    return kExitFailure;
  }
  return kExitOk;
}

int FinishMask(const MaskJobResult& r, bool quiet) {
  if (!quiet) {
    const double n = static_cast<double>(std::max<std::int64_t>(1, r.images - r.failed));
    std::fprintf(stderr,
                 "prep360 mask: %lld images, %lld masks written, %lld with nothing masked, %lld failed; %s; "
                 "%.2f s (inference %.1f ms/image)\n",
                 static_cast<long long>(r.images), static_cast<long long>(r.written), static_cast<long long>(r.empty),
                 static_cast<long long>(r.failed), r.provider.c_str(), r.wall_s, r.model.inference_s * 1000.0 / n);
  }
  if (r.interrupted) return kExitInterrupted;
  return r.failed > 0 ? kExitFailure : kExitOk;
}

// ocr: the wall time per image read, split in proportion to the summed busy times (inference of
// each model; other = read, decode, resizing, DB post-processing, crops, CTC, writing).
void PrintOcrTimes(const OcrJobResult& o) {
  const ImageJobResult& r = o.images;
  const double busy = r.read_s + r.decode_s + r.work_s + r.finish_s;
  if (r.done == 0 || busy <= 0) return;
  const double per_image = 1000.0 * r.wall_s / static_cast<double>(r.done);
  const double scale = per_image / busy;
  const OcrTimes& t = o.times;
  std::fprintf(stderr, "ocr: per image %.1f ms = detection %.1f + angle %.1f + recognition %.1f + other %.1f ms\n",
               per_image, t.detection_s * scale, t.angle_s * scale, t.recognition_s * scale,
               per_image - (t.detection_s + t.angle_s + t.recognition_s) * scale);
}

// detect, blur, ocr, classify: one summary line (ocr: and its times per image).
int FinishImages(const JobOutcome& o, bool quiet) {
  const ImageJobResult& r = *o.images();
  if (!quiet) {
    std::string what;
    switch (o.command) {
      case JobCommand::kDetect:
        what = fmt::format("{} detections ({} on {})", o.detect.detections, o.detect.kind, o.detect.provider);
        break;
      case JobCommand::kBlur: what = fmt::format("{} faces blurred ({})", o.blur.faces, o.blur.provider); break;
      case JobCommand::kOcr: what = fmt::format("{} text line(s) ({})", o.ocr.texts, o.ocr.provider); break;
      default:
        what = fmt::format("{} labels ({}, inference {:.1f} ms/image)", o.classify.labels, o.classify.provider,
                           1000.0 * o.classify.inference_s / static_cast<double>(std::max<std::int64_t>(1, r.done)));
    }
    std::fprintf(stderr, "prep360 %s: %lld images, %s, %lld failed; %.2f s\n", std::string(NameOf(o.command)).c_str(),
                 static_cast<long long>(r.images), what.c_str(), static_cast<long long>(r.failed), r.wall_s);
    if (o.command == JobCommand::kOcr) PrintOcrTimes(o.ocr);
  }
  if (r.interrupted) return kExitInterrupted;
  return r.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace

Runner AddJobCommand(CLI::App& app, JobCommand command, const std::string& description,
                     const std::function<void(JobFlags&)>& bind) {
  CLI::App* cmd = app.add_subcommand(std::string(NameOf(command)), description);
  auto flags = std::make_shared<JobFlags>(*cmd, command);
  bind(*flags);
  Registry()[cmd->get_name()] = flags;
  return [cmd, flags]() -> int {
    if (!cmd->parsed()) return -1;
    if (flags->Finish()) return kExitOk;
    return flags->RewritePointers([&] { return RunJobDocument(flags->job(), flags->quiet()); });
  };
}

void PreloadJobConfig(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const auto it = Registry().find(argv[i]);
    if (it == Registry().end()) continue;
    it->second->PreloadConfig(std::vector<std::string>(argv + i + 1, argv + argc));
    return;
  }
}

int RunJobDocument(const JobDocument& job, bool quiet) {
  const CancelToken cancel = InstallInterruptHandler();
  TerminalObserver observer(job.runtime.progress);
  const JobOutcome outcome = RunJob(job, observer, cancel);
  if (job.command == JobCommand::kMask) return FinishMask(outcome.mask, quiet);
  if (outcome.images() != nullptr) return FinishImages(outcome, quiet);
  const int code = FinishSplit(outcome.split, quiet, JobReportFile(job.output, job));
  if (!quiet) {
    for (const std::string& line : outcome.export_lines) std::fprintf(stderr, "prep360 export %s\n", line.c_str());
  }
  return code;
}

}  // namespace prep360::cli
