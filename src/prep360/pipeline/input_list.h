#pragma once
// Expands the command line's inputs (files and folders) into the ordered list of panoramas.
#include <filesystem>
#include <string>
#include <vector>

namespace prep360 {

struct InputFile {
  std::string path;
  std::string frame_name;  // the file's stem: output images are <view>/<frame_name>.<ext>
};

// Files are taken as given (any extension: a bad one is reported when it is read); a folder
// contributes its .jpg/.jpeg/.png/.tif/.tiff files (case-insensitive, not recursive), in natural
// order ("frame_2" before "frame_10"). Throws Error for a path that does not exist, a folder
// with no images, or two inputs with the same stem (their outputs would collide).
std::vector<InputFile> ExpandInputs(const std::vector<std::string>& args);

// .jpg/.jpeg/.png/.tif/.tiff, case-insensitive: the image files a folder input contributes.
bool HasImageExtension(const std::filesystem::path& path);

// Natural ("human") order: digit runs compare by value.
bool NaturalLess(const std::string& a, const std::string& b);

}  // namespace prep360
