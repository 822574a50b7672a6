#include "prep360/pipeline/input_list.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;

bool HasImageExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".tif" || ext == ".tiff";
}

bool NaturalLess(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      // Compare by value: strip leading zeros, then by length, then lexically.
      std::size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0') ++is;
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js;
      const int c = a.compare(is, ie - is, b, js, je - js);
      if (c != 0) return c < 0;
      if (ie - i != je - j) return ie - i < je - j;  // fewer leading zeros first
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::vector<InputFile> ExpandInputs(const std::vector<std::string>& args) {
  std::vector<InputFile> inputs;
  for (const std::string& arg : args) {
    std::error_code ec;
    const fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) throw FileError(arg, "no such file or folder");
    if (fs::is_directory(status)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(arg)) {
        if (entry.is_regular_file() && HasImageExtension(entry.path())) found.push_back(entry.path().string());
      }
      if (found.empty()) throw FileError(arg, "folder holds no .jpg/.png/.tif images");
      std::sort(found.begin(), found.end(), NaturalLess);
      for (auto& f : found) inputs.push_back({f, fs::path(f).stem().string()});
    } else {
      inputs.push_back({arg, fs::path(arg).stem().string()});
    }
  }
  std::map<std::string, std::string> seen;
  for (const auto& in : inputs) {
    auto [it, inserted] = seen.emplace(in.frame_name, in.path);
    if (!inserted) {
      throw FileError(in.path, "has the same name stem as " + it->second + " (their outputs would collide)");
    }
  }
  return inputs;
}

}  // namespace prep360
