#include "prep360/detect/letterbox.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

// LetterboxImage as it was before it became one pass (fill the whole target with the pad value,
// then resize through interleaved row buffers): the fused version must give the same floats.
template <typename T, int kChannels>
void ReferenceResize(const Image& image, const Letterbox& plan, float* chw) {
  struct Tap {
    int i0, i1;
    float w1;
  };
  auto taps = [](int resized, int source, double scale) {
    std::vector<Tap> out(static_cast<std::size_t>(resized));
    for (int i = 0; i < resized; ++i) {
      const double s = std::clamp((i + 0.5) / scale - 0.5, 0.0, static_cast<double>(source - 1));
      const int i0 = std::min(static_cast<int>(s), source - 1);
      out[static_cast<std::size_t>(i)] = {i0, std::min(i0 + 1, source - 1), static_cast<float>(s - i0)};
    }
    return out;
  };
  const std::vector<Tap> xs = taps(plan.resized_width, image.width(), plan.scale_x);
  const std::vector<Tap> ys = taps(plan.resized_height, image.height(), plan.scale_y);
  const float norm = 1.0f / static_cast<float>(sizeof(T) == 1 ? 255 : 65535);
  const std::size_t plane = static_cast<std::size_t>(plan.target_width) * static_cast<std::size_t>(plan.target_height);
  std::fill(chw, chw + 3 * plane, kLetterboxPadValue);
  auto horizontal = [&](int y, std::vector<float>& out) {
    const T* src = image.RowAs<T>(y);
    for (std::size_t x = 0; x < xs.size(); ++x) {
      for (int c = 0; c < 3; ++c) {
        const int sc = kChannels >= 3 ? c : 0;
        const float a = static_cast<float>(src[xs[x].i0 * kChannels + sc]);
        const float b = static_cast<float>(src[xs[x].i1 * kChannels + sc]);
        out[x * 3 + static_cast<std::size_t>(c)] = a + (b - a) * xs[x].w1;
      }
    }
  };
  const std::size_t row_floats = std::max<std::size_t>(xs.size(), 1) * 3;  // never 0: GCC 12 -Warray-bounds
  std::vector<float> row0(row_floats), row1(row_floats);
  for (int y = 0; y < plan.resized_height; ++y) {
    const Tap& t = ys[static_cast<std::size_t>(y)];
    horizontal(t.i0, row0);
    horizontal(t.i1, row1);
    const std::size_t dst_row = static_cast<std::size_t>(y + plan.pad_y) * static_cast<std::size_t>(plan.target_width) +
                                static_cast<std::size_t>(plan.pad_x);
    for (int c = 0; c < 3; ++c) {
      float* dst = chw + static_cast<std::size_t>(c) * plane + dst_row;
      for (std::size_t x = 0; x < xs.size(); ++x) {
        const float a = row0[x * 3 + static_cast<std::size_t>(c)], b = row1[x * 3 + static_cast<std::size_t>(c)];
        dst[x] = (a + (b - a) * t.w1) * norm;
      }
    }
  }
}

Image NoiseImage(int width, int height, int channels, int bytes) {
  Image image(width, height, channels, bytes);
  std::uint32_t state = 12345;
  const std::uint32_t max = bytes == 1 ? 255u : 65535u;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        state = state * 1664525u + 1013904223u;
        image.Set(x, y, c, (state >> 8) % (max + 1));
      }
    }
  }
  return image;
}

TEST(LetterboxTest, WideImageIntoSquareModelIsCentredVertically) {
  const Letterbox p = PlanLetterbox(1280, 720, 640, 640);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 360);
  EXPECT_EQ(p.pad_x, 0);
  EXPECT_EQ(p.pad_y, 140);
  EXPECT_DOUBLE_EQ(p.scale_x, 0.5);
  EXPECT_DOUBLE_EQ(p.scale_y, 0.5);
  EXPECT_DOUBLE_EQ(p.ToModelX(100), 50);
  EXPECT_DOUBLE_EQ(p.ToModelY(100), 190);
  EXPECT_DOUBLE_EQ(p.ToImageY(190), 100);
  EXPECT_DOUBLE_EQ(p.ToImageX(640), 1280);
  EXPECT_DOUBLE_EQ(p.ToImageY(140 + 360), 720);
}

TEST(LetterboxTest, OddPaddingPutsTheSmallerHalfFirst) {
  // 100x67 -> 640x429 (rounded), 211 rows of padding: 105 on top, 106 below (ultralytics).
  const Letterbox p = PlanLetterbox(100, 67, 640, 640);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 429);
  EXPECT_EQ(p.pad_y, 105);
  EXPECT_DOUBLE_EQ(p.scale_y, 429.0 / 67.0);
  EXPECT_NEAR(p.ToImageY(p.ToModelY(33.3)), 33.3, 1e-9);
}

TEST(LetterboxTest, DynamicTargetIsTheSmallestStrideMultiple) {
  const Letterbox p = PlanDynamicLetterbox(1280, 720, 640, 32);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 360);
  EXPECT_EQ(p.target_width, 640);
  EXPECT_EQ(p.target_height, 384);
  EXPECT_EQ(p.pad_x, 0);
  EXPECT_EQ(p.pad_y, 12);
  const Letterbox tall = PlanDynamicLetterbox(500, 1000, 320, 32);
  EXPECT_EQ(tall.resized_width, 160);
  EXPECT_EQ(tall.resized_height, 320);
  EXPECT_EQ(tall.target_width, 160);
  EXPECT_EQ(tall.target_height, 320);
}

