// JobSchema(): the JSON Schema of the job document, generated from the field tables.
#include "prep360/job/job_document.h"

namespace prep360 {
namespace {

// if command == name then the groups it does not use are absent.
Json CommandRule(const EnumName<JobCommand>& command) {
  const JobGroups g = GroupsOf(command.value);
  Json absent = Json::object();
  const std::pair<const char*, bool> groups[] = {{"source", g.source}, {"rig", g.rig},   {"encode", g.encode},
                                                 {"detect", g.detect}, {"mask", g.mask}, {"dataset", g.dataset},
                                                 {"input", g.input},   {"privacy", g.privacy},
                                                 {"ocr", g.ocr},       {"classify", g.classify}};
  for (const auto& [name, used] : groups) {
    if (!used) absent[name] = false;
  }
  return Json{{"if", {{"properties", {{"command", {{"const", std::string(command.name)}}}}}}},
              {"then", {{"properties", absent}}}};
}

}  // namespace

Json JobSchema() {
  Json commands = Json::array();
  std::string command_help = "What the job does:";
  Json rules = Json::array();
  for (const auto& c : EnumNames<JobCommand>::table) {
    commands.push_back(std::string(c.name));
    command_help += std::string(" ") + std::string(c.name) + ": " + c.help + ";";
    rules.push_back(CommandRule(c));
  }
  command_help.pop_back();
  Json props;
  props["command"] = {{"type", "string"}, {"enum", commands}, {"description", command_help}};
  props["inputs"] = {{"type", "array"},
                     {"items", {{"type", "string"}}},
                     {"minItems", 1},
                     {"description", "split: panorama files or folders of them; run, extract: one video; "
                                     "mask, detect, blur, ocr, classify: image files and folders of images (searched "
                                     "recursively)"}};
  props["output"] = {{"type", "string"},
                     {"description", "The dataset folder, created if missing (mask: the masks folder)"}};
  props["source"] = SettingsSchema<SourceSettings>("run, extract: which video frames become dataset frames");
  props["input"] = SettingsSchema<InputSettings>("split, run, extract: the projection the input holds");
  props["rig"] = SettingsSchema<RigRequest>("split, run: the rig of pinhole views and how they are sampled");
  props["encode"] = SettingsSchema<EncodeSettings>("split, run, extract: how images are written");
  props["detect"] = SettingsSchema<DetectSettings>("split, run, mask: the model that finds objects to mask");
  props["mask"] = SettingsSchema<MaskSettings>("split, run, mask: which masks are written, and how");
  props["dataset"] =
      SettingsSchema<DatasetSettings>("split, run, extract: what happens to a folder that holds a dataset");
  props["privacy"] = SettingsSchema<PrivacySettings>("split, run: what is blurred before images are encoded");
  props["ocr"] = SettingsSchema<OcrSettings>("split, run: text read on the panoramas (text.json); ocr: the models");
  props["classify"] = SettingsSchema<ClassifySettings>("classify: the classifier and its configuration");
  props["runtime"] = SettingsSchema<RuntimeSettings>("threads, memory and progress; never changes an output byte");
  Json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = "prep360 job document";
  schema["description"] =
      "One prep360 job, as the prep360 command line prints it (print-config) and runs it (config FILE). "
      "Absent fields take their defaults.";
  schema["type"] = "object";
  schema["required"] = {"command", "inputs", "output"};
  schema["additionalProperties"] = false;
  schema["properties"] = props;
  schema["allOf"] = rules;
  return schema;
}

}  // namespace prep360
