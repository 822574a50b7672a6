#include "prep360/detect/class_selection.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "prep360/detect/detect_types.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a])) != 0) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])) != 0) --b;
  return s.substr(a, b - a);
}

int FindName(const std::vector<std::string>& names, const std::string& name) {
  const std::string wanted = Lower(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (Lower(names[i]) == wanted) return static_cast<int>(i);
  }
  return -1;
}

bool ParseId(const std::string& text, int& id) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string ValidList(const std::vector<std::string>& names) {
  if (names.empty()) return "the model has no class names: use numeric ids or a class names file (/detect/class_names)";
  std::string text = "valid classes: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

std::vector<int> ResolveClasses(const std::vector<std::string>& requested, const std::vector<std::string>& names) {
  std::vector<int> ids;
  auto add = [&](int id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  std::vector<std::string> entries;
  for (const std::string& item : requested) {
    std::size_t start = 0;
    while (start <= item.size()) {
      const std::size_t comma = std::min(item.find(',', start), item.size());
      const std::string entry = Trim(item.substr(start, comma - start));
      if (!entry.empty()) entries.push_back(entry);
      start = comma + 1;
    }
  }
  if (entries.empty() || entries == kDefaultMaskClasses) {
    for (const std::string& name : kDefaultMaskClasses) {
      const int id = FindName(names, name);
      if (id >= 0) add(id);
    }
    if (ids.empty()) {
      std::string defaults;
      for (const std::string& name : kDefaultMaskClasses) defaults += (defaults.empty() ? "" : ", ") + name;
      throw Error("none of the default mask classes (" + defaults + ") is in the model; choose with /detect/classes (" +
                  ValidList(names) + ")");
    }
    return ids;
  }
  for (const std::string& entry : entries) {
    if (Lower(entry) == "all") {
      if (names.empty()) throw Error("all classes: the model's class count is unknown; " + ValidList(names));
      for (std::size_t i = 0; i < names.size(); ++i) add(static_cast<int>(i));
      continue;
    }
    const int by_name = FindName(names, entry);
    if (by_name >= 0) {
      add(by_name);
      continue;
    }
    int id = -1;
    if (ParseId(entry, id) && id >= 0 && (names.empty() || static_cast<std::size_t>(id) < names.size())) {
      add(id);
      continue;
    }
    throw Error("unknown class '" + entry + "'; " + ValidList(names));
  }
  return ids;
}

}  // namespace prep360
