// The job document: defaults, JSON round trip, errors naming the JSON pointer, Check() rules and
// the schema generated from the same field tables.
#include "prep360/job/job_document.h"

#include <gtest/gtest.h>

#include <set>

namespace prep360 {
namespace {

std::string ErrorOf(const std::string& text) {
  try {
    ParseJobDocument(text, "job.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(JobDocumentTest, DefaultsAreWrittenOnce) {
  const JobDocument job = JobDocument::For(JobCommand::kRun);
  EXPECT_EQ(job.encode.codec.jpeg_quality, 95);
  EXPECT_EQ(job.encode.format, ImageFormat::kJpeg);
  EXPECT_EQ(job.detect.conf, 0.25);
  EXPECT_EQ(job.detect.iou, 0.7);
  EXPECT_EQ(job.detect.max_det, 300);
  EXPECT_EQ(job.rig.name, kDefaultRigName);
  EXPECT_EQ(job.source.sampling.end_s, -1);
  EXPECT_FALSE(job.mask.objects);
  EXPECT_TRUE(JobDocument::For(JobCommand::kMask).mask.objects);
}

TEST(JobDocumentTest, PrintsOnlyTheCommandsGroupsWithEveryField) {
  JobDocument job = JobDocument::For(JobCommand::kExtract);
  job.inputs = {"walk.mp4"};
  job.output = "frames";
  const Json j = JobToJson(job);
  EXPECT_EQ(j["command"], "extract");
  EXPECT_TRUE(j.contains("source"));
  EXPECT_TRUE(j.contains("encode"));
  EXPECT_TRUE(j.contains("dataset"));
  EXPECT_TRUE(j.contains("runtime"));
  EXPECT_FALSE(j.contains("rig"));
  EXPECT_FALSE(j.contains("detect"));
  EXPECT_FALSE(j.contains("mask"));
  EXPECT_EQ(j["source"]["end"], -1.0);
  EXPECT_EQ(j["source"]["select"], "first");
  EXPECT_EQ(j["encode"].size(), 5u);
}

TEST(JobDocumentTest, RoundTripKeepsEveryValue) {
  JobDocument job = JobDocument::For(JobCommand::kRun);
  job.inputs = {"walk.mp4"};
  job.output = "out";
  job.source.sampling.fps = 2;
  job.source.sampling.select = SelectMode::kSharpest;
  job.rig.name = "cube6";
  job.rig.width = 640;
  job.rig.height = 480;
  job.rig.interpolation = Interpolation::kLanczos3;
  job.encode.format = ImageFormat::kPng;
  job.encode.codec.jpeg_subsampling = ChromaSubsampling::k444;
  job.detect.model = "m.onnx";
  job.detect.classes = {"person", "car"};
  job.detect.conf = 0.4;
  job.detect.max_det = 17;
  job.mask.objects = true;
  job.mask.style = MaskStyle::kMetashape;
  job.mask.nadir = 60;
  job.dataset.keep_equirect = true;
  job.runtime.threads = 3;
  const std::string text = JobToText(job);
  const JobDocument back = ParseJobDocument(text, "job.json");
  EXPECT_EQ(JobToText(back), text);
  EXPECT_EQ(back.detect.max_det, 17);
  EXPECT_EQ(back.mask.style, MaskStyle::kMetashape);
  EXPECT_EQ(back.rig.interpolation, Interpolation::kLanczos3);
}

TEST(JobDocumentTest, AbsentFieldsTakeDefaults) {
  const JobDocument job =
      ParseJobDocument(R"({"command": "split", "inputs": ["a.jpg"], "output": "o", "encode": {"quality": 80}})", "j");
  EXPECT_EQ(job.encode.codec.jpeg_quality, 80);
  EXPECT_EQ(job.encode.codec.png_compression, 1);
  EXPECT_EQ(job.rig.name, kDefaultRigName);
}

TEST(JobDocumentTest, ErrorsNameTheFileThePointerAndTheReason) {
  const std::string head = R"({"command": "split", "inputs": ["a.jpg"], "output": "o", )";
  EXPECT_EQ(ErrorOf(head + R"("encode": {"quality": "high"}})"),
            R"(job.json: /encode/quality: expected an integer 1..100, got "high")");
  EXPECT_EQ(ErrorOf(head + R"("encode": {"quality": 101}})"),
            "job.json: /encode/quality: expected an integer 1..100, got 101");
  EXPECT_EQ(ErrorOf(head + R"("encode": {"quality": 9.5}})"),
            "job.json: /encode/quality: expected an integer 1..100, got 9.5");
  EXPECT_EQ(ErrorOf(head + R"("encode": {"format": "gif"}})"),
            R"(job.json: /encode/format: expected one of jpg, png, tif, got "gif")");
  EXPECT_EQ(ErrorOf(head + R"("rig": {"hfov": 180}})"),
            "job.json: /rig/hfov: expected a number in (0, 180) or 0 (off), got 180");
  EXPECT_EQ(ErrorOf(head + R"("mask": {"nadir": 91}})"),
            "job.json: /mask/nadir: expected a number 0..90 or -1 (off), got 91");
  EXPECT_EQ(ErrorOf(head + R"("mask": {"invert": 1}})"), "job.json: /mask/invert: expected true or false, got 1");
  EXPECT_EQ(ErrorOf(head + R"("detect": {"classes": "person"}})"),
            R"(job.json: /detect/classes: expected an array of strings, got "person")");
  EXPECT_EQ(ErrorOf(head + R"("encode": {"qualty": 90}})").rfind("job.json: /encode/qualty: unknown field (known: format, quality", 0), 0u);
  EXPECT_EQ(ErrorOf(head + R"("extra": 1})"), "job.json: /extra: unknown field");
  // A key holding a newline is quoted, so the message stays on one line.
  EXPECT_EQ(ErrorOf(head + R"("ex\ntra": 1})"), R"(job.json: /"ex\ntra": unknown field)");
  EXPECT_EQ(ErrorOf(head + R"("source": {"fps": 2}})"), "job.json: /source: not used by split");
  EXPECT_EQ(ErrorOf(R"({"inputs": []})"),
            "job.json: /command: required (one of split, run, extract, mask, detect, blur, ocr, classify)");
  EXPECT_EQ(ErrorOf(R"({"command": "cut"})"),
            R"(job.json: /command: expected one of split, run, extract, mask, detect, blur, ocr, classify, got "cut")");
  EXPECT_EQ(ErrorOf("{\"command\": \"split\",}").rfind("job.json: not valid JSON: at line 1, column 21", 0), 0u);
  EXPECT_EQ(ErrorOf("[1]"), "job.json: expected a JSON object (a job document), got [1]");
  // A number too large for a double (found by job_document_fuzzer: an uncaught out_of_range).
  EXPECT_EQ(ErrorOf(R"({"command": "split", "x": 166e666})").rfind("job.json: not valid JSON: ", 0), 0u)
      << ErrorOf(R"({"command": "split", "x": 166e666})");
}

TEST(JobDocumentTest, CheckEnforcesTheRulesBetweenFields) {
  auto rule = [](const std::string& body) {
    return ErrorOf(R"({"command": "run", "inputs": ["v.mp4"], "output": "o", )" + body + "}");
  };
  EXPECT_EQ(rule(R"("source": {"fps": 2, "every": 3})"), "job.json: /source/every: cannot be combined with /source/fps");
  EXPECT_EQ(rule(R"("source": {"start": 5, "end": 4})"), "job.json: /source/end: 4 s is not after /source/start (5 s)");
  EXPECT_EQ(rule(R"("rig": {"width": 640})"), "job.json: /rig/height: width and height are set together (got 640x0)");
  EXPECT_EQ(rule(R"("mask": {"objects": true})"), "job.json: /detect/model: required when /mask/objects is true");
  EXPECT_EQ(rule(R"("detect": {"model": "m.onnx"})"),
            "job.json: /detect/model: set, but /mask/objects and /detect/write are false");
  EXPECT_EQ(rule(R"("detect": {"write": true})"), "job.json: /detect/model: required when /detect/write is true");
  EXPECT_EQ(rule(R"("privacy": {"blur_equirect": true})"),
            "job.json: /privacy/blur_equirect: needs /privacy/blur faces (the faces it blurs)");
  EXPECT_EQ(ErrorOf(R"({"command": "mask", "inputs": ["d"], "output": "o", "detect": {"model": "m.onnx", "write": true}})"),
            "job.json: /detect/write: only split and run write dataset detections");
  EXPECT_EQ(ErrorOf(R"({"command": "mask", "inputs": ["d"], "output": "o", "ocr": {"read": true}})"),
            "job.json: /ocr: not used by mask");
  EXPECT_EQ(rule(R"("ocr": {"max_side": 8})"), "job.json: /ocr/max_side: expected an integer 32..8192, got 8");
  EXPECT_EQ(rule(R"("dataset": {"resume": true, "overwrite": true})"),
            "job.json: /dataset/overwrite: cannot be combined with /dataset/resume");
  EXPECT_EQ(ErrorOf(R"({"command": "run", "inputs": ["a.mp4", "b.mp4"], "output": "o"})"),
            "job.json: /inputs: run takes one video (got 2)");
  EXPECT_EQ(ErrorOf(R"({"command": "split", "inputs": [], "output": "o"})"),
            "job.json: /inputs: at least one input is required");
  EXPECT_EQ(ErrorOf(R"({"command": "split", "inputs": ["a"], "output": "o", "dataset": {"keep_equirect": true}})"),
            "job.json: /dataset/keep_equirect: only run keeps equirect frames (this is split)");
  EXPECT_EQ(ErrorOf(R"({"command": "mask", "inputs": ["d"], "output": "o", "detect": {"model": "m.onnx"},
                        "mask": {"nadir": 30}})"),
            "job.json: /mask/nadir: not used by the mask command (views have no pano direction)");
}

TEST(JobDocumentTest, ImageCommandsTakeFilesAndFoldersAndTheirOwnGroups) {
  const JobDocument ocr = ParseJobDocument(R"({"command": "ocr", "inputs": ["a.png", "photos"], "output": "o",
                                               "ocr": {"device": "cpu", "min_score": 0.7}})",
                                           "job.json");
  EXPECT_EQ(ocr.inputs, (std::vector<std::string>{"a.png", "photos"}));
  EXPECT_TRUE(ocr.ocr.read);
  EXPECT_EQ(ocr.ocr.device, Device::kCpu);
  EXPECT_DOUBLE_EQ(ocr.ocr.min_score, 0.7);
  const Json printed = JobToJson(ocr);
  EXPECT_FALSE(printed.contains("detect"));
  EXPECT_EQ(printed["ocr"]["rec_model"], "ocr-rec");
  EXPECT_EQ(ErrorOf(R"({"command": "ocr", "inputs": ["a"], "output": "o", "ocr": {"read": false}})"),
            "job.json: /ocr/read: the ocr command always reads text (true)");
  EXPECT_EQ(ErrorOf(R"({"command": "ocr", "inputs": ["a"], "output": "o", "ocr": {"rec_model": "r.onnx"}})"),
            "job.json: /ocr/dictionary: required when /ocr/rec_model is a path (r.onnx)");
  EXPECT_EQ(ErrorOf(R"({"command": "ocr", "inputs": ["a"], "output": "o", "detect": {"model": "m.onnx"}})"),
            "job.json: /detect: not used by ocr");
  // split reads text on its own device.
  EXPECT_EQ(ParseJobDocument(R"({"command": "split", "inputs": ["a.jpg"], "output": "o",
                                 "ocr": {"read": true, "device": "cpu"}})", "j").ocr.device, Device::kCpu);

