#include "prep360/reproject/kernel_weights.h"

#include <gtest/gtest.h>

#include <cmath>

namespace prep360::remap_internal {
namespace {

void ExpectNormalised(const KernelLut& lut) {
  for (int p = 0; p < kPhases; ++p) {
    float sum = 0;
    int qsum = 0;
    for (int k = 0; k < lut.taps; ++k) {
      sum += lut.f[p][k];
      qsum += lut.q[p][k];
      EXPECT_EQ(lut.pairs[p][k / 2][k % 2], lut.q[p][k]);
      EXPECT_EQ(lut.pairs[p][k / 2][6 + k % 2], lut.q[p][k]);
    }
    EXPECT_NEAR(sum, 1.0f, 1e-6f);
    EXPECT_EQ(qsum, 1 << kWeightBits);
  }
}

TEST(InterpKernelWeightsTest, CubicIsCatmullRom) {
  const KernelLut& lut = CubicLut();
  ASSERT_EQ(lut.taps, 4);
  ExpectNormalised(lut);
  // Phase 0 samples the tap itself; phase 1/2 gives Catmull-Rom's (-1, 9, 9, -1) / 16.
  EXPECT_FLOAT_EQ(lut.f[0][1], 1.0f);
  EXPECT_FLOAT_EQ(lut.f[0][0], 0.0f);
  EXPECT_FLOAT_EQ(lut.f[128][0], -1.0f / 16);
  EXPECT_FLOAT_EQ(lut.f[128][1], 9.0f / 16);
  EXPECT_FLOAT_EQ(lut.f[128][2], 9.0f / 16);
  EXPECT_FLOAT_EQ(lut.f[256][2], 1.0f);
}

TEST(InterpKernelWeightsTest, Lanczos3IsSymmetricAndInterpolating) {
  const KernelLut& lut = Lanczos3Lut();
  ASSERT_EQ(lut.taps, 6);
  ExpectNormalised(lut);
  EXPECT_NEAR(lut.f[0][2], 1.0f, 1e-6f);
  EXPECT_NEAR(lut.f[0][0], 0.0f, 1e-6f);
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(lut.f[128][k], lut.f[128][5 - k], 1e-6f);
  EXPECT_LT(lut.f[128][1], 0.0f);  // negative lobe
}

TEST(InterpKernelWeightsTest, PhaseRoundsSixteenBitFractions) {
  EXPECT_EQ(Phase(0), 0);
  EXPECT_EQ(Phase(127), 0);
  EXPECT_EQ(Phase(128), 1);
  EXPECT_EQ(Phase(32768), 128);
  EXPECT_EQ(Phase(65535), 256);
}

}  // namespace
}  // namespace prep360::remap_internal
