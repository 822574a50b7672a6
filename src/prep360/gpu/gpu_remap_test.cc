// The CUDA remap against the CPU one: every interpolation, 1, 3 and 4 channels, several views from
// one upload, pixel for pixel. Without a CUDA device (or a build without the kernels) the GPU
// comparisons skip with the reason; the parts that need no device always run.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "prep360/gpu/cuda_device.h"
#include "prep360/gpu/gpu_remap.h"
#include "prep360/gpu/gpu_view_remap.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/synthetic_scene.h"

namespace prep360 {
namespace {

constexpr Interpolation kAll[] = {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kBicubic,
                                  Interpolation::kLanczos3};

// A panorama of random samples (every rounding path gets exercised), border filled.
Image NoisePano(int width, int channels, int bytes_per_sample) {
  Image eq(width, width / 2, channels, bytes_per_sample, kEquirectBorder);
  std::mt19937 rng(1234);
  const std::uint32_t max = bytes_per_sample == 1 ? 255u : 65535u;
  for (int y = 0; y < eq.height(); ++y) {
    for (int x = 0; x < eq.width(); ++x) {
      for (int c = 0; c < channels; ++c) eq.Set(x, y, c, rng() % (max + 1));
    }
  }
  FillEquirectBorder(eq);
  return eq;
}

std::vector<View> TestViews() {
  return {testkit::MakeView("front", 0, 0, 0, 90, 160, 120), testkit::MakeView("seam", 179, 10, 5, 100, 96, 80),
          testkit::MakeView("up", 30, 89, 0, 120, 128, 128), testkit::MakeView("down", -60, -80, 20, 60, 77, 53)};
}

// The largest difference between two images of the same size and format.
int MaxDiff(const Image& a, const Image& b) {
  EXPECT_EQ(a.width(), b.width());
  EXPECT_EQ(a.height(), b.height());
  EXPECT_EQ(a.channels(), b.channels());
  int worst = 0;
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        worst = std::max(worst, std::abs(static_cast<int>(a.At(x, y, c)) - static_cast<int>(b.At(x, y, c))));
      }
    }
  }
  return worst;
}

// Six square views around the horizon and the poles.
Rig CubeRig(int size) {
  Rig rig;
  rig.name = "cube";
  const double yaw_pitch[6][2] = {{0, 0}, {90, 0}, {180, 0}, {-90, 0}, {0, 90}, {0, -90}};
  for (int i = 0; i < 6; ++i) {
    rig.views.push_back(testkit::MakeView(fmt::format("v{}", i), yaw_pitch[i][0], yaw_pitch[i][1], 0, 90, size, size));
  }
  return rig;
}

std::unique_ptr<GpuRemapper> GpuOrNull(std::string* why) { return GpuRemapper::Create(why); }

TEST(GpuRemapTest, MatchesCpuPixelForPixel) {
  std::string why;
  const auto gpu = GpuOrNull(&why);
  if (gpu == nullptr) GTEST_SKIP() << "no CUDA remap here: " << why;
  const std::vector<View> views = TestViews();
  for (const int channels : {1, 3, 4}) {
    const Image eq = NoisePano(512, channels, 1);
    for (const Interpolation interp : kAll) {
      std::vector<std::unique_ptr<RemapTable>> tables;
      std::vector<const RemapTable*> table_ptrs;
      std::vector<Image> outs(views.size());
      std::vector<Image*> out_ptrs;
      for (std::size_t v = 0; v < views.size(); ++v) {
        tables.push_back(std::make_unique<RemapTable>(views[v].Camera(), views[v].PanoFromCam(), eq.width(),
                                                      eq.height(), interp));
        table_ptrs.push_back(tables.back().get());
        out_ptrs.push_back(&outs[v]);
      }
      gpu->RemapViews(eq, table_ptrs, out_ptrs);
      for (std::size_t v = 0; v < views.size(); ++v) {
        Image cpu(views[v].width, views[v].height, channels, 1);
        Remap(eq, *tables[v], cpu);
        // Nearest and bilinear must be bit-identical; the integer separable kernels are too
        // (the issue allows bicubic and lanczos3 one level).
        EXPECT_EQ(MaxDiff(outs[v], cpu), 0) << InterpolationName(interp) << " " << channels << "ch view " << v;
      }
    }
  }
  EXPECT_GT(gpu->device_bytes(), 0u);
  EXPECT_GT(gpu->pinned_bytes(), 0u);
}

