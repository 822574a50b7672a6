#include "prep360/geometry/fast_atan2.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace prep360 {
namespace {

std::vector<std::pair<float, float>> Points() {
  std::vector<std::pair<float, float>> pts;
  for (int i = 0; i < 20000; ++i) {
    const double a = -std::numbers::pi + 2 * std::numbers::pi * i / 20000.0;
    const double r = 0.001 + (i % 7) * 3.0;
    pts.emplace_back(static_cast<float>(r * std::sin(a)), static_cast<float>(r * std::cos(a)));
  }
  for (float v : {0.0f, 1.0f, -1.0f, 1e-20f, -3.5f}) {
    pts.emplace_back(v, 1.0f);
    pts.emplace_back(1.0f, v);
    pts.emplace_back(v, -1.0f);
    pts.emplace_back(-1.0f, v);
  }
  return pts;
}

// Angular distance, so +pi and -pi agree.
double AngleError(double a, double b) { return std::fabs(std::remainder(a - b, 2 * std::numbers::pi)); }

TEST(ReprojectFastAtan2Test, ScalarMatchesStdAtan2) {
  double worst = 0;
  for (const auto& [y, x] : Points()) worst = std::max(worst, AngleError(FastAtan2(y, x), std::atan2(y, x)));
  EXPECT_LT(worst, 3e-7);
}

#if defined(__x86_64__)
TEST(ReprojectFastAtan2Test, Sse2EqualsScalar) {
  const auto pts = Points();
  for (std::size_t i = 0; i + 4 <= pts.size(); i += 4) {
    float ys[4], xs[4], out[4];
    for (int k = 0; k < 4; ++k) {
      ys[k] = pts[i + k].first;
      xs[k] = pts[i + k].second;
    }
    _mm_storeu_ps(out, FastAtan2(_mm_loadu_ps(ys), _mm_loadu_ps(xs)));
    for (int k = 0; k < 4; ++k) ASSERT_EQ(out[k], FastAtan2(ys[k], xs[k])) << ys[k] << " " << xs[k];
  }
}

__attribute__((target("avx2,fma"))) void Atan2Avx2(const float* y, const float* x, float* out) {
  _mm256_storeu_ps(out, FastAtan2(_mm256_loadu_ps(y), _mm256_loadu_ps(x)));
}

TEST(ReprojectFastAtan2Test, Avx2MatchesStdAtan2) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) GTEST_SKIP() << "no AVX2/FMA";
  const auto pts = Points();
  double worst = 0;
  for (std::size_t i = 0; i + 8 <= pts.size(); i += 8) {
    float ys[8], xs[8], out[8];
    for (int k = 0; k < 8; ++k) {
      ys[k] = pts[i + k].first;
      xs[k] = pts[i + k].second;
    }
    Atan2Avx2(ys, xs, out);
    for (int k = 0; k < 8; ++k) worst = std::max(worst, AngleError(out[k], std::atan2(ys[k], xs[k])));
  }
  EXPECT_LT(worst, 3e-7);
}
#endif

}  // namespace
}  // namespace prep360
