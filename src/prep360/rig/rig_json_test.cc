#include "prep360/rig/rig_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "prep360/rig/presets.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

void ExpectSameRig(const Rig& a, const Rig& b) {
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.views.size(), b.views.size());
  for (std::size_t i = 0; i < a.views.size(); ++i) {
    const View& x = a.views[i];
    const View& y = b.views[i];
    EXPECT_EQ(x.name, y.name);
    // Exactly: the writer prints the shortest text that reads back as the same double.
    EXPECT_EQ(x.yaw_deg, y.yaw_deg) << x.name;
    EXPECT_EQ(x.pitch_deg, y.pitch_deg) << x.name;
    EXPECT_EQ(x.roll_deg, y.roll_deg) << x.name;
    EXPECT_EQ(x.hfov_deg, y.hfov_deg) << x.name;
    EXPECT_EQ(x.width, y.width) << x.name;
    EXPECT_EQ(x.height, y.height) << x.name;
  }
}

TEST(RigJsonTest, ParsesTheSchema) {
  const Rig rig = ParseRigJson(R"({"name": "mine", "views": [
      {"name": "front", "hfov": 90},
      {"name": "up.1", "yaw": -12.5, "pitch": 90, "roll": 3, "hfov": 100, "width": 1920, "height": 1080},
      {"name": "A_b-9", "pitch": -90, "hfov": 0.5}]})",
                               "r.json");
  EXPECT_EQ(rig.name, "mine");
  ASSERT_EQ(rig.views.size(), 3u);
  EXPECT_EQ(rig.views[0].name, "front");
  EXPECT_EQ(rig.views[0].yaw_deg, 0);  // defaults
  EXPECT_EQ(rig.views[0].width, 0);
  EXPECT_EQ(rig.views[1].yaw_deg, -12.5);
  EXPECT_EQ(rig.views[1].pitch_deg, 90);
  EXPECT_EQ(rig.views[1].roll_deg, 3);
  EXPECT_EQ(rig.views[1].width, 1920);
  EXPECT_EQ(rig.views[1].height, 1080);
  EXPECT_EQ(rig.views[2].hfov_deg, 0.5);
  // Without "name" the rig takes the file's stem.
  EXPECT_EQ(ParseRigJson(R"({"views": [{"name": "a", "hfov": 90}]})", "dir/my_rig.json").name, "my_rig");
}

TEST(RigJsonTest, RoundTripsEveryPresetAndOddNumbers) {
  for (const PresetInfo& p : ListPresets()) {
    std::string name = p.name;
    if (name.ends_with(":N")) name.replace(name.size() - 1, 1, "37");
    const Rig rig = MakePreset(name);
    ExpectSameRig(ParseRigJson(RigToJson(rig), "x.json"), rig);
  }
  Rig odd;
  odd.name = "odd \"quoted\" name";
  odd.views = {View{"a", 0.1, -1e-7, 1.0 / 3, 179.99999999999997, 16384, 1},
               View{"b", -0.0, 89.99999999999999, 1e300, 1e-300, 0, 0}};
  const std::string json = RigToJson(odd);
  ExpectSameRig(ParseRigJson(json, "odd.json"), odd);
  EXPECT_EQ(json.find("-0,"), std::string::npos);  // no negative zero
  EXPECT_NE(json.find(R"({"name": "a", "yaw": 0.1, )"), std::string::npos) << json;
}