  const JobDocument cls = ParseJobDocument(
      R"({"command": "classify", "inputs": ["d"], "output": "o", "classify": {"model": "c.onnx", "config": "c.json"}})",
      "job.json");
  EXPECT_EQ(cls.classify.model, "c.onnx");
  EXPECT_EQ(cls.classify.config, "c.json");
  EXPECT_EQ(cls.classify.device, Device::kAuto);
  EXPECT_EQ(ErrorOf(R"({"command": "classify", "inputs": ["d"], "output": "o"})"),
            "job.json: /classify/model: required (the classifier's ONNX file)");
  EXPECT_EQ(ErrorOf(R"({"command": "detect", "inputs": ["d"], "output": "o", "classify": {"model": "c.onnx"}})"),
            "job.json: /classify: not used by detect");
  // Several inputs for an image job; still one video for run.
  EXPECT_EQ(ParseJobDocument(R"({"command": "mask", "inputs": ["a", "b"], "output": "o",
                                 "detect": {"model": "m.onnx"}})", "j").inputs.size(), 2u);
}

TEST(JobDocumentTest, SchemaDescribesEveryFieldWithDefaultsEnumsAndRanges) {
  const Json schema = JobSchema();
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema["additionalProperties"], false);
  const Json& props = schema["properties"];
  const Json& quality = props["encode"]["properties"]["quality"];
  EXPECT_EQ(quality["type"], "integer");
  EXPECT_EQ(quality["minimum"], 1.0);
  EXPECT_EQ(quality["maximum"], 100.0);
  EXPECT_EQ(quality["default"], 95);
  EXPECT_FALSE(quality["description"].get<std::string>().empty());
  EXPECT_EQ(props["encode"]["properties"]["format"]["enum"], Json::array({"jpg", "png", "tif"}));
  EXPECT_EQ(props["rig"]["properties"]["hfov"]["anyOf"][0]["exclusiveMaximum"], 180.0);
  EXPECT_EQ(props["detect"]["properties"]["max_det"]["default"], 300);
  // Every field a full document prints is in the schema, and nothing else.
  for (JobCommand command : {JobCommand::kSplit, JobCommand::kRun, JobCommand::kExtract, JobCommand::kMask,
                            JobCommand::kDetect, JobCommand::kBlur, JobCommand::kOcr, JobCommand::kClassify}) {
    const Json doc = JobToJson(JobDocument::For(command));
    for (auto group = doc.begin(); group != doc.end(); ++group) {
      ASSERT_TRUE(props.contains(group.key())) << group.key();
      if (!group->is_object()) continue;
      std::set<std::string> in_doc, in_schema;
      for (auto f = group->begin(); f != group->end(); ++f) in_doc.insert(f.key());
      for (auto f = props[group.key()]["properties"].begin(); f != props[group.key()]["properties"].end(); ++f) {
        in_schema.insert(f.key());
      }
      EXPECT_EQ(in_doc, in_schema) << group.key();
    }
  }
  // extract forbids the rig group.
  bool found = false;
  for (const Json& rule : schema["allOf"]) {
    if (rule["if"]["properties"]["command"]["const"] == "extract") {
      EXPECT_EQ(rule["then"]["properties"]["rig"], false);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace prep360
