#include "prep360/rig/rig_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "prep360/rig/presets.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using Json = nlohmann::json;

constexpr int kMaxViewSide = 16384;

// "file: field: reason"
[[noreturn]] void Fail(const std::string& file, const std::string& field, const std::string& reason) {
  throw FileError(file, field.empty() ? reason : field + ": " + reason);
}

bool IsSafeName(std::string_view name) {
  if (name == "." || name == "..") return false;
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// A key as it appears in a message: as is when it is a plain name, else JSON-quoted, so that
// control characters ("a\nb") are escaped and the message stays on one line.
std::string KeyForMessage(const std::string& key) {
  return !key.empty() && IsSafeName(key) ? key : Json(key).dump();
}

// One line describing a parse failure, with its position.
std::string ParseFailure(const Json::exception& e, const std::string& text) {
  // e.what() is "[json.exception.parse_error.101] parse error at line L, column C: ..." or, for a
  // number too large for a double (1e999), "[json.exception.out_of_range.406] number overflow
  // parsing '1e999'", which has no position: find the number in the text for one.
  std::string message = e.what();
  if (const auto pos = message.find("] "); pos != std::string::npos) message = message.substr(pos + 2);
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  if (e.id == 406 && open != std::string::npos && close > open + 1) {
    const std::string token = message.substr(open + 1, close - open - 1);
    if (const auto at = text.find(token); at != std::string::npos) {
      const auto newline = text.rfind('\n', at);
      const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
      message += fmt::format(" at line {}, column {}", line, at - line_start + 1);
    }
  }
  return "not valid JSON: " + message;
}

double ReadAngle(const Json& view, const char* key, const std::string& file, const std::string& path,
                 bool required) {
  const auto it = view.find(key);
  const std::string field = path + "." + key;
  if (it == view.end()) {
    if (required) Fail(file, field, "missing (required)");
    return 0;
  }
  if (!it->is_number()) Fail(file, field, "must be a number");
  const double value = it->get<double>();
  if (!std::isfinite(value)) Fail(file, field, "must be a finite number");  // defensive: JSON has none
  return value;
}

int ReadSide(const Json& value, const std::string& file, const std::string& field) {
  if (!value.is_number_integer()) Fail(file, field, "must be a positive integer");
  const auto side = value.get<std::int64_t>();
  if (side <= 0) Fail(file, field, "must be a positive integer");
  if (side > kMaxViewSide) Fail(file, field, fmt::format("must be at most {}", kMaxViewSide));
  return static_cast<int>(side);
}

View ReadView(const Json& j, const std::string& file, const std::string& path,
              std::map<std::string, std::string>& seen_names) {
  if (!j.is_object()) Fail(file, path, "must be an object");
  for (const auto& [key, value] : j.items()) {
    static constexpr std::string_view kKeys[] = {"name", "yaw", "pitch", "roll", "hfov", "width", "height"};
    bool known = false;
    for (const std::string_view k : kKeys) known = known || key == k;
    if (!known)
      Fail(file, path + "." + KeyForMessage(key), "unknown key (allowed: name, yaw, pitch, roll, hfov, width, height)");
  }
  View view;
  const auto name = j.find("name");
  if (name == j.end()) Fail(file, path + ".name", "missing (required)");
  if (!name->is_string()) Fail(file, path + ".name", "must be a string");
  view.name = name->get<std::string>();
  if (view.name.empty()) Fail(file, path + ".name", "must not be empty");
  if (!IsSafeName(view.name)) {
    Fail(file, path + ".name",
         fmt::format("{} is not a safe folder name (use only A-Z a-z 0-9 _ . -, not . or ..)",
                     Json(view.name).dump()));
  }
  if (const auto [it, inserted] = seen_names.emplace(view.name, path); !inserted) {
    Fail(file, path + ".name", fmt::format("{} is already used by {}", Json(view.name).dump(), it->second));
  }
  view.yaw_deg = ReadAngle(j, "yaw", file, path, false);
  view.pitch_deg = ReadAngle(j, "pitch", file, path, false);
  if (view.pitch_deg < -90 || view.pitch_deg > 90)
    Fail(file, path + ".pitch", "must be in [-90, 90] degrees");
  view.roll_deg = ReadAngle(j, "roll", file, path, false);
  view.hfov_deg = ReadAngle(j, "hfov", file, path, true);
  if (!(view.hfov_deg > 0 && view.hfov_deg < 180)) Fail(file, path + ".hfov", "must be in (0, 180) degrees");
  const auto width = j.find("width");
  const auto height = j.find("height");
  if ((width == j.end()) != (height == j.end())) {
    Fail(file, path, "width and height must be given together (or neither, for density-matched views)");
  }
  if (width != j.end()) {
    view.width = ReadSide(*width, file, path + ".width");
    view.height = ReadSide(*height, file, path + ".height");
  }
  return view;
}

// Shortest text that reads back as the same double; never "-0".
std::string Number(double v) {
  if (!std::isfinite(v)) throw Error(fmt::format("rig JSON: cannot write the non-finite number {}", v));
  return v == 0 ? "0" : fmt::format("{}", v);
}

}  // namespace

