#pragma once
#include <string>
#include <utility>
#include <vector>

namespace prep360 {

// (name, version) of each library prep360 was built with / runs with (the libav* and ONNX
// Runtime versions are those of the shared libraries loaded at run time).
std::vector<std::pair<std::string, std::string>> DependencyVersions();

// CPU features that matter to the kernels, e.g. "sse4.2 avx2 fma avx512f".
std::string CpuFeatures();

}  // namespace prep360
