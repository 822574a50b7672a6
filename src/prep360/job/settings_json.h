#pragma once
// JSON form of a settings struct with a field table (util/fields.h): write every field, read
// with errors that name the JSON pointer, and the JSON Schema (draft 2020-12) of the struct.
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "prep360/util/fields.h"

namespace prep360 {

using Json = nlohmann::ordered_json;

// Every field, in table order, defaults included.
template <class S>
Json SettingsToJson(const S& s) {
  Json j = Json::object();
  S::Fields(s, [&](const Field& f, const auto& value) {
    using T = std::decay_t<decltype(value)>;
    if constexpr (std::is_enum_v<T>) {
      j[std::string(f.name)] = std::string(NameOf(value));
    } else {
      j[std::string(f.name)] = value;
    }
  });
  return j;
}

// A key as it appears in a message: as is when it is a plain name, else JSON-quoted (so a key
// holding a newline keeps the message on one line).
inline std::string KeyText(const std::string& key) {
  bool plain = !key.empty();
  for (const char c : key) plain &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return plain ? key : Json(key).dump();
}

namespace settings_json_detail {

[[noreturn]] inline void Fail(const std::string& pointer, const std::string& expected, const Json& got) {
  throw Error(pointer + ": expected " + expected + ", got " + got.dump());
}

template <class T>
void ReadValue(const Json& j, const Field& f, T& value, const std::string& pointer) {
  const std::string expected = ExpectedText<T>(f);
  if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) Fail(pointer, expected, j);
    value = j.get<bool>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) Fail(pointer, expected, j);
    value = j.get<std::string>();
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!j.is_array()) Fail(pointer, expected, j);
    T items;
    for (const Json& item : j) {
      if (!item.is_string()) Fail(pointer, expected, j);
      items.push_back(item.get<std::string>());
    }
    value = std::move(items);
  } else if constexpr (std::is_enum_v<T>) {
    // Canonical names only: the document is what --print-config writes.
    bool found = false;
    if (j.is_string()) {
      for (const auto& e : EnumNames<T>::table) {
        if (e.help != nullptr && e.name == j.get<std::string>()) {
          value = e.value;
          found = true;
        }
      }
    }
    if (!found) Fail(pointer, expected, j);
  } else if constexpr (kIsIntegerField<T>) {
    if (!j.is_number_integer() || !f.InRange(j.get<double>())) Fail(pointer, expected, j);
    value = static_cast<T>(j.get<std::int64_t>());
  } else {
    static_assert(kIsNumberField<T>);
    if (!j.is_number() || !f.InRange(j.get<double>())) Fail(pointer, expected, j);
    value = static_cast<T>(j.get<double>());
  }
}

}  // namespace settings_json_detail

// Reads the fields present in `j` into `s` (absent ones keep their value). Throws Error
// "<pointer>/<field>: ..." for an unknown field, a wrong type or a value out of range.
template <class S>
void SettingsFromJson(const Json& j, S& s, const std::string& pointer) {
  if (!j.is_object()) settings_json_detail::Fail(pointer, "an object", j);
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string names;
    bool known = false;
    S::Fields(s, [&](const Field& f, const auto&) {
      known |= f.name == it.key();
      names += (names.empty() ? "" : ", ") + std::string(f.name);
    });
    if (!known) throw Error(pointer + "/" + KeyText(it.key()) + ": unknown field (known: " + names + ")");
  }
  S::Fields(s, [&](const Field& f, auto& value) {
    const auto it = j.find(std::string(f.name));
    if (it != j.end()) settings_json_detail::ReadValue(*it, f, value, pointer + "/" + std::string(f.name));
  });
}

// The JSON Schema of one field, with its default.
template <class T>
Json FieldSchema(const Field& f, const T& default_value) {
  Json s;
  s["description"] = std::string(f.help);
  if constexpr (std::is_same_v<T, bool>) {
    s["type"] = "boolean";
  } else if constexpr (std::is_same_v<T, std::string>) {
    s["type"] = "string";
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    s["type"] = "array";
    s["items"] = {{"type", "string"}};
  } else if constexpr (std::is_enum_v<T>) {
    s["type"] = "string";
    Json names = Json::array(), help = Json::array();
    for (const auto& e : EnumNames<T>::table) {
      if (e.help == nullptr) continue;
      names.push_back(std::string(e.name));
      help.push_back(std::string(e.name) + ": " + e.help);
    }
    s["enum"] = names;
    std::string all;
    for (const Json& h : help) all += (all.empty() ? "" : "; ") + h.get<std::string>();
    s["description"] = std::string(f.help) + " (" + all + ")";
  } else {
    Json range;
    range["type"] = kIsIntegerField<T> ? "integer" : "number";
    if (f.HasMin()) range[f.min_exclusive ? "exclusiveMinimum" : "minimum"] = f.min;
    if (f.HasMax()) range[f.max_exclusive ? "exclusiveMaximum" : "maximum"] = f.max;
    if (f.off) {
      s["anyOf"] = Json::array({range, Json{{"const", *f.off}}});
    } else {
      for (auto it = range.begin(); it != range.end(); ++it) s[it.key()] = it.value();
    }
  }
  if constexpr (std::is_enum_v<T>) {
    s["default"] = std::string(NameOf(default_value));
  } else {
    s["default"] = default_value;
  }
  return s;
}

// {"type": "object", "additionalProperties": false, "properties": {...}} of a default S.
template <class S>
Json SettingsSchema(const std::string& description) {
  const S defaults{};
  Json props = Json::object();
  S::Fields(defaults, [&](const Field& f, const auto& value) { props[std::string(f.name)] = FieldSchema(f, value); });
  return Json{{"type", "object"}, {"description", description}, {"additionalProperties", false}, {"properties", props}};
}

}  // namespace prep360
