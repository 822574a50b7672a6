#include "prep360/lens/fisheye_line.h"

#include <algorithm>
#include <cmath>

#include "prep360/geometry/fast_atan2.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace prep360 {

namespace {

struct LineSetup {
  float ppr, cx, cy, use;  // pixels per radian, centre, usable angle
  float ax, ay, az, bx, by, bz;  // d0, dd
};

#if defined(__x86_64__)
// As the SSE2 loop below, 8 at a time.
__attribute__((target("avx2,fma"))) void LineAvx2(const LineSetup& s, int n, float* x, float* y, float* margin) {
  const __m256 ppr = _mm256_set1_ps(s.ppr), cx = _mm256_set1_ps(s.cx), cy = _mm256_set1_ps(s.cy);
  const __m256 use = _mm256_set1_ps(s.use), tiny = _mm256_set1_ps(1e-30f);
  const __m256 ax = _mm256_set1_ps(s.ax), ay = _mm256_set1_ps(s.ay), az = _mm256_set1_ps(s.az);
  const __m256 bx = _mm256_set1_ps(s.bx), by = _mm256_set1_ps(s.by), bz = _mm256_set1_ps(s.bz);
  __m256 k = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
  for (int i = 0; i < n; i += 8, k = _mm256_add_ps(k, _mm256_set1_ps(8))) {
    const __m256 dx = _mm256_fmadd_ps(k, bx, ax), dy = _mm256_fmadd_ps(k, by, ay), dz = _mm256_fmadd_ps(k, bz, az);
    const __m256 rho = _mm256_sqrt_ps(_mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dy, dy)));
    const __m256 theta = FastAtan2(rho, dz);
    const __m256 f = _mm256_div_ps(_mm256_mul_ps(ppr, theta), _mm256_max_ps(rho, tiny));
    _mm256_storeu_ps(x + i, _mm256_fmadd_ps(f, dx, cx));
    _mm256_storeu_ps(y + i, _mm256_fmadd_ps(f, dy, cy));
    _mm256_storeu_ps(margin + i, _mm256_sub_ps(use, theta));
  }
}
#endif

}  // namespace

void ProjectFisheyeLine(const FisheyeLens& lens, double usable, const Vec3& d0, const Vec3& dd, int n, float* x,
                        float* y, float* margin) {
  const auto f = [](double v) { return static_cast<float>(v); };
  const float ppr = f(lens.PixelsPerRadian()), cx = f(lens.cx), cy = f(lens.cy), use = f(usable);
  const float ax = f(d0.x), ay = f(d0.y), az = f(d0.z), bx = f(dd.x), by = f(dd.y), bz = f(dd.z);
#if defined(__x86_64__)
  static const bool kAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (kAvx2) return LineAvx2({ppr, cx, cy, use, ax, ay, az, bx, by, bz}, n, x, y, margin);
  // rho = |(dx, dy)|, theta = atan2(rho, dz), position = centre + ppr * theta * (dx, dy) / rho
  // (the centre itself where rho is 0: then dx = dy = 0).
  const __m128 vppr = _mm_set1_ps(ppr), vcx = _mm_set1_ps(cx), vcy = _mm_set1_ps(cy), vuse = _mm_set1_ps(use);
  const __m128 vax = _mm_set1_ps(ax), vay = _mm_set1_ps(ay), vaz = _mm_set1_ps(az);
  const __m128 vbx = _mm_set1_ps(bx), vby = _mm_set1_ps(by), vbz = _mm_set1_ps(bz);
  const __m128 tiny = _mm_set1_ps(1e-30f);
  __m128 k = _mm_setr_ps(0, 1, 2, 3);
  for (int i = 0; i < n; i += 4, k = _mm_add_ps(k, _mm_set1_ps(4))) {
    const __m128 dx = _mm_add_ps(vax, _mm_mul_ps(k, vbx)), dy = _mm_add_ps(vay, _mm_mul_ps(k, vby));
    const __m128 dz = _mm_add_ps(vaz, _mm_mul_ps(k, vbz));
    const __m128 rho = _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(dx, dx), _mm_mul_ps(dy, dy)));
    const __m128 theta = FastAtan2(rho, dz);
    const __m128 s = _mm_div_ps(_mm_mul_ps(vppr, theta), _mm_max_ps(rho, tiny));
    _mm_storeu_ps(x + i, _mm_add_ps(vcx, _mm_mul_ps(s, dx)));
    _mm_storeu_ps(y + i, _mm_add_ps(vcy, _mm_mul_ps(s, dy)));
    _mm_storeu_ps(margin + i, _mm_sub_ps(vuse, theta));
  }
#else
  for (int i = 0; i < n; ++i) {
    const float k = static_cast<float>(i);
    const float dx = ax + k * bx, dy = ay + k * by, dz = az + k * bz;
    const float rho = std::sqrt(dx * dx + dy * dy);
    const float theta = FastAtan2(rho, dz);
    const float s = ppr * theta / std::max(rho, 1e-30f);
    x[i] = cx + s * dx;
    y[i] = cy + s * dy;
    margin[i] = use - theta;
  }
#endif
}

}  // namespace prep360
