#pragma once
// The images an image job (mask, detect, blur, classify, ocr) works on: its inputs are image files
// and folders of images (searched recursively). Each image keeps a name relative to what was
// given, and its outputs are written under that name in the output folder.
#include <string>
#include <vector>

namespace prep360 {

struct ImageInput {
  std::string path;  // to read
  std::string rel;   // '/'-separated: the path under its folder, or a file's own name
};

// Folders contribute their images (ListImagesRecursive); files are taken as given (a bad one is
// reported when it is read). In input order, each folder's images in natural order. Throws Error
// naming the path for one that does not exist, a folder without images, or two images with the
// same name (their outputs would collide).
std::vector<ImageInput> ListImageInputs(const std::vector<std::string>& inputs, const std::string& skip_dir);

// The images under `dir` (recursive; .jpg/.jpeg/.png/.tif/.tiff, case-insensitive), as '/'
// separated paths relative to `dir`, in natural order. Files under `skip_dir` and mask files
// ("*.mask.png", "*_mask.png") are left out. Throws Error when `dir` does not exist or is not a
// folder.
std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir);

}  // namespace prep360
