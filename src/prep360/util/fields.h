#pragma once
// Field tables: a settings struct lists its fields once, with name, help and valid range, and
// every consumer (JSON reader and writer, JSON Schema, Check(), the CLI binder) walks that list.
// The default of a field is its default member initialiser: nothing else repeats it.
//
//   struct EncodeSettings {
//     int quality = 95;
//     template <class S, class V> static void Fields(S& s, V&& visit) {
//       visit(Field{"quality", "JPEG quality"}.Range(1, 100), s.quality);
//     }
//   };
//
// Field types: bool, int, std::int64_t, float, double, std::string, std::vector<std::string> and
// enums with a name table (util/enum_names.h).
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "prep360/util/enum_names.h"

namespace prep360 {

struct Field {
  constexpr Field(std::string_view field_name, std::string_view field_help) : name(field_name), help(field_help) {}

  std::string_view name;
  std::string_view help;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false, max_exclusive = false;
  std::optional<double> off;  // a value outside the range that means "off" (e.g. -1)

  constexpr Field Range(double lo, double hi) const {
    Field f = *this;
    f.min = lo;
    f.max = hi;
    return f;
  }
  // (lo, hi): both ends excluded.
  constexpr Field Open(double lo, double hi) const {
    Field f = Range(lo, hi);
    f.min_exclusive = f.max_exclusive = true;
    return f;
  }
  constexpr Field AtLeast(double lo) const {
    Field f = *this;
    f.min = lo;
    return f;
  }
  constexpr Field Above(double lo) const {
    Field f = AtLeast(lo);
    f.min_exclusive = true;
    return f;
  }
  constexpr Field OrOff(double value) const {
    Field f = *this;
    f.off = value;
    return f;
  }

  bool HasMin() const { return std::isfinite(min); }
  bool HasMax() const { return std::isfinite(max); }
  bool InRange(double v) const {
    if (off && v == *off) return true;
    if (HasMin() && (min_exclusive ? v <= min : v < min)) return false;
    if (HasMax() && (max_exclusive ? v >= max : v > max)) return false;
    return !std::isnan(v);
  }
};

template <class T>
inline constexpr bool kIsIntegerField = std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>;
template <class T>
inline constexpr bool kIsNumberField = std::is_same_v<T, float> || std::is_same_v<T, double>;

// What a valid value of the field looks like, for messages: "an integer 1..100",
// "a number in (0, 180)", "a number >= 0 or -1 (off)", "one of jpg, png, tif".
template <class T>
std::string ExpectedText(const Field& f) {
  if constexpr (std::is_same_v<T, bool>) {
    return "true or false";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "a string";
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return "an array of strings";
  } else if constexpr (std::is_enum_v<T>) {
    return "one of " + ChoiceList<T>();
  } else {
    std::string s = kIsIntegerField<T> ? "an integer" : "a number";
    auto num = [](double v) { return fmt::format("{:g}", v); };
    if (f.HasMin() && f.HasMax()) {
      if (f.min_exclusive || f.max_exclusive) {
        s += fmt::format(" in {}{}, {}{}", f.min_exclusive ? '(' : '[', num(f.min), num(f.max), f.max_exclusive ? ')' : ']');
      } else {
        s += fmt::format(" {}..{}", num(f.min), num(f.max));
      }
    } else if (f.HasMin()) {
      s += fmt::format(" {} {}", f.min_exclusive ? ">" : ">=", num(f.min));
    } else if (f.HasMax()) {
      s += fmt::format(" {} {}", f.max_exclusive ? "<" : "<=", num(f.max));
    }
    if (f.off) s += fmt::format(" or {} (off)", num(*f.off));
    return s;
  }
}

// Checks every number of `settings` against its field's range; throws Error
// "<prefix>/<name>: expected ..., got V" for the first that is out.
template <class S>
void CheckFieldRanges(const S& settings, std::string_view prefix) {
  S::Fields(settings, [&](const Field& f, const auto& value) {
    using T = std::decay_t<decltype(value)>;
    if constexpr (kIsIntegerField<T> || kIsNumberField<T>) {
      if (!f.InRange(static_cast<double>(value))) {
        throw Error(fmt::format("{}/{}: expected {}, got {}", prefix, f.name, ExpectedText<T>(f), value));
      }
    }
  });
}

}  // namespace prep360