TEST(RigJsonTest, WritesOneViewPerLine) {
  Rig rig;
  rig.name = "r";
  rig.views = {View{"front", 0, 0, 0, 90, 0, 0}, View{"up", 0, 90, 0, 90, 640, 480}};
  EXPECT_EQ(RigToJson(rig),
            "{\n"
            "  \"name\": \"r\",\n"
            "  \"views\": [\n"
            "    {\"name\": \"front\", \"yaw\": 0, \"pitch\": 0, \"roll\": 0, \"hfov\": 90},\n"
            "    {\"name\": \"up\", \"yaw\": 0, \"pitch\": 90, \"roll\": 0, \"hfov\": 90, \"width\": 640, "
            "\"height\": 480}\n"
            "  ]\n"
            "}\n");
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseRigJson(text, "rigs/r.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// One valid view with `extra` spliced in, as views[1] after a valid views[0].
std::string SecondView(const std::string& body) {
  return R"({"views": [{"name": "ok", "hfov": 90}, {)" + body + "}]}";
}

TEST(RigJsonTest, RejectsNonJsonWithThePosition) {
  const std::string e = ErrorOf("{\"views\": [\n  {\"name\": \"a\" \"hfov\": 90}]}");
  EXPECT_EQ(e.rfind("rigs/r.json: not valid JSON: parse error at line 2, column ", 0), 0u) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  EXPECT_EQ(ErrorOf("").rfind("rigs/r.json: not valid JSON: ", 0), 0u);
}

TEST(RigJsonTest, RejectsBadTopLevel) {
  EXPECT_EQ(ErrorOf("[1, 2]"), "rigs/r.json: must be a JSON object with a \"views\" array");
  EXPECT_EQ(ErrorOf(R"({"name": "x"})"), "rigs/r.json: views: missing (required: an array of views)");
  EXPECT_EQ(ErrorOf(R"({"views": {}})"), "rigs/r.json: views: must be an array of views");
  EXPECT_EQ(ErrorOf(R"({"views": []})"), "rigs/r.json: views: must not be empty");
  EXPECT_EQ(ErrorOf(R"({"views": [{"name": "a", "hfov": 90}], "fov": 3})"),
            "rigs/r.json: fov: unknown key (allowed: name, views)");
  EXPECT_EQ(ErrorOf(R"({"name": 5, "views": [{"name": "a", "hfov": 90}]})"),
            "rigs/r.json: name: must be a string");
  EXPECT_EQ(ErrorOf(R"({"views": [{"name": "ok", "hfov": 90}, 7]})"),
            "rigs/r.json: views[1]: must be an object");
}

TEST(RigJsonTest, RejectsUnknownViewKeys) {
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "fov": 90)")),
            "rigs/r.json: views[1].fov: unknown key (allowed: name, yaw, pitch, roll, hfov, width, height)");
}

// Found by fuzz/rig_json_fuzzer: a key with an escaped newline put a line break into the message.
TEST(RigJsonTest, UnknownKeysWithOddCharactersAreQuotedOnOneLine) {
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "pit\nch": 90)")),
            "rigs/r.json: views[1].\"pit\\nch\": unknown key (allowed: name, yaw, pitch, roll, hfov, width, height)");
  EXPECT_EQ(ErrorOf(R"({"views": [{"name": "a", "hfov": 90}], "": 3})"),
            "rigs/r.json: \"\": unknown key (allowed: name, views)");
}

TEST(RigJsonTest, RejectsBadNames) {
  EXPECT_EQ(ErrorOf(SecondView(R"("hfov": 90)")), "rigs/r.json: views[1].name: missing (required)");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": 3, "hfov": 90)")), "rigs/r.json: views[1].name: must be a string");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "", "hfov": 90)")),
            "rigs/r.json: views[1].name: must not be empty");
  for (const char* bad : {"a/b", "a b", "..", ".", "x\\\\y", "caf\u00e9", "tab\\t"}) {
    const std::string e = ErrorOf(SecondView(std::string(R"("name": ")") + bad + R"(", "hfov": 90)"));
    EXPECT_EQ(e.rfind("rigs/r.json: views[1].name: ", 0), 0u) << e;
    EXPECT_NE(e.find("is not a safe folder name (use only A-Z a-z 0-9 _ . -, not . or ..)"),
              std::string::npos)
        << e;
  }
  EXPECT_EQ(
      ErrorOf(SecondView(R"("name": "a/b", "hfov": 90)")),
      "rigs/r.json: views[1].name: \"a/b\" is not a safe folder name (use only A-Z a-z 0-9 _ . -, not . "
      "or ..)");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "ok", "hfov": 90)")),
            "rigs/r.json: views[1].name: \"ok\" is already used by views[0]");
}

