// The CUDA NV12 / P010 -> RGB kernel and the remap from a decoded device frame, against the CPU
// reference (video/yuv_to_rgb_reference.h) byte for byte. Without a CUDA device (or a build
// without the kernels) they skip with the reason.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "prep360/gpu/device_yuv_copy.h"
#include "prep360/gpu/gpu_remap.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/testing/fixtures.h"
#include "prep360/video/yuv_to_rgb_reference.h"

namespace prep360 {
namespace {

// Random planes (every rounding path and the clamps get exercised), rows padded.
struct NoiseYuv {
  std::vector<std::uint8_t> luma, chroma;
  SemiPlanarFrame frame;

  NoiseYuv(int width, int height, int bits, bool chroma_left) {
    const int bytes = bits == 8 ? 1 : 2;
    frame.width = width;
    frame.height = height;
    frame.bits = bits;
    frame.chroma_left = chroma_left;
    frame.luma_pitch = width * bytes + 32;
    frame.chroma_pitch = (width + 1) / 2 * 2 * bytes + 16;
    luma.resize(static_cast<std::size_t>(frame.luma_pitch) * height);
    chroma.resize(static_cast<std::size_t>(frame.chroma_pitch) * ((height + 1) / 2));
    std::mt19937 rng(99);
    for (auto& b : luma) b = static_cast<std::uint8_t>(rng());
    for (auto& b : chroma) b = static_cast<std::uint8_t>(rng());
    frame.luma = luma.data();
    frame.chroma = chroma.data();
  }
};

struct Case {
  int bits;
  bool full_range, chroma_left;
  double kr, kb;
};
constexpr Case kCases[] = {{8, false, true, 0.2126, 0.0722}, {8, true, false, 0.299, 0.114},
                           {10, false, true, 0.2126, 0.0722}, {10, true, true, 0.2627, 0.0593}};

TEST(GpuYuvTest, KernelMatchesTheCpuReferenceByteForByte) {
  std::string why;
  const auto gpu = GpuRemapper::Create(&why);
  if (gpu == nullptr) GTEST_SKIP() << "no CUDA remap here: " << why;
  for (const Case& c : kCases) {
    const NoiseYuv host(250, 125, c.bits, c.chroma_left);  // odd chroma height
    const auto device = DeviceYuvCopy::Create(host.frame, &why);
    ASSERT_NE(device, nullptr) << why;
    const YuvToRgbCoeffs k = MakeYuvToRgbCoeffs(c.kr, c.kb, c.full_range, c.bits);
    Image cpu(250, 125, 3, 1, kEquirectBorder);
    YuvToRgbReference(host.frame, k, cpu);
    Image out;
    gpu->ConvertYuv(device->frame(), k, out);
    ASSERT_EQ(out.border(), kEquirectBorder);
    for (int y = -kEquirectBorder; y < 125 + kEquirectBorder; ++y) {
      ASSERT_EQ(std::memcmp(out.PixelPtr(-kEquirectBorder, y), cpu.PixelPtr(-kEquirectBorder, y),
                            (250 + 2 * kEquirectBorder) * 3),
                0)
          << c.bits << "-bit row " << y;
    }
  }
}

TEST(GpuYuvTest, ViewsFromADeviceFrameAreTheCpusViews) {
  std::string why;
  const auto gpu = GpuRemapper::Create(&why);
  if (gpu == nullptr) GTEST_SKIP() << "no CUDA remap here: " << why;
  const NoiseYuv host(512, 256, 8, true);
  const auto device = DeviceYuvCopy::Create(host.frame, &why);
  ASSERT_NE(device, nullptr) << why;
  const YuvToRgbCoeffs k = MakeYuvToRgbCoeffs(0.2126, 0.0722, false, 8);
  Image eq(512, 256, 3, 1, kEquirectBorder);
  YuvToRgbReference(host.frame, k, eq);
  const std::vector<View> views = {testkit::MakeView("front", 0, 0, 0, 90, 160, 120),
                                   testkit::MakeView("seam", 179, 10, 5, 100, 96, 80),
                                   testkit::MakeView("up", 30, 89, 0, 120, 128, 128)};
  for (const Interpolation interp : {Interpolation::kBilinear, Interpolation::kLanczos3}) {
    std::vector<std::unique_ptr<RemapTable>> tables;
    std::vector<const RemapTable*> table_ptrs;
    std::vector<Image> outs(views.size());
    std::vector<Image*> out_ptrs;
    for (std::size_t v = 0; v < views.size(); ++v) {
      tables.push_back(std::make_unique<RemapTable>(views[v].Camera(), views[v].PanoFromCam(), 512, 256, interp));
      table_ptrs.push_back(tables.back().get());
      out_ptrs.push_back(&outs[v]);
    }
    gpu->RemapYuvViews(device->frame(), k, table_ptrs, out_ptrs);
    for (std::size_t v = 0; v < views.size(); ++v) {
      Image cpu(views[v].width, views[v].height, 3, 1);
      Remap(eq, *tables[v], cpu);
      for (int y = 0; y < cpu.height(); ++y) {
        ASSERT_EQ(std::memcmp(outs[v].Row(y), cpu.Row(y), static_cast<std::size_t>(cpu.width()) * 3), 0)
            << InterpolationName(interp) << " view " << v << " row " << y;
      }
    }
  }
}

TEST(GpuYuvTest, DeviceCopyWithoutADeviceSaysWhy) {
  const NoiseYuv host(16, 8, 8, true);
  std::string why;
  const auto device = DeviceYuvCopy::Create(host.frame, &why);
  if (device != nullptr) GTEST_SKIP() << "a CUDA device is here";
  EXPECT_FALSE(why.empty());
}

}  // namespace
}  // namespace prep360
