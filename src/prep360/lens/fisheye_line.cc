#include "prep360/lens/fisheye_line.h"

#include <algorithm>
#include <cmath>

#include "prep360/geometry/fast_atan2.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace prep360 {

void ProjectFisheyeLine(const FisheyeLens& lens, double usable, const Vec3& d0, const Vec3& dd, int n, float* x,
                        float* y, float* margin) {
  const auto f = [](double v) { return static_cast<float>(v); };
  const float ppr = f(lens.PixelsPerRadian()), cx = f(lens.cx), cy = f(lens.cy), use = f(usable);
  const float ax = f(d0.x), ay = f(d0.y), az = f(d0.z), bx = f(dd.x), by = f(dd.y), bz = f(dd.z);
#if defined(__x86_64__)
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