TEST(RigJsonTest, RejectsBadAngles) {
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "yaw": "90", "hfov": 90)")),
            "rigs/r.json: views[1].yaw: must be a number");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "roll": true, "hfov": 90)")),
            "rigs/r.json: views[1].roll: must be a number");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "pitch": null, "hfov": 90)")),
            "rigs/r.json: views[1].pitch: must be a number");
  // Non-finite numbers cannot be written in JSON (no NaN or Infinity) and overflowing ones are
  // refused by the parser, with their position.
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "yaw": 1e999, "hfov": 90)")),
            "rigs/r.json: not valid JSON: number overflow parsing '1e999' at line 1, column 61");
  EXPECT_EQ(ErrorOf("{\"views\": [\n {\"name\": \"b\", \"roll\": -1e999, \"hfov\": 90}]}"),
            "rigs/r.json: not valid JSON: number overflow parsing '-1e999' at line 2, column 24");
  EXPECT_EQ(
      ErrorOf(SecondView(R"("name": "b", "yaw": NaN, "hfov": 90)")).rfind("rigs/r.json: not valid JSON: ", 0),
      0u);
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "pitch": 90.001, "hfov": 90)")),
            "rigs/r.json: views[1].pitch: must be in [-90, 90] degrees");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "pitch": -91, "hfov": 90)")),
            "rigs/r.json: views[1].pitch: must be in [-90, 90] degrees");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "yaw": 720, "roll": -400, "hfov": 90)")), "(no error)");
}

TEST(RigJsonTest, RejectsBadHfov) {
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b")")), "rigs/r.json: views[1].hfov: missing (required)");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": "90")")),
            "rigs/r.json: views[1].hfov: must be a number");
  for (const char* bad : {"0", "180", "-5", "180.5", "1000"}) {
    EXPECT_EQ(ErrorOf(SecondView(std::string(R"("name": "b", "hfov": )") + bad)),
              "rigs/r.json: views[1].hfov: must be in (0, 180) degrees")
        << bad;
  }
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 179.9)")), "(no error)");
}

TEST(RigJsonTest, RejectsBadSizes) {
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "width": 640)")),
            "rigs/r.json: views[1]: width and height must be given together (or neither, for density-matched "
            "views)");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "height": 640)")),
            "rigs/r.json: views[1]: width and height must be given together (or neither, for density-matched "
            "views)");
  for (const char* bad : {"0", "-16", "640.5", "640.0", "\"640\"", "true", "null"}) {
    EXPECT_EQ(ErrorOf(SecondView(std::string(R"("name": "b", "hfov": 90, "height": 480, "width": )") + bad)),
              "rigs/r.json: views[1].width: must be a positive integer")
        << bad;
    EXPECT_EQ(ErrorOf(SecondView(std::string(R"("name": "b", "hfov": 90, "width": 480, "height": )") + bad)),
              "rigs/r.json: views[1].height: must be a positive integer")
        << bad;
  }
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "width": 16385, "height": 480)")),
            "rigs/r.json: views[1].width: must be at most 16384");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "width": 480, "height": 99999999999)")),
            "rigs/r.json: views[1].height: must be at most 16384");
  EXPECT_EQ(ErrorOf(SecondView(R"("name": "b", "hfov": 90, "width": 16384, "height": 1)")), "(no error)");
}

TEST(RigJsonTest, ReadAndLoadRigFiles) {
  testkit::TempDir dir;
  const std::string path = dir / "studio.json";
  std::ofstream(path) << R"({"views": [{"name": "front", "hfov": 80}]})";
  const Rig rig = ReadRigJson(path);
  EXPECT_EQ(rig.name, "studio");
  EXPECT_EQ(rig.views[0].hfov_deg, 80);
  EXPECT_EQ(LoadRig(path).views.size(), 1u);

  const std::string upper = dir / "UPPER.JSON";
  std::ofstream(upper) << R"({"views": [{"name": "front", "hfov": 80}]})";
  EXPECT_EQ(LoadRig(upper).name, "UPPER");

  const std::string missing = dir / "missing.json";
  try {
    LoadRig(missing);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": cannot open rig file: No such file or directory");
  }
  // A bad file's errors name the path as given.
  const std::string bad = dir / "bad.json";
  std::ofstream(bad) << R"({"views": [{"name": "front", "hfov": 200}]})";
  try {
    ReadRigJson(bad);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), bad + ": views[0].hfov: must be in (0, 180) degrees");
  }
  // An existing file without the .json extension is not taken for a preset name.
  const std::string txt = dir / "rig.txt";
  std::ofstream(txt) << "{}";
  try {
    LoadRig(txt);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), txt + ": a rig file must be JSON with a .json extension");
  }
  // Otherwise LoadRig takes presets.
  EXPECT_EQ(LoadRig("cube6").views.size(), 6u);
  EXPECT_EQ(LoadRig(kDefaultRigName).name, kDefaultRigName);
  EXPECT_THROW(LoadRig("nonsense"), Error);
}

}  // namespace
}  // namespace prep360
