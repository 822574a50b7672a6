#include "prep360/util/build_info.h"

#include <onnxruntime_c_api.h>
#include <spng.h>
#include <tiffio.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

#include <exiv2/exiv2.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <oneapi/tbb/version.h>

#include "prep360/version.h"

namespace prep360 {
namespace {

// "59.27.100": libav* pack major.minor.micro into one integer (AV_VERSION_INT).
std::string LibavVersion(unsigned v) { return fmt::format("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff); }

std::string OnnxRuntimeVersion() {
  const OrtApiBase* base = OrtGetApiBase();
  const char* version = base != nullptr ? base->GetVersionString() : nullptr;
  return version != nullptr ? version : "unknown";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DependencyVersions() {
  std::string tiff = TIFFGetVersion();
  if (const auto nl = tiff.find('\n'); nl != std::string::npos) tiff.resize(nl);
  if (const auto v = tiff.rfind("Version "); v != std::string::npos) tiff = tiff.substr(v + 8);
  return {
      {"prep360", PREP360_VERSION},
      {"libjpeg-turbo (TurboJPEG)", PREP360_TURBOJPEG_VERSION},
      {"libspng", spng_version_string()},
      {"libtiff", tiff},
      {"exiv2", Exiv2::versionString()},
      {"oneTBB", TBB_runtime_version()},
      {"FFmpeg", av_version_info()},
      {"libavformat", LibavVersion(avformat_version())},
      {"libavcodec", LibavVersion(avcodec_version())},
      {"libswscale", LibavVersion(swscale_version())},
      {"libavutil", LibavVersion(avutil_version())},
      {"ONNX Runtime", OnnxRuntimeVersion()},
      {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
      {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                                    NLOHMANN_JSON_VERSION_PATCH)},
      {"compiler", __VERSION__},
  };
}

std::string CpuFeatures() {
  std::string s;
  __builtin_cpu_init();
  auto add = [&](bool has, const char* name) {
    if (!has) return;
    if (!s.empty()) s += ' ';
    s += name;
  };
  add(__builtin_cpu_supports("sse4.2"), "sse4.2");
  add(__builtin_cpu_supports("avx"), "avx");
  add(__builtin_cpu_supports("avx2"), "avx2");
  add(__builtin_cpu_supports("fma"), "fma");
  add(__builtin_cpu_supports("avx512f"), "avx512f");
  add(__builtin_cpu_supports("avx512bw"), "avx512bw");
  return s.empty() ? "baseline x86-64" : s;
}

}  // namespace prep360
