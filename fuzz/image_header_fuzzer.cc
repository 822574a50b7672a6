// libFuzzer target: image sniffing and header reading (ReadImageInfo), EXIF/XMP reading
// (ReadSourceMetadata) and decoding (DecodeImage, whole and a row range) of arbitrary bytes.
// Failures must be prep360::Error (metadata: an empty result); decoding is tried only when the
// header declares at most kMaxPixels, so legitimately huge images do not exhaust memory.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/util/error.h"

namespace {

constexpr std::int64_t kMaxPixels = 4 << 20;

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "image_header_fuzzer: contract broken: %s\n", what);
  std::abort();
}

void CheckError(const prep360::Error& e) {
  const std::string message = e.what();
  Check(message.rfind("fuzz.img: ", 0) == 0, "error names the file");
}

void CheckImage(const prep360::Image& image, const prep360::ImageInfo& info) {
  Check(image.width() == info.width && image.height() == info.height, "decoded size matches the header");
  Check(image.channels() == info.channels && image.bit_depth() == info.bit_depth, "decoded layout matches the header");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> bytes(data, data + size);
  prep360::ReadSourceMetadata(bytes);  // never throws

  prep360::ImageInfo info;
  try {
    info = prep360::ReadImageInfo(bytes, "fuzz.img");
  } catch (const prep360::Error& e) {
    CheckError(e);
    return 0;
  }
  Check(info.width > 0 && info.height > 0, "positive size");
  Check(info.channels == 1 || info.channels == 3 || info.channels == 4, "1, 3 or 4 channels");
  Check(info.bit_depth == 8 || info.bit_depth == 16, "8 or 16 bits");
  if (static_cast<std::int64_t>(info.width) * info.height > kMaxPixels) return 0;

  try {
    CheckImage(prep360::DecodeImage(bytes, "fuzz.img", 1), info);
  } catch (const prep360::Error& e) {
    CheckError(e);
  }
  // A row range from the last two bytes (JPEG decodes only those rows).
  const int a = size >= 2 ? bytes[size - 2] % (info.height + 2) - 1 : 0;
  const int b = size >= 1 ? bytes[size - 1] % (info.height + 2) - 1 : info.height;
  try {
    CheckImage(prep360::DecodeImage(bytes, "fuzz.img", 0, {std::min(a, b), std::max(a, b)}), info);
  } catch (const prep360::Error& e) {
    CheckError(e);
  }
  return 0;
}
