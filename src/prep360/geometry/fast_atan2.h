#pragma once
// Branch-free single-precision atan2 for the remap-table builder: scalar, 4-wide (SSE2, part of
// the x86-64 baseline) and 8-wide (AVX2 + FMA, for runtime dispatch). Octant reduction to
// [0, tan(pi/8)] and the Cephes atanf polynomial; absolute error below 3e-7 rad over the whole
// plane (tested in fast_atan2_test.cc). The scalar and SSE2 versions perform the same float
// operations in the same order.
#include <algorithm>
#include <cmath>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace prep360 {

namespace fast_atan2_internal {
inline constexpr float kPi = 3.14159265358979f;
inline constexpr float kTanPi8 = 0.414213562373095f;
inline constexpr float kC0 = 8.05374449538e-2f, kC1 = -1.38776856032e-1f, kC2 = 1.99777106478e-1f,
                       kC3 = -3.33329491539e-1f;
}  // namespace fast_atan2_internal

inline float FastAtan2(float y, float x) {
  using namespace fast_atan2_internal;
  const float ax = std::fabs(x), ay = std::fabs(y);
  const float mn = std::min(ax, ay), mx = std::max(ax, ay);
  // atan(mn/mx) in [0, pi/4]; above tan(pi/8) use atan(t) = pi/4 + atan((t-1)/(t+1)).
  const bool big = mn > kTanPi8 * mx;
  const float num = big ? mn - mx : mn;
  const float den = std::max(big ? mn + mx : mx, 1e-30f);
  const float t = num / den;
  const float z = t * t;
  float r = (((kC0 * z + kC1) * z + kC2) * z + kC3) * z * t + t + (big ? kPi / 4 : 0.0f);
  r = ay > ax ? kPi / 2 - r : r;
  r = x < 0 ? kPi - r : r;
  return std::copysign(r, y);
}

#if defined(__x86_64__)
inline __m128 FastAtan2(__m128 y, __m128 x) {
  using namespace fast_atan2_internal;
  const auto select = [](__m128 mask, __m128 a, __m128 b) {
    return _mm_or_ps(_mm_and_ps(mask, a), _mm_andnot_ps(mask, b));
  };
  const __m128 sign = _mm_set1_ps(-0.0f);
  const __m128 ax = _mm_andnot_ps(sign, x), ay = _mm_andnot_ps(sign, y);
  const __m128 mn = _mm_min_ps(ax, ay), mx = _mm_max_ps(ax, ay);
  const __m128 big = _mm_cmpgt_ps(mn, _mm_mul_ps(_mm_set1_ps(kTanPi8), mx));
  const __m128 num = select(big, _mm_sub_ps(mn, mx), mn);
  const __m128 den = _mm_max_ps(select(big, _mm_add_ps(mn, mx), mx), _mm_set1_ps(1e-30f));
  const __m128 t = _mm_div_ps(num, den);
  const __m128 z = _mm_mul_ps(t, t);
  __m128 p = _mm_add_ps(_mm_mul_ps(_mm_set1_ps(kC0), z), _mm_set1_ps(kC1));
  p = _mm_add_ps(_mm_mul_ps(p, z), _mm_set1_ps(kC2));
  p = _mm_add_ps(_mm_mul_ps(p, z), _mm_set1_ps(kC3));
  __m128 r =
      _mm_add_ps(_mm_add_ps(_mm_mul_ps(_mm_mul_ps(p, z), t), t), _mm_and_ps(big, _mm_set1_ps(kPi / 4)));
  r = select(_mm_cmpgt_ps(ay, ax), _mm_sub_ps(_mm_set1_ps(kPi / 2), r), r);
  r = select(_mm_cmplt_ps(x, _mm_setzero_ps()), _mm_sub_ps(_mm_set1_ps(kPi), r), r);
  return _mm_or_ps(r, _mm_and_ps(y, sign));  // r >= 0: copysign(r, y)
}

// 8-wide, for CPUs with AVX2 and FMA (callers check); FMA rounds differently from the above.
__attribute__((target("avx2,fma"))) inline __m256 FastAtan2(__m256 y, __m256 x) {
  using namespace fast_atan2_internal;
  const __m256 sign = _mm256_set1_ps(-0.0f);
  const __m256 ax = _mm256_andnot_ps(sign, x), ay = _mm256_andnot_ps(sign, y);
  const __m256 mn = _mm256_min_ps(ax, ay), mx = _mm256_max_ps(ax, ay);
  const __m256 big = _mm256_cmp_ps(mn, _mm256_mul_ps(_mm256_set1_ps(kTanPi8), mx), _CMP_GT_OQ);
  const __m256 num = _mm256_blendv_ps(mn, _mm256_sub_ps(mn, mx), big);
  const __m256 den = _mm256_max_ps(_mm256_blendv_ps(mx, _mm256_add_ps(mn, mx), big), _mm256_set1_ps(1e-30f));
  const __m256 t = _mm256_div_ps(num, den);
  const __m256 z = _mm256_mul_ps(t, t);
  __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(kC0), z, _mm256_set1_ps(kC1));
  p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(kC2));
  p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(kC3));
  __m256 r =
      _mm256_add_ps(_mm256_fmadd_ps(_mm256_mul_ps(p, z), t, t), _mm256_and_ps(big, _mm256_set1_ps(kPi / 4)));
  r = _mm256_blendv_ps(r, _mm256_sub_ps(_mm256_set1_ps(kPi / 2), r), _mm256_cmp_ps(ay, ax, _CMP_GT_OQ));
  r = _mm256_blendv_ps(r, _mm256_sub_ps(_mm256_set1_ps(kPi), r),
                       _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ));
  return _mm256_or_ps(r, _mm256_and_ps(y, sign));
}
#endif

}  // namespace prep360
