#pragma once
// The job document: everything one prep360 job needs, as one value that every front end (the
// CLI, a service, a script) writes down, checks once and runs. Its JSON form is what
// `--print-config` prints and `--config FILE` reads:
//   {"command": "run", "inputs": ["walk.mp4"], "output": "dataset",
//    "source": {...}, "rig": {...}, "encode": {...}, "detect": {...}, "mask": {...},
//    "dataset": {...}, "runtime": {...}}
// Only the groups the command uses appear (JobGroups); every field of those does, defaults
// included. The JSON Schema (JobSchema) describes the same, generated from the field tables.
#include <string>
#include <vector>

#include "prep360/detect/classify_settings.h"
#include "prep360/detect/detect_settings.h"
#include "prep360/detect/ocr_settings.h"
#include "prep360/detect/privacy_settings.h"
#include "prep360/image/encode_settings.h"
#include "prep360/job/settings_json.h"
#include "prep360/mask/mask_settings.h"
#include "prep360/pipeline/dataset_settings.h"
#include "prep360/pipeline/rig_request.h"
#include "prep360/pipeline/runtime_settings.h"
#include "prep360/pipeline/source_settings.h"

namespace prep360 {

enum class JobCommand { kSplit, kRun, kExtract, kMask, kDetect, kBlur, kOcr, kClassify };
inline constexpr EnumName<JobCommand> kJobCommandNames[] = {
    {"split", JobCommand::kSplit, "equirect panoramas -> the rig's pinhole views"},
    {"run", JobCommand::kRun, "a 360° video -> the rig's pinhole views, in one pass"},
    {"extract", JobCommand::kExtract, "a 360° video -> equirect frames"},
    {"mask", JobCommand::kMask, "images -> one mask per image"},
    {"detect", JobCommand::kDetect, "images -> one detections JSON per image"},
    {"blur", JobCommand::kBlur, "images -> copies with every face blurred"},
    {"ocr", JobCommand::kOcr, "images -> the text each shows, one JSON per image"},
    {"classify", JobCommand::kClassify, "images -> a classifier's labels, one JSON per image"}};
template <>
struct EnumNames<JobCommand> {
  static constexpr std::span<const EnumName<JobCommand>> table{kJobCommandNames};
};

// Which settings groups a command reads.
struct JobGroups {
  bool source = false, rig = false, encode = false, detect = false, mask = false, dataset = false;
  bool input = false;    // split, run, extract: the source projection
  bool privacy = false;  // split, run, blur: what is blurred
  bool ocr = false;      // split, run: text read on the panoramas; ocr: the models
  bool classify = false;  // classify: the classifier
};
JobGroups GroupsOf(JobCommand command);

struct JobDocument {
  JobCommand command = JobCommand::kSplit;
  std::vector<std::string> inputs;  // split: panorama files or folders; run/extract: one video;
                                    // mask, detect, blur, ocr, classify: image files and folders
  std::string output;               // the dataset folder (mask: the masks folder)
  SourceSettings source;
  InputSettings input;
  RigRequest rig;
  EncodeSettings encode;
  DetectSettings detect;
  MaskSettings mask;
  PrivacySettings privacy;
  OcrSettings ocr;
  ClassifySettings classify;
  DatasetSettings dataset;
  RuntimeSettings runtime;

  // A document for `command` with every default (mask: mask.objects is true; ocr: ocr.read).
  static JobDocument For(JobCommand command);

  // Ranges and the rules between fields. Throws Error "/group/field: reason" (a JSON pointer).
  void Check() const;
};

// The document as JSON: command, inputs, output, then the command's groups, every field.
Json JobToJson(const JobDocument& job);
// JobToJson, indented, with a final newline.
std::string JobToText(const JobDocument& job);
// The document as the dataset records it in OUT/job.json: without the runtime group and with
// dataset.resume and dataset.overwrite false (how a run was started, not what the dataset is),
// so a resumed or re-threaded run writes the same file. Indented, with a final newline.
std::string JobRecordText(const JobDocument& job);

// Reads a document (absent fields take their defaults) and checks it. Throws Error
// "<name>: <pointer>: <reason>" for bad JSON, unknown fields, wrong types, values out of range,
// groups the command does not use and failed Check() rules.
// With check = false the rules of Check() are left for later (a front end may still add inputs).
JobDocument ParseJobDocument(const std::string& text, const std::string& name_for_errors, bool check = true);
JobDocument ReadJobDocument(const std::string& path, bool check = true);

// JSON Schema (draft 2020-12) of the document, with descriptions, defaults, enums and ranges.
Json JobSchema();

}  // namespace prep360