TEST(GpuRemapTest, SecondFrameReusesTablesAndMatches) {
  std::string why;
  const auto gpu = GpuOrNull(&why);
  if (gpu == nullptr) GTEST_SKIP() << "no CUDA remap here: " << why;
  const Rig rig = CubeRig(128);
  RemapCache cache(rig, Interpolation::kBilinear);
  const Image a = NoisePano(400, 3, 1);
  const Image b = testkit::RenderEquirect(400, 200, 3, 1, 2, kEquirectBorder);
  std::vector<std::size_t> which(rig.views.size());
  for (std::size_t v = 0; v < which.size(); ++v) which[v] = v;
  for (const Image* eq : {&a, &b}) {
    std::vector<Image> views(rig.views.size());
    RemapViewsOnDevice(*gpu, cache, rig, *eq, which, views);
    for (std::size_t v = 0; v < views.size(); ++v) {
      Image cpu(rig.views[v].width, rig.views[v].height, 3, 1);
      Remap(*eq, cache.Get(v, eq->width(), eq->height()), cpu);
      EXPECT_EQ(MaxDiff(views[v], cpu), 0) << "view " << v;
    }
  }
}

TEST(GpuRemapTest, SixteenBitFramesGoToTheCpuAndMatch) {
  std::string why;
  const auto gpu = GpuOrNull(&why);
  if (gpu == nullptr) GTEST_SKIP() << "no CUDA remap here: " << why;
  const Rig rig = CubeRig(64);
  RemapCache cache(rig, Interpolation::kBicubic);
  const Image eq = NoisePano(256, 3, 2);
  std::vector<Image> views(rig.views.size());
  const std::vector<std::size_t> which = {0, 2};
  RemapViewsOnDevice(*gpu, cache, rig, eq, which, views);
  EXPECT_TRUE(views[1].empty());
  Image cpu(64, 64, 3, 2);
  Remap(eq, cache.Get(2, eq.width(), eq.height()), cpu);
  EXPECT_EQ(MaxDiff(views[2], cpu), 0);
}

// No device needed from here on.

TEST(GpuRemapTest, SupportsEightBitBorderedFramesOnly) {
  const View v = testkit::MakeView("v", 0, 0, 0, 90, 32, 32);
  const RemapTable table(v.Camera(), v.PanoFromCam(), 128, 64, Interpolation::kBilinear);
  EXPECT_TRUE(GpuRemapper::Supports(Image(128, 64, 3, 1, kEquirectBorder), table));
  EXPECT_TRUE(GpuRemapper::Supports(Image(128, 64, 4, 1, kEquirectBorder), table));
  EXPECT_FALSE(GpuRemapper::Supports(Image(128, 64, 3, 2, kEquirectBorder), table));  // 16-bit
  EXPECT_FALSE(GpuRemapper::Supports(Image(128, 64, 3, 1, 0), table));                // no border
  EXPECT_FALSE(GpuRemapper::Supports(Image(256, 128, 3, 1, kEquirectBorder), table));  // other size
}

TEST(GpuRemapTest, CreateWithoutAUsableDeviceSaysWhy) {
  const CudaStatus& cuda = ProbeCuda();
  if (cuda.usable()) GTEST_SKIP() << "a CUDA device is here (" << cuda.device_name << ")";
  std::string why;
  EXPECT_EQ(GpuRemapper::Create(&why), nullptr);
  EXPECT_EQ(why, cuda.problem);
  EXPECT_FALSE(why.empty());
}

}  // namespace
}  // namespace prep360
