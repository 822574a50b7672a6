// Writes the generated seeds of fuzz/corpus/ with prep360's own encoders: tiny JPEG/PNG/TIFF files
// with and without EXIF/XMP (image_header_fuzzer) and model outputs in the yolo_fuzz_input.h
// layout (yolo_postprocess_fuzzer). Usage: make_fuzz_seeds CORPUS_DIR (fuzz/corpus).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "yolo_fuzz_input.h"

namespace {

namespace fs = std::filesystem;
using prep360::Image;
using prep360::ImageFormat;

void Write(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

// A small gradient, `channels` channels, 8 or 16 bit.
Image Gradient(int width, int height, int channels, int bytes_per_sample) {
  Image image(width, height, channels, bytes_per_sample);
  const std::uint32_t max = bytes_per_sample == 1 ? 255u : 65535u;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        image.Set(x, y, c, static_cast<std::uint32_t>(x * 7 + y * 13 + c * 50) * max / 400u % (max + 1));
      }
    }
  }
  return image;
}

void WriteImages(const fs::path& dir) {
  prep360::EncodeOptions options;
  options.jpeg_quality = 50;
  prep360::PanoramaMetadata pano;
  pano.width = 16;
  pano.height = 8;
  pano.source_name = "seed.mp4";
  pano.source.datetime_original = "2024:05:01 12:34:56";
  pano.source.subsec_original = "250";
  pano.source.gps = prep360::GpsPosition{47.5, -122.25, 12.5};
  prep360::ViewMetadata view;
  view.width = 16;
  view.height = 8;
  view.focal_px = 8;
  view.hfov_deg = 90;
  view.vfov_deg = 53.13;
  view.view_name = "cam00";
  view.source_name = "pano.jpg";
  view.source = pano.source;

  const Image rgb = Gradient(16, 8, 3, 1);
  const Image gray = Gradient(16, 8, 1, 1);
  const Image rgba16 = Gradient(16, 8, 4, 2);
  const Image gray16 = Gradient(16, 8, 1, 2);
  Write(dir / "rgb.jpg", prep360::EncodeImage(rgb, ImageFormat::kJpeg, options));
  Write(dir / "gray.jpg", prep360::EncodeImage(gray, ImageFormat::kJpeg, options));
  Write(dir / "rgb_pano_exif.jpg",
        prep360::EmbedPanoramaMetadata(prep360::EncodeImage(rgb, ImageFormat::kJpeg, options), ImageFormat::kJpeg, pano));
  Write(dir / "rgb.png", prep360::EncodeImage(rgb, ImageFormat::kPng, options));
  Write(dir / "rgba16.png", prep360::EncodeImage(rgba16, ImageFormat::kPng, options));
  Write(dir / "gray_view_exif.png",
        prep360::EmbedViewMetadata(prep360::EncodeImage(gray, ImageFormat::kPng, options), ImageFormat::kPng, view));
  Write(dir / "rgb.tif", prep360::EncodeImage(rgb, ImageFormat::kTiff, options));
  options.tiff_deflate = false;
  Write(dir / "gray16_raw.tif", prep360::EncodeImage(gray16, ImageFormat::kTiff, options));
  Write(dir / "rgb_view_exif.tif",
        prep360::EmbedViewMetadata(prep360::EncodeImage(rgb, ImageFormat::kTiff, options), ImageFormat::kTiff, view));
}

// One model output case: the header, then detections (and protos) filled by `fill`.
struct TensorSeed {
  prep360::fuzz::YoloHeader header;
  std::vector<float> values;
};

std::vector<std::uint8_t> Bytes(const TensorSeed& seed) {
  std::vector<std::uint8_t> out(prep360::fuzz::kYoloHeaderBytes + seed.values.size() * 4);
  std::memcpy(out.data(), &seed.header, prep360::fuzz::kYoloHeaderBytes);
  std::memcpy(out.data() + prep360::fuzz::kYoloHeaderBytes, seed.values.data(), seed.values.size() * 4);
  return out;
}

