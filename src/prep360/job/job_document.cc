#include "prep360/job/job_document.h"

#include "prep360/export/dataset_export.h"

#include <fmt/format.h>

#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/scale/shard.h"

namespace prep360 {
namespace {

// Calls visit(name, settings) for every group the command uses, in document order.
template <class Doc, class V>
void ForEachGroup(Doc& job, V&& visit) {
  const JobGroups g = GroupsOf(job.command);
  if (g.source) visit("source", job.source);
  if (g.input) visit("input", job.input);
  if (g.rig) visit("rig", job.rig);
  if (g.encode) visit("encode", job.encode);
  if (g.detect) visit("detect", job.detect);
  if (g.mask) visit("mask", job.mask);
  if (g.dataset) visit("dataset", job.dataset);
  if (g.privacy) visit("privacy", job.privacy);
  if (g.ocr) visit("ocr", job.ocr);
  if (g.classify) visit("classify", job.classify);
  visit("runtime", job.runtime);
}

bool IsGroupName(const std::string& key) {
  return key == "source" || key == "input" || key == "rig" || key == "encode" || key == "detect" || key == "mask" ||
         key == "dataset" || key == "privacy" || key == "ocr" || key == "classify" || key == "runtime";
}

void CheckInputs(const JobDocument& job) {
  if (job.inputs.empty()) throw Error("/inputs: at least one input is required");
  if (job.output.empty()) throw Error("/output: the output folder is required");
  for (std::size_t i = 0; i < job.inputs.size(); ++i) {
    if (job.inputs[i].empty()) throw Error(fmt::format("/inputs/{}: empty path", i));
  }
  const bool one_video = job.command == JobCommand::kRun || job.command == JobCommand::kExtract;
  if (one_video && job.inputs.size() != 1) {
    throw Error(fmt::format("/inputs: {} takes one video (got {})", NameOf(job.command), job.inputs.size()));
  }
}

void CheckSource(const SourceSettings& s) {
  CheckFieldRanges(s, "/source");
  if (s.sampling.fps > 0 && s.sampling.every > 0) throw Error("/source/every: cannot be combined with /source/fps");
  if (s.sampling.end_s >= 0 && s.sampling.end_s <= s.sampling.start_s) {
    throw Error(fmt::format("/source/end: {} s is not after /source/start ({} s)", s.sampling.end_s,
                            s.sampling.start_s));
  }
}

void CheckMasking(const JobDocument& job) {
  CheckFieldRanges(job.detect, "/detect");
  if (job.command == JobCommand::kDetect) {
    if (job.detect.model.empty()) throw Error("/detect/model: required (a registry name such as face, or a path)");
    return;
  }
  CheckFieldRanges(job.mask, "/mask");
  const bool detects = job.mask.objects || job.detect.write;
  if (job.detect.write && job.command != JobCommand::kSplit && job.command != JobCommand::kRun) {
    throw Error("/detect/write: only split and run write dataset detections");
  }
  if (detects && job.detect.model.empty()) {
    throw Error(job.mask.objects ? "/detect/model: required when /mask/objects is true"
                                 : "/detect/model: required when /detect/write is true");
  }
  if (!detects && !job.detect.model.empty()) throw Error("/detect/model: set, but /mask/objects and /detect/write are false");
  if (job.command == JobCommand::kMask) {
    if (!job.mask.objects) throw Error("/mask/objects: the mask command always detects objects (true)");
    if (job.mask.nadir >= 0) throw Error("/mask/nadir: not used by the mask command (views have no pano direction)");
    if (job.mask.ownership) throw Error("/mask/ownership: not used by the mask command");
  }
}

}  // namespace

JobGroups GroupsOf(JobCommand command) {
  switch (command) {
    // source, rig, encode, detect, mask, dataset, input, privacy, ocr, classify
    case JobCommand::kSplit: return {false, true, true, true, true, true, true, true, true};
    case JobCommand::kRun: return {true, true, true, true, true, true, true, true, true};
    case JobCommand::kExtract: return {true, false, true, false, false, true, true, false};
    case JobCommand::kMask: return {false, false, false, true, true, false, false, false};
    case JobCommand::kDetect: return {false, false, false, true, false, false, false, false};
    case JobCommand::kBlur: return {false, false, true, false, false, false, false, true};
    case JobCommand::kOcr: return {false, false, false, false, false, false, false, false, true};
    case JobCommand::kClassify: return {false, false, false, false, false, false, false, false, false, true};
  }
  return {};
}

JobDocument JobDocument::For(JobCommand command) {
  JobDocument job;
  job.command = command;
  if (command == JobCommand::kMask) job.mask.objects = true;
  if (command == JobCommand::kDetect) job.detect.model = "face";
  if (command == JobCommand::kBlur) job.privacy.blur = BlurTarget::kFaces;
  if (command == JobCommand::kOcr) job.ocr.read = true;
  return job;
}

void JobDocument::Check() const {
  CheckInputs(*this);
  const JobGroups g = GroupsOf(command);
  if (g.source) CheckSource(source);
  if (g.input) CheckFieldRanges(input, "/input");
  if (g.rig) rig.Check("/rig");
  if (g.encode) CheckFieldRanges(encode, "/encode");
  if (g.detect) CheckMasking(*this);
  if (g.dataset) {
    CheckFieldRanges(dataset, "/dataset");
    if (dataset.resume && dataset.overwrite) throw Error("/dataset/overwrite: cannot be combined with /dataset/resume");
    if (dataset.keep_equirect && command != JobCommand::kRun) {
      throw Error(fmt::format("/dataset/keep_equirect: only run keeps equirect frames (this is {})", NameOf(command)));
    }
    CheckSplitExports(dataset.exports, command == JobCommand::kExtract);
  }
  if (g.privacy) {
    CheckFieldRanges(privacy, "/privacy");
    if (command == JobCommand::kBlur && privacy.blur != BlurTarget::kFaces) {
      throw Error("/privacy/blur: the blur command blurs faces (faces)");
    }
    if (privacy.blur == BlurTarget::kFaces && privacy.face_model.empty()) {
      throw Error("/privacy/face_model: required when /privacy/blur is faces");
    }
    if (privacy.blur_equirect && privacy.blur != BlurTarget::kFaces) {
      throw Error("/privacy/blur_equirect: needs /privacy/blur faces (the faces it blurs)");
    }
  }
  if (g.ocr) {
    CheckFieldRanges(ocr, "/ocr");
    if (command == JobCommand::kOcr && !ocr.read) throw Error("/ocr/read: the ocr command always reads text (true)");
    if (ocr.read && ocr.dictionary.empty() && FindRegistryModel(ocr.rec_model) == nullptr) {
      throw Error("/ocr/dictionary: required when /ocr/rec_model is a path (" + ocr.rec_model + ")");
    }
  }
  if (g.classify) {
    CheckFieldRanges(classify, "/classify");
    if (classify.model.empty()) throw Error("/classify/model: required (the classifier's ONNX file)");
  }
  CheckFieldRanges(runtime, "/runtime");
  CheckShardSettings(*this);
}

Json JobToJson(const JobDocument& job) {
  Json j;
  j["command"] = std::string(NameOf(job.command));
  j["inputs"] = job.inputs;
  j["output"] = job.output;
  ForEachGroup(job, [&](const char* name, const auto& group) { j[name] = SettingsToJson(group); });
  return j;
}

std::string JobToText(const JobDocument& job) { return JobToJson(job).dump(2) + "\n"; }

std::string JobRecordText(const JobDocument& job) {
  JobDocument record = job;
  record.dataset.resume = false;
  record.dataset.overwrite = false;
  Json j = JobToJson(record);
  j.erase("runtime");
  return j.dump(2) + "\n";
}

JobDocument ParseJobDocument(const std::string& text, const std::string& name_for_errors, bool check) {
  try {
    Json j;
    try {
      j = Json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> from "at line";
      // a number too large for a double is an out_of_range error ("number overflow ...").
      const std::string what = e.what();
      const auto at = what.find("at line");
      const auto bracket = what.find("] ");
      throw Error("not valid JSON: " + (at != std::string::npos        ? what.substr(at)
                                        : bracket != std::string::npos ? what.substr(bracket + 2)
                                                                       : what));
    }
    if (!j.is_object()) throw Error("expected a JSON object (a job document), got " + j.dump().substr(0, 40));
    const auto command = j.find("command");
    if (command == j.end()) throw Error("/command: required (one of " + ChoiceList<JobCommand>() + ")");
    JobCommand cmd{};
    bool known = false;
    if (command->is_string()) known = LookupName(command->get<std::string>(), &cmd);
    if (!known) throw Error("/command: expected one of " + ChoiceList<JobCommand>() + ", got " + command->dump());
    JobDocument job = JobDocument::For(cmd);
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "command") continue;
      if (key == "inputs") {
        if (!it->is_array()) throw Error("/inputs: expected an array of paths, got " + it->dump());
        job.inputs.clear();
        for (const Json& p : *it) {
          if (!p.is_string()) throw Error("/inputs: expected an array of paths, got " + it->dump());
          job.inputs.push_back(p.get<std::string>());
        }
      } else if (key == "output") {
        if (!it->is_string()) throw Error("/output: expected a path, got " + it->dump());
        job.output = it->get<std::string>();
      } else if (!IsGroupName(key)) {
        throw Error("/" + KeyText(key) + ": unknown field");
      }
    }
    bool used = false;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!IsGroupName(it.key())) continue;
      used = false;
      ForEachGroup(job, [&](const char* name, auto& group) {
        if (it.key() != name) return;
        used = true;
        SettingsFromJson(*it, group, "/" + it.key());
      });
      if (!used) throw Error(fmt::format("/{}: not used by {}", it.key(), NameOf(cmd)));
    }
    if (check) job.Check();
    return job;
  } catch (const Error& e) {
    throw FileError(name_for_errors, e.what());
  }
}

JobDocument ReadJobDocument(const std::string& path, bool check) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
  return ParseJobDocument(std::string(bytes.begin(), bytes.end()), path, check);
}

}  // namespace prep360