Rig ParseRigJson(const std::string& text, const std::string& name_for_errors) {
  const std::string& file = name_for_errors;
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::exception& e) {
    Fail(file, "", ParseFailure(e, text));
  }
  if (!j.is_object()) Fail(file, "", "must be a JSON object with a \"views\" array");
  for (const auto& [key, value] : j.items()) {
    if (key != "name" && key != "views") Fail(file, KeyForMessage(key), "unknown key (allowed: name, views)");
  }
  Rig rig;
  rig.name = std::filesystem::path(file).stem().string();
  if (const auto name = j.find("name"); name != j.end()) {
    if (!name->is_string()) Fail(file, "name", "must be a string");
    rig.name = name->get<std::string>();
  }
  const auto views = j.find("views");
  if (views == j.end()) Fail(file, "views", "missing (required: an array of views)");
  if (!views->is_array()) Fail(file, "views", "must be an array of views");
  if (views->empty()) Fail(file, "views", "must not be empty");
  std::map<std::string, std::string> seen_names;
  for (std::size_t i = 0; i < views->size(); ++i) {
    rig.views.push_back(ReadView((*views)[i], file, fmt::format("views[{}]", i), seen_names));
  }
  return rig;
}

Rig ReadRigJson(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw FileError(path, fmt::format("cannot open rig file: {}", std::strerror(errno)));
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f.get())) > 0) text.append(buffer, n);
  if (std::ferror(f.get())) throw FileError(path, "cannot read rig file");
  return ParseRigJson(text, path);
}

std::string RigToJson(const Rig& rig) {
  std::string out = "{\n";
  out += fmt::format("  \"name\": {},\n  \"views\": [\n", Json(rig.name).dump());
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    const View& v = rig.views[i];
    out += fmt::format("    {{\"name\": {}, \"yaw\": {}, \"pitch\": {}, \"roll\": {}, \"hfov\": {}",
                       Json(v.name).dump(), Number(v.yaw_deg), Number(v.pitch_deg), Number(v.roll_deg),
                       Number(v.hfov_deg));
    if (v.width > 0 || v.height > 0) {
      // A single side means a square view (ResolveViewSizes); the schema wants both.
      const int w = v.width > 0 ? v.width : v.height;
      const int h = v.height > 0 ? v.height : v.width;
      out += fmt::format(", \"width\": {}, \"height\": {}", w, h);
    }
    out += i + 1 < rig.views.size() ? "},\n" : "}\n";
  }
  out += "  ]\n}\n";
  return out;
}

Rig LoadRig(const std::string& preset_or_path) {
  const std::string& arg = preset_or_path;
  std::string ext = std::filesystem::path(arg).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json") return ReadRigJson(arg);
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) {
    throw FileError(arg, "a rig file must be JSON with a .json extension");
  }
  return MakePreset(arg);
}

}  // namespace prep360