TEST(LetterboxTest, CentreInLargerTargetKeepsScale) {
  const Letterbox p = CentreInTarget(PlanDynamicLetterbox(1280, 720, 640, 32), 640, 640);
  EXPECT_EQ(p.pad_y, 140);
  EXPECT_DOUBLE_EQ(p.scale_y, 0.5);
  EXPECT_THROW(CentreInTarget(p, 320, 320), std::exception);
}

TEST(LetterboxTest, FillsPadAndNormalisesPixels) {
  Image image(4, 2, 3, 1);
  image.Fill(200);
  for (int x = 0; x < 4; ++x) image.Set(x, 0, 2, 0);  // top row: no blue
  const Letterbox p = PlanLetterbox(4, 2, 4, 4);
  ASSERT_EQ(p.pad_y, 1);
  std::vector<float> chw(3 * 16, -1.0f);
  LetterboxImage(image, p, chw.data());
  for (int c = 0; c < 3; ++c) {
    for (int x = 0; x < 4; ++x) {
      EXPECT_FLOAT_EQ(chw[c * 16 + 0 * 4 + x], kLetterboxPadValue);
      EXPECT_FLOAT_EQ(chw[c * 16 + 3 * 4 + x], kLetterboxPadValue);
      EXPECT_FLOAT_EQ(chw[c * 16 + 2 * 4 + x], 200.0f / 255.0f);
    }
  }
  EXPECT_FLOAT_EQ(chw[0 * 16 + 1 * 4 + 1], 200.0f / 255.0f);  // red, row 1
  EXPECT_FLOAT_EQ(chw[2 * 16 + 1 * 4 + 1], 0.0f);             // blue, row 1
}

TEST(LetterboxTest, BilinearHalvingAveragesPairs) {
  Image image(4, 1, 1, 1);
  const int values[] = {0, 100, 200, 50};
  for (int x = 0; x < 4; ++x) image.Set(x, 0, 0, static_cast<std::uint32_t>(values[x]));
  const Letterbox p = PlanLetterbox(4, 1, 2, 1);
  ASSERT_EQ(p.resized_width, 2);
  ASSERT_EQ(p.resized_height, 1);  // 0.5 rounds to 1 (at least one row)
  std::vector<float> chw(3 * 2);
  LetterboxImage(image, p, chw.data());
  for (int c = 0; c < 3; ++c) {  // grey is copied to R, G and B
    EXPECT_NEAR(chw[c * 2 + 0], 50.0f / 255.0f, 1e-6);
    EXPECT_NEAR(chw[c * 2 + 1], 125.0f / 255.0f, 1e-6);
  }
}

TEST(LetterboxTest, SixteenBitAndAlpha) {
  Image image(2, 2, 4, 2);
  image.Fill(65535);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) image.Set(x, y, 3, 0);  // transparent: alpha is ignored
  const Letterbox p = PlanLetterbox(2, 2, 2, 2);
  std::vector<float> chw(3 * 4);
  LetterboxImage(image, p, chw.data());
  for (float v : chw) EXPECT_FLOAT_EQ(v, 1.0f);
}

// The one-pass letterbox writes exactly (bit for bit) the floats of the old fill-then-resize, for
// down- and up-scaling, padding on either axis, 8/16-bit and 1/3/4 channels; and it overwrites a
// target that held garbage (no float left unwritten).
TEST(LetterboxTest, OnePassEqualsFillThenResizeExactly) {
  struct Case {
    int w, h, channels, bytes, tw, th;
  };
  const Case cases[] = {{720, 405, 3, 1, 640, 640},  {1920, 1080, 3, 1, 640, 640}, {405, 720, 3, 1, 640, 640},
                        {100, 67, 3, 1, 640, 640},   {37, 53, 1, 1, 64, 96},       {64, 48, 4, 1, 32, 32},
                        {50, 30, 3, 2, 96, 64},      {31, 17, 1, 2, 40, 40},       {640, 640, 3, 1, 640, 640}};
  for (const Case& k : cases) {
    SCOPED_TRACE(std::to_string(k.w) + "x" + std::to_string(k.h) + " c" + std::to_string(k.channels) + " b" +
                 std::to_string(k.bytes) + " -> " + std::to_string(k.tw) + "x" + std::to_string(k.th));
    const Image image = NoiseImage(k.w, k.h, k.channels, k.bytes);
    const Letterbox plan = PlanLetterbox(k.w, k.h, k.tw, k.th);
    const std::size_t total = 3 * static_cast<std::size_t>(k.tw) * static_cast<std::size_t>(k.th);
    std::vector<float> want(total), got(total, -7.0f);
    if (k.bytes == 1) {
      if (k.channels == 1) ReferenceResize<std::uint8_t, 1>(image, plan, want.data());
      if (k.channels == 3) ReferenceResize<std::uint8_t, 3>(image, plan, want.data());
      if (k.channels == 4) ReferenceResize<std::uint8_t, 4>(image, plan, want.data());
    } else {
      if (k.channels == 1) ReferenceResize<std::uint16_t, 1>(image, plan, want.data());
      if (k.channels == 3) ReferenceResize<std::uint16_t, 3>(image, plan, want.data());
    }
    LetterboxImage(image, plan, got.data());
    EXPECT_EQ(std::memcmp(want.data(), got.data(), total * sizeof(float)), 0);
    EXPECT_EQ(std::count(got.begin(), got.end(), -7.0f), 0);
  }
}

}  // namespace
}  // namespace prep360
