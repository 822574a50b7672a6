#pragma once
// One name table per enum: the CLI, the job document (JSON and its schema) and the help text all
// read the same table. The first entry naming a value is its canonical name (what is printed);
// later entries for the same value are accepted aliases ("jpeg" for "jpg").
//
//   inline constexpr EnumName<ImageFormat> kImageFormatNames[] = {
//       {"jpg", ImageFormat::kJpeg, "JPEG (TurboJPEG)"}, {"jpeg", ImageFormat::kJpeg, nullptr}, ...};
//   template <> struct EnumNames<ImageFormat> { static constexpr std::span table{kImageFormatNames}; };
#include <span>
#include <string>
#include <string_view>

#include "prep360/util/error.h"

namespace prep360 {

template <class E>
struct EnumName {
  std::string_view name;
  E value;
  const char* help;  // nullptr marks an alias
};

// Specialised beside each enum: `static constexpr std::span<const EnumName<E>> table`.
template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = requires { EnumNames<E>::table; };

// The canonical name of `value`.
template <NamedEnum E>
std::string_view NameOf(E value) {
  for (const EnumName<E>& e : EnumNames<E>::table) {
    if (e.value == value) return e.name;
  }
  return "?";
}

// The canonical names, comma separated: "jpg, png, tif".
template <NamedEnum E>
std::string ChoiceList(std::string_view separator = ", ") {
  std::string out;
  for (const EnumName<E>& e : EnumNames<E>::table) {
    if (e.help == nullptr) continue;
    if (!out.empty()) out += separator;
    out += e.name;
  }
  return out;
}

// The value named `name` (canonical or alias); false when there is none.
template <NamedEnum E>
bool LookupName(std::string_view name, E* value) {
  for (const EnumName<E>& e : EnumNames<E>::table) {
    if (e.name == name) {
      *value = e.value;
      return true;
    }
  }
  return false;
}

// The value named `name`; throws Error "what: unknown value 'x' (a, b, c)" otherwise.
template <NamedEnum E>
E ParseName(std::string_view name, std::string_view what) {
  E value{};
  if (!LookupName(name, &value)) {
    throw Error(std::string(what) + ": unknown value '" + std::string(name) + "' (" + ChoiceList<E>() + ")");
  }
  return value;
}

}  // namespace prep360
