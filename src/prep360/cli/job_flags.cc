#include "prep360/cli/job_flags.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

#include "prep360/cli/commands.h"

namespace prep360::cli {
namespace {

// A CLI11 check from a field's range: "expected an integer 1..100, got 120".
template <class T>
CLI::Validator RangeCheck(const Field& field) {
  const std::string expected = ExpectedText<T>(field);
  return CLI::Validator(
      [field, expected](std::string& text) -> std::string {
        double v = 0;
        try {
          std::size_t used = 0;
          v = std::stod(text, &used);
          if (used != text.size()) return "";  // not a number: CLI11's own conversion reports it
        } catch (const std::exception&) {
          return "";
        }
        return field.InRange(v) ? "" : "expected " + expected + ", got " + text;
      },
      expected.substr(expected.find(' ') + 1));
}

std::string LongestName(const CLI::Option* option) {
  const auto& names = option->get_lnames();
  return names.empty() ? option->get_name() : "--" + names.front();
}

}  // namespace

JobFlags::JobFlags(CLI::App& cmd, JobCommand command) : cmd_(cmd), binder_(cmd), job_(JobDocument::For(command)) {
  cmd_.add_option("-o,--output", job_.output, "Output folder (created if missing)");
  binder_.Note("/output", "--output");
  cmd_.add_option("--config", config_,
                  "Run the job document in FILE (see --print-config); flags given beside it override it");
  cmd_.add_flag("--print-config", print_config_,
                "Print the complete job document these flags describe (JSON, every field) and exit");
  cmd_.add_flag("-q,--quiet", quiet_, "No progress and no summary");
}

template <class S>
CLI::Option* FieldBinder::Bind(const std::string& flag, S& group, const std::string& group_name,
                               std::string_view field) {
  CLI::App& app = app_;
  CLI::Option* option = nullptr;
  S::Fields(group, [&](const Field& f, auto& value) {
    if (f.name != field) return;
    using T = std::decay_t<decltype(value)>;
    const std::string help(f.help);
    if constexpr (std::is_same_v<T, bool>) {
      option = app.add_flag(flag, value, help);
    } else if constexpr (std::is_enum_v<T>) {
      std::map<std::string, T> names;
      for (const auto& e : EnumNames<T>::table) names.emplace(std::string(e.name), e.value);
      option = app.add_option(flag, value, help + ": " + ChoiceList<T>())
                   ->transform(CLI::CheckedTransformer(names).description(""))
                   ->default_str(std::string(NameOf(value)));
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      // One comma-separated value per use, so a positional argument after it is not swallowed.
      option = app.add_option(flag, value, help + ", comma-separated")->delimiter(',')->allow_extra_args(false);
    } else if constexpr (std::is_same_v<T, std::string>) {
      option = app.add_option(flag, value, help);
    } else {
      option = app.add_option(flag, value, help)->check(RangeCheck<T>(f))->default_str(fmt::format("{}", value));
    }
  });
  if (option == nullptr) throw std::logic_error("no field " + group_name + "." + std::string(field));
  pointer_flags_.emplace_back("/" + group_name + "/" + std::string(field), LongestName(option));
  return option;
}

CLI::Option* FieldBinder::BindFlag(const std::string& flag, bool& field, const std::string& pointer,
                                   const std::string& help) {
  CLI::Option* option = app_.add_flag(flag, field, help);
  pointer_flags_.emplace_back(pointer, LongestName(option));
  return option;
}

CLI::Option* FieldBinder::BindOff(const std::string& flag, bool& field, const std::string& pointer,
                                  const std::string& help) {
  CLI::Option* option = app_.add_flag_callback(flag, [&field] { field = false; }, help);
  pointer_flags_.emplace_back(pointer, flag);
  return option;
}

void JobFlags::AddInputs(const std::string& name, const std::string& help) {
  CLI::Option* option = cmd_.add_option(name, job_.inputs, help);
  if (job_.command == JobCommand::kRun || job_.command == JobCommand::kExtract) option->expected(1);
  binder_.Note("/inputs", name);
}

void JobFlags::AddSource() {
  SourceSettings& s = job_.source;
  auto* fps = binder_.Bind("--fps", s, "source", "fps");
  binder_.Bind("--every", s, "source", "every")->excludes(fps);
  binder_.Bind("--start", s, "source", "start");
  binder_.Bind("--end", s, "source", "end");
  binder_.Bind("--max-frames", s, "source", "max_frames");
  binder_.Bind("--select", s, "source", "select");
  binder_.Bind("--min-motion", s, "source", "min_motion");
  binder_.Bind("--force", s, "source", "force");
  binder_.Bind("--decode-threads", s, "source", "decode_threads");
  binder_.Bind("--stream", s, "source", "stream");
}

void JobFlags::AddInput() {
  InputSettings& in = job_.input;
  binder_.Bind("--input", in, "input", "projection");
  binder_.Bind("--lens-fov", in, "input", "lens_fov");
  binder_.Bind("--lens-calib", in, "input", "lens_calib");
  binder_.BindOff("--no-cross-lens", in.cross_lens, "/input/cross_lens",
                  "Dual fisheye: keep each view within the lens nearest its centre");
}

void FieldBinder::AddRig(RigRequest& rig, bool with_interpolation) {
  Bind("--rig", rig, "rig", "name");
  Bind("--fov", rig, "rig", "hfov");
  app_.add_option_function<std::string>(
         "--size",
         [&rig](const std::string& text) {
           const auto x = text.find('x');
           try {
             std::size_t used_w = 0, used_h = 0;
             const std::string w = text.substr(0, x), h = x == std::string::npos ? "" : text.substr(x + 1);
             rig.width = std::stoi(w, &used_w);
             rig.height = std::stoi(h, &used_h);
             if (used_w != w.size() || used_h != h.size()) throw std::invalid_argument(text);
           } catch (const std::exception&) {
             throw CLI::ValidationError("--size", "'" + text + "' is not WIDTHxHEIGHT (e.g. 1920x1080)");
           }
         },
         "View size WIDTHxHEIGHT for every view, each side 16..16384 (default: the rig's, else matched to "
         "the panorama's angular resolution at the view centre, rounded to 16)")
      ->type_name("WxH");
  pointer_flags_.emplace_back("/rig/width", "--size");
  pointer_flags_.emplace_back("/rig/height", "--size");
  if (with_interpolation) Bind("--interp", rig, "rig", "interpolation");
}

void JobFlags::AddEncode() {
  EncodeSettings& e = job_.encode;
  binder_.Bind("--format", e, "encode", "format");
  binder_.Bind("--quality", e, "encode", "quality");
  binder_.Bind("--subsampling", e, "encode", "subsampling");
  binder_.Bind("--png-level", e, "encode", "png_level");
  binder_.BindOff("--no-metadata", e.metadata, "/encode/metadata", "Write no EXIF/XMP into the images");
}

void JobFlags::AddDetect() {
  DetectSettings& d = job_.detect;
  for (const auto& [flag, field] : std::initializer_list<std::pair<const char*, const char*>>{
           {"--model", "model"}, {"--device", "device"}, {"--classes", "classes"}, {"--class-names", "class_names"},
           {"--conf", "conf"}, {"--iou", "iou"}, {"--min-area", "min_area"}, {"--max-det", "max_det"},
           {"--batch", "batch"}, {"--input-size", "input_size"}}) {
    detect_options_.push_back(binder_.Bind(flag, d, "detect", field));
  }
}

void JobFlags::AddMask(bool with_sphere_masks) {
  MaskSettings& m = job_.mask;
  if (with_sphere_masks) {
    binder_.BindFlag("--mask", m.objects, "/mask/objects",
             "Detect objects with --model on a detection rig of 22 overlapping views, merge the detections on "
             "the sphere and write one mask per view (docs/masks.md)");
  }
  binder_.Bind("--mask-style", m, "mask", "style");
  binder_.Bind("--dilate", m, "mask", "dilate");
  binder_.Bind("--invert", m, "mask", "invert");
  if (with_sphere_masks) {
    binder_.Bind("--mask-nadir", m, "mask", "nadir");
    binder_.Bind("--ownership-masks", m, "mask", "ownership");
  }
}

void JobFlags::AddDataset(bool with_keep_equirect) {
  DatasetSettings& d = job_.dataset;
  binder_.Bind("--resume", d, "dataset", "resume");
  binder_.Bind("--overwrite", d, "dataset", "overwrite");
  if (with_keep_equirect) binder_.Bind("--keep-equirect", d, "dataset", "keep_equirect");
  if (job_.command != JobCommand::kExtract) binder_.Bind("--export", d, "dataset", "export");
}

void JobFlags::AddPrivacy() {
  PrivacySettings& p = job_.privacy;
  binder_.Bind("--blur", p, "privacy", "blur");
  binder_.Bind("--face-model", p, "privacy", "face_model");
  binder_.Bind("--face-score", p, "privacy", "face_score");
}

void JobFlags::AddAnnotations() {
  binder_.Bind("--detect", job_.detect, "detect", "write");
  binder_.Bind("--blur-equirect", job_.privacy, "privacy", "blur_equirect");
  OcrSettings& o = job_.ocr;
  binder_.Bind("--ocr", o, "ocr", "read");
  binder_.Bind("--ocr-min-score", o, "ocr", "min_score");
  binder_.Bind("--ocr-max-side", o, "ocr", "max_side");
  binder_.Bind("--ocr-device", o, "ocr", "device");
}

void JobFlags::AddOcr() {
  OcrSettings& o = job_.ocr;
  binder_.Bind("--det-model", o, "ocr", "det_model");
  binder_.Bind("--rec-model", o, "ocr", "rec_model");
  binder_.Bind("--cls-model", o, "ocr", "cls_model");
  binder_.Bind("--dict", o, "ocr", "dictionary");
  binder_.BindOff("--no-angle", o.angle, "/ocr/angle", "Skip angle classification (every line taken as upright)");
  binder_.Bind("--max-side", o, "ocr", "max_side");
  binder_.Bind("--unclip", o, "ocr", "unclip");
  binder_.Bind("--min-score", o, "ocr", "min_score");
  binder_.Bind("--device", o, "ocr", "device");
}

void JobFlags::AddClassify() {
  ClassifySettings& c = job_.classify;
  binder_.Bind("--model", c, "classify", "model");
  binder_.Bind("--model-config", c, "classify", "config");
  binder_.Bind("--device", c, "classify", "device");
}

void JobFlags::AddRuntime() {
  RuntimeSettings& r = job_.runtime;
  binder_.Bind("-j,--threads", r, "runtime", "threads");
  binder_.Bind("--frames-in-flight", r, "runtime", "frames_in_flight");
  binder_.Bind("--progress", r, "runtime", "progress");
  binder_.Bind("--shard", r, "runtime", "shard");
}

void JobFlags::PreloadConfig(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string path;
    if (args[i] == "--config" && i + 1 < args.size()) path = args[i + 1];
    if (args[i].rfind("--config=", 0) == 0) path = args[i].substr(9);
    if (path.empty()) continue;
    JobDocument loaded = ReadJobDocument(path, /*check=*/false);
    if (loaded.command != job_.command) {
      throw Error(fmt::format("{}: /command: is \"{}\", but this is prep360 {}", path, NameOf(loaded.command),
                              NameOf(job_.command)));
    }
    job_ = std::move(loaded);
    return;
  }
}

