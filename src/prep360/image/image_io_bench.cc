// Micro-benchmarks for the codecs and metadata on photo-like synthetic content (the W1 sizes:
// 7680x3840 q95 equirect decode, 1920x1080 q95 view encode, per-view metadata).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"

namespace prep360 {
namespace {

std::uint32_t Hash(std::uint32_t x, std::uint32_t y, std::uint32_t seed) {
  std::uint32_t h = x * 374761393u + y * 668265263u + seed * 2246822519u;
  h = (h ^ (h >> 13)) * 1274126177u;
  return h ^ (h >> 16);
}

// Fractal value noise plus fine grain: compresses at q95 to about 3 bits per pixel, like a photo.
Image PhotoLike(int width, int height) {
  Image image(width, height, 3, 1);
  for (int y = 0; y < height; ++y) {
    std::uint8_t* row = image.Row(y);
    for (int x = 0; x < width; ++x) {
      double base = 0, amplitude = 0.5;
      for (int octave = 0, cell = 256; octave < 6; ++octave, cell /= 2, amplitude *= 0.55) {
        const double fx = static_cast<double>(x) / cell, fy = static_cast<double>(y) / cell;
        const auto ix = static_cast<std::uint32_t>(fx), iy = static_cast<std::uint32_t>(fy);
        const double tx = fx - ix, ty = fy - iy;
        auto corner = [&](std::uint32_t a, std::uint32_t b) {
          return (Hash(a, b, octave) & 0xFFFF) / 65535.0;
        };
        const double top = corner(ix, iy) * (1 - tx) + corner(ix + 1, iy) * tx;
        const double bottom = corner(ix, iy + 1) * (1 - tx) + corner(ix + 1, iy + 1) * tx;
        base += amplitude * (top * (1 - ty) + bottom * ty);
      }
      const std::uint32_t grain = Hash(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), 99);
      for (int c = 0; c < 3; ++c) {
        const double tint = 0.85 + 0.15 * c;
        const double noise = (static_cast<double>((grain >> (8 * c)) & 0xFF) - 127.5) * 0.09;
        const double v = 255.0 * base * tint + noise;
        row[3 * x + c] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
      }
    }
  }
  return image;
}

const std::vector<std::uint8_t>& Equirect8kJpeg() {
  static const std::vector<std::uint8_t> bytes = [] {
    EncodeOptions options;
    options.jpeg_quality = 95;
    return EncodeImage(PhotoLike(7680, 3840), ImageFormat::kJpeg, options);
  }();
  return bytes;
}

const Image& View1080() {
  static const Image image = PhotoLike(1920, 1080);
  return image;
}

void BM_DecodeJpeg8k(benchmark::State& state) {
  const auto& bytes = Equirect8kJpeg();
  for (auto _ : state)
    benchmark::DoNotOptimize(DecodeImage(bytes, "8k.jpg", static_cast<int>(state.range(0))));
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}
BENCHMARK(BM_DecodeJpeg8k)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_EncodeJpeg1080(benchmark::State& state) {
  EncodeOptions options;
  options.jpeg_quality = 95;
  options.jpeg_subsampling = state.range(0) != 0 ? ChromaSubsampling::k420 : ChromaSubsampling::k444;
  std::size_t size = 0;
  for (auto _ : state) size = EncodeImage(View1080(), ImageFormat::kJpeg, options).size();
  state.counters["KB"] = static_cast<double>(size) / 1e3;
}
BENCHMARK(BM_EncodeJpeg1080)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_EncodePng1080(benchmark::State& state) {
  EncodeOptions options;
  options.png_compression = static_cast<int>(state.range(0));
  std::size_t size = 0;
  for (auto _ : state) size = EncodeImage(View1080(), ImageFormat::kPng, options).size();
  state.counters["KB"] = static_cast<double>(size) / 1e3;
}
BENCHMARK(BM_EncodePng1080)->Arg(1)->Arg(6)->Unit(benchmark::kMillisecond);

void BM_EncodeTiff1080(benchmark::State& state) {
  EncodeOptions options;
  options.tiff_deflate = state.range(0) != 0;
  std::size_t size = 0;
  for (auto _ : state) size = EncodeImage(View1080(), ImageFormat::kTiff, options).size();
  state.counters["KB"] = static_cast<double>(size) / 1e3;
}
BENCHMARK(BM_EncodeTiff1080)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

ViewMetadata SampleMeta() {
  ViewMetadata meta;
  meta.width = 1920;
  meta.height = 1080;
  meta.focal_px = 960;
  meta.yaw_deg = 45;
  meta.hfov_deg = 90;
  meta.vfov_deg = 58.7155;
  meta.view_name = "yaw045";
  meta.source_name = "frame_000001.jpg";
  meta.source.datetime_original = "2024:05:17 14:03:59";
  meta.source.gps = GpsPosition{48.8583701, 2.2944813, 35.0};
  return meta;
}

void BM_EmbedViewMetadata(benchmark::State& state) {
  const auto format = static_cast<ImageFormat>(state.range(0));
  EncodeOptions options;
  options.jpeg_quality = 95;
  const auto encoded = EncodeImage(View1080(), format, options);
  const ViewMetadata meta = SampleMeta();
  for (auto _ : state) benchmark::DoNotOptimize(EmbedViewMetadata(encoded, format, meta));
}
BENCHMARK(BM_EmbedViewMetadata)
    ->Arg(static_cast<int>(ImageFormat::kJpeg))
    ->Arg(static_cast<int>(ImageFormat::kPng))
    ->Arg(static_cast<int>(ImageFormat::kTiff))
    ->Unit(benchmark::kMicrosecond);

void BM_ReadSourceMetadata(benchmark::State& state) {
  const auto& bytes = Equirect8kJpeg();
  const auto tagged = EmbedViewMetadata(bytes, ImageFormat::kJpeg, SampleMeta());
  for (auto _ : state) benchmark::DoNotOptimize(ReadSourceMetadata(tagged));
}
BENCHMARK(BM_ReadSourceMetadata)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace prep360