void WriteTensors(const fs::path& dir) {
  // yolo-seg, 2 classes, 2 coeffs, 4 anchors, protos 4x4, image 40x30 into 32x32 (+2, +4 padding).
  // Anchor 0 and 1 overlap (class 0: NMS keeps one), anchor 2 is class 1, anchor 3 is below conf.
  TensorSeed seg{{0, 1, 2, 4, 3, 3, 39, 29, 31, 31, 0x42, 64, 178, 10, 0, 0b11, 0}, {}};
  const float seg_det[8][4] = {
      {10, 11, 24, 6}, {12, 12, 20, 24}, {14, 15, 10, 12}, {9, 9, 9, 9},  // cx, cy, w, h
      {0.9f, 0.8f, 0.1f, 0.1f}, {0.1f, 0.2f, 0.7f, 0.2f},                // class scores
      {1, 1, -1, 0}, {0.5f, -0.5f, 1, 0}};                               // coefficients
  for (const auto& row : seg_det) seg.values.insert(seg.values.end(), row, row + 4);
  for (int c = 0; c < 2; ++c) {
    for (int i = 0; i < 16; ++i) seg.values.push_back(c == 0 ? static_cast<float>(i % 4) - 1.0f : 0.5f);
  }
  Write(dir / "yolo_seg.bin", Bytes(seg));
  // The same tensors with extra NMS boxes (two overlapping, one of another class, one inverted).
  const float boxes[4][6] = {{0, 0, 10, 10, 0.9f, 0}, {1, 1, 11, 11, 0.8f, 0}, {0, 0, 10, 10, 0.7f, 1},
                             {10, 10, 0, 0, 0.95f, 0}};
  for (const auto& b : boxes) seg.values.insert(seg.values.end(), b, b + 6);
  Write(dir / "yolo_seg_nms_boxes.bin", Bytes(seg));
  // yolo-det, 3 classes, 3 anchors, image 64x16 into 32x32; min_area 20.
  TensorSeed det{{2, 2, 0, 3, 0, 0, 63, 15, 31, 31, 0, 64, 178, 5, 20, 0b101, 0}, {}};
  const float det_rows[7][3] = {{8, 16, 30}, {16, 16, 12}, {6, 20, 4}, {4, 8, 4},
                                {0.9f, 0, 0}, {0, 0.6f, 0}, {0, 0, 0.4f}};
  for (const auto& row : det_rows) det.values.insert(det.values.end(), row, row + 3);
  Write(dir / "yolo_det.bin", Bytes(det));
  // yolo-det-nms-free, 2 rows (x0 y0 x1 y1 score class), image 20x20 into 32x32, max_det 1.
  TensorSeed nms_free{{3, 0, 0, 2, 0, 0, 19, 19, 31, 31, 0, 64, 178, 1, 0, 0b11, 0}, {}};
  const float rows[2][6] = {{2, 2, 30, 30, 0.8f, 0}, {4, 4, 8, 8, 0.9f, 1}};
  for (const auto& row : rows) nms_free.values.insert(nms_free.values.end(), row, row + 6);
  Write(dir / "yolo_det_nms_free.bin", Bytes(nms_free));
  // yolo-seg-nms-free, 1 coefficient, 1 row, protos 2x2.
  TensorSeed seg_free{{1, 0, 1, 1, 1, 1, 31, 31, 31, 31, 0, 64, 178, 5, 0, 0b1, 0},
                      {4, 4, 28, 28, 0.9f, 0, 1, 1, -1, 1, 1}};
  Write(dir / "yolo_seg_nms_free.bin", Bytes(seg_free));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_seeds CORPUS_DIR\n");
    return 2;
  }
  const fs::path dir = argv[1];
  WriteImages(dir / "image_header_fuzzer");
  WriteTensors(dir / "yolo_postprocess_fuzzer");
  return 0;
}