std::string FieldBinder::FlagsForPointers(std::string message) const {
  // Longest pointers first, so "/source/end" does not rewrite part of a longer one.
  auto pairs = pointer_flags_;
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [pointer, flag] : pairs) {
    for (std::size_t at = message.find(pointer); at != std::string::npos; at = message.find(pointer, at)) {
      const std::size_t end = at + pointer.size();
      if (end < message.size() && (std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '_' ||
                                   message[end] == '/')) {
        at = end;
        continue;
      }
      message.replace(at, pointer.size(), flag);
      at += flag.size();
    }
  }
  return message;
}

bool JobFlags::Finish() {
  if (quiet_) job_.runtime.progress = ProgressMode::kNone;
  for (const CLI::Option* option : detect_options_) {
    if (LongestName(option) == "--device") continue;  // also the reprojection's device (docs/gpu.md)
    if (option->count() > 0 && !job_.mask.objects && !job_.detect.write && job_.command != JobCommand::kMask &&
        job_.command != JobCommand::kDetect) {
      throw UsageError(LongestName(option) + " is given without --mask or --detect");
    }
  }
  try {
    if (print_config_) {
      JobDocument shown = job_;
      if (shown.inputs.empty()) shown.inputs.push_back("INPUT");
      if (shown.output.empty()) shown.output = "OUTPUT";
      shown.Check();
      std::fputs(JobToText(job_).c_str(), stdout);
      return true;
    }
    job_.Check();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    throw UsageError(config_.empty() ? binder_.FlagsForPointers(e.what()) : config_ + " (with the flags beside it): " + e.what());
  }
  return false;
}

}  // namespace prep360::cli
