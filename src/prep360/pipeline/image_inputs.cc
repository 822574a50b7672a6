#include "prep360/pipeline/image_inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>

#include "prep360/pipeline/input_list.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsUnder(const fs::path& path, const fs::path& dir) {
  const auto rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::vector<ImageInput> ListImageInputs(const std::vector<std::string>& inputs, const std::string& skip_dir) {
  std::vector<ImageInput> images;
  std::map<std::string, std::string> seen;  // rel -> the input it came from
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::exists(input, ec)) throw FileError(input, "no such file or folder");
    std::vector<ImageInput> found;
    if (fs::is_directory(input, ec)) {
      for (std::string& rel : ListImagesRecursive(input, skip_dir)) {
        found.push_back({(fs::path(input) / rel).string(), std::move(rel)});
      }
      if (found.empty()) throw FileError(input, "no images (.jpg, .png, .tif) in this folder");
    } else {
      found.push_back({input, fs::path(input).filename().string()});
    }
    for (ImageInput& image : found) {
      const auto [it, added] = seen.emplace(image.rel, input);
      if (!added) {
        throw FileError(image.path, "its outputs would be named " + image.rel + " as those of an image in " + it->second);
      }
      images.push_back(std::move(image));
    }
  }
  return images;
}

std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw FileError(dir, "no such folder");
  if (!fs::is_directory(dir, ec)) throw FileError(dir, "not a folder (give the folder of images)");
  const fs::path root = fs::weakly_canonical(dir);
  std::optional<fs::path> skip;
  if (!skip_dir.empty()) {
    const fs::path s = fs::weakly_canonical(skip_dir);
    if (s != root) skip = s;
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw FileError(dir, "cannot list the folder (" + ec.message() + ")");
    if (skip && it->is_directory() && fs::weakly_canonical(it->path()) == *skip) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (!HasImageExtension(it->path())) continue;
    const std::string name = Lower(it->path().filename().string());
    if (EndsWith(name, ".mask.png") || EndsWith(name, "_mask.png") || IsTempFileName(name)) continue;
    if (skip && IsUnder(it->path(), *skip)) continue;
    files.push_back(it->path().lexically_relative(root).generic_string());
  }
  if (ec) throw FileError(dir, "cannot list the folder (" + ec.message() + ")");
  std::sort(files.begin(), files.end(), NaturalLess);
  return files;
}

}  // namespace prep360
