#include "prep360/reproject/remap_table.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "prep360/geometry/fast_atan2.h"
#include "prep360/reproject/remap_dispatch.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// Offset that keeps quantised positions positive, so truncation is floor.
constexpr float kBias = 8.0f;

struct RowSetup {
  float r[9];  // pano_from_cam, row-major
  float inv_fx, cx;
  float u_scale, v_scale;  // radians -> equirect pixels
  float x_lo, x_hi, y_lo, y_hi;
};

// Sample positions (u - 0.5, v - 0.5) plus kBias of pixels [0, w) of view row `b` (its normalised
// ray y), clamped so every kernel's taps stay in the border; xs and ys hold w rounded up to 8.
// Float math; positions are accurate to ~1e-3 pixel at 8K (checked against the double-precision
// geometry in the tests). Versions: AVX2+FMA (8 wide, runtime choice), SSE2 (4 wide), portable.
#if defined(__x86_64__)
void SamplePositionsSse2(const RowSetup& s, float b, int w, float* xs, float* ys) {
  constexpr float kPi = 3.14159265358979f;
  const __m128 r0 = _mm_set1_ps(s.r[0]), r3 = _mm_set1_ps(s.r[3]), r6 = _mm_set1_ps(s.r[6]);
  const __m128 kx = _mm_set1_ps(s.r[1] * b + s.r[2]), ky = _mm_set1_ps(s.r[4] * b + s.r[5]),
               kz = _mm_set1_ps(s.r[7] * b + s.r[8]);
  const __m128 u_scale = _mm_set1_ps(s.u_scale), v_scale = _mm_set1_ps(s.v_scale);
  const __m128 x_lo = _mm_set1_ps(s.x_lo + kBias), x_hi = _mm_set1_ps(s.x_hi + kBias);
  const __m128 y_lo = _mm_set1_ps(s.y_lo + kBias), y_hi = _mm_set1_ps(s.y_hi + kBias);
  // x + kBias = lon * u_scale + (pi * u_scale - 0.5 + kBias); y + kBias = y_off - lat * v_scale.
  const __m128 x_off = _mm_set1_ps(kPi * s.u_scale - 0.5f + kBias);
  const __m128 y_off = _mm_set1_ps(kPi / 2 * s.v_scale - 0.5f + kBias);
  const __m128 inv_fx = _mm_set1_ps(s.inv_fx);
  __m128 centre = _mm_sub_ps(_mm_setr_ps(0.5f, 1.5f, 2.5f, 3.5f), _mm_set1_ps(s.cx));
  for (int i = 0; i < w; i += 4, centre = _mm_add_ps(centre, _mm_set1_ps(4.0f))) {
    const __m128 a = _mm_mul_ps(centre, inv_fx);
    const __m128 dx = _mm_add_ps(_mm_mul_ps(r0, a), kx);
    const __m128 dy = _mm_add_ps(_mm_mul_ps(r3, a), ky);
    const __m128 dz = _mm_add_ps(_mm_mul_ps(r6, a), kz);
    const __m128 lon = FastAtan2(dx, dz);
    const __m128 lat = FastAtan2(_mm_sub_ps(_mm_setzero_ps(), dy),
                                 _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(dx, dx), _mm_mul_ps(dz, dz))));
    const __m128 x = _mm_add_ps(_mm_mul_ps(lon, u_scale), x_off);
    const __m128 y = _mm_sub_ps(y_off, _mm_mul_ps(lat, v_scale));
    _mm_storeu_ps(xs + i, _mm_min_ps(_mm_max_ps(x, x_lo), x_hi));
    _mm_storeu_ps(ys + i, _mm_min_ps(_mm_max_ps(y, y_lo), y_hi));
  }
}

// The AVX2 row builder writes the entries directly: the positions as SamplePositionsSse2 computes
// them (with FMA) and quantised as Quantise does.
__attribute__((target("avx2,fma"))) void BuildRowAvx2(const RowSetup& s, float b, int w, int stride,
                                                      bool nearest, RemapEntry* out) {
  constexpr float kPi = 3.14159265358979f;
  const __m256 r0 = _mm256_set1_ps(s.r[0]), r3 = _mm256_set1_ps(s.r[3]), r6 = _mm256_set1_ps(s.r[6]);
  const __m256 kx = _mm256_set1_ps(s.r[1] * b + s.r[2]), ky = _mm256_set1_ps(s.r[4] * b + s.r[5]),
               kz = _mm256_set1_ps(s.r[7] * b + s.r[8]);
  const __m256 u_scale = _mm256_set1_ps(s.u_scale), v_scale = _mm256_set1_ps(s.v_scale);
  const __m256 x_lo = _mm256_set1_ps(s.x_lo + kBias), x_hi = _mm256_set1_ps(s.x_hi + kBias);
  const __m256 y_lo = _mm256_set1_ps(s.y_lo + kBias), y_hi = _mm256_set1_ps(s.y_hi + kBias);
  const __m256 x_off = _mm256_set1_ps(kPi * s.u_scale - 0.5f + kBias);
  const __m256 y_off = _mm256_set1_ps(kPi / 2 * s.v_scale - 0.5f + kBias);
  const __m256 inv_fx = _mm256_set1_ps(s.inv_fx);
  const __m256 scale = _mm256_set1_ps(static_cast<float>(RemapTable::kFracScale));
  const __m256i bias = _mm256_set1_epi32((static_cast<int>(kBias) << RemapTable::kFracBits) -
                                         (nearest ? RemapTable::kFracScale / 2 : 0));
  const __m256i frac_mask = _mm256_set1_epi32(nearest ? 0 : RemapTable::kFracScale - 1);
  const __m256i stride_v = _mm256_set1_epi32(stride);
  __m256 centre =
      _mm256_sub_ps(_mm256_setr_ps(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f), _mm256_set1_ps(s.cx));
  for (int i = 0; i < w; i += 8, centre = _mm256_add_ps(centre, _mm256_set1_ps(8.0f))) {
    const __m256 a = _mm256_mul_ps(centre, inv_fx);
    const __m256 dx = _mm256_fmadd_ps(r0, a, kx), dy = _mm256_fmadd_ps(r3, a, ky),
                 dz = _mm256_fmadd_ps(r6, a, kz);
    const __m256 lon = FastAtan2(dx, dz);
    const __m256 lat = FastAtan2(_mm256_sub_ps(_mm256_setzero_ps(), dy),
                                 _mm256_sqrt_ps(_mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dz, dz))));
    const __m256 x = _mm256_min_ps(_mm256_max_ps(_mm256_fmadd_ps(lon, u_scale, x_off), x_lo), x_hi);
    const __m256 y = _mm256_min_ps(_mm256_max_ps(_mm256_fnmadd_ps(lat, v_scale, y_off), y_lo), y_hi);
    const __m256i xq = _mm256_sub_epi32(_mm256_cvttps_epi32(_mm256_mul_ps(x, scale)), bias);
    const __m256i yq = _mm256_sub_epi32(_mm256_cvttps_epi32(_mm256_mul_ps(y, scale)), bias);
    const __m256i offset =
        _mm256_add_epi32(_mm256_mullo_epi32(_mm256_srai_epi32(yq, RemapTable::kFracBits), stride_v),
                         _mm256_srai_epi32(xq, RemapTable::kFracBits));
    const __m256i frac = _mm256_or_si256(_mm256_and_si256(xq, frac_mask),
                                         _mm256_slli_epi32(_mm256_and_si256(yq, frac_mask), 16));
    // Entries {offset, fx | fy << 16} of pixels 0..3 and 4..7.
    const __m256i lo = _mm256_unpacklo_epi32(offset, frac), hi = _mm256_unpackhi_epi32(offset, frac);
    const __m256i first = _mm256_permute2x128_si256(lo, hi, 0x20),
                  second = _mm256_permute2x128_si256(lo, hi, 0x31);
    if (i + 8 <= w) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), first);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i + 4), second);
    } else {
      RemapEntry tmp[8];
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(tmp), first);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(tmp + 4), second);
      std::copy(tmp, tmp + (w - i), out + i);
    }
  }
}
#endif

#if !defined(__x86_64__)
void SamplePositionsPortable(const RowSetup& s, float b, int w, float* xs, float* ys) {
  const float kx = s.r[1] * b + s.r[2], ky = s.r[4] * b + s.r[5], kz = s.r[7] * b + s.r[8];
  constexpr float kPi = 3.14159265358979f;
  for (int i = 0; i < w; ++i) {
    const float a = (static_cast<float>(i) + 0.5f - s.cx) * s.inv_fx;
    const float dx = s.r[0] * a + kx, dy = s.r[3] * a + ky, dz = s.r[6] * a + kz;
    const float lon = FastAtan2(dx, dz);
    const float lat = FastAtan2(-dy, std::sqrt(dx * dx + dz * dz));
    const float x = (lon + kPi) * s.u_scale - 0.5f;
    const float y = (kPi / 2 - lat) * s.v_scale - 0.5f;
    xs[i] = std::min(std::max(x, s.x_lo), s.x_hi) + kBias;
    ys[i] = std::min(std::max(y, s.y_lo), s.y_hi) + kBias;
  }
}
#endif

// Quantises positions into entries: floor and 16-bit fraction (nearest: the rounded position).
void Quantise(const float* xs, const float* ys, int w, int stride, bool nearest, RemapEntry* out) {
  const float scale = static_cast<float>(RemapTable::kFracScale);
  const int bias_q = static_cast<int>(kBias) << RemapTable::kFracBits;
  const int round = nearest ? RemapTable::kFracScale / 2 : 0;
  const int frac_mask = nearest ? 0 : RemapTable::kFracScale - 1;
  for (int i = 0; i < w; ++i) {
    const int xq = static_cast<int>(xs[i] * scale) - bias_q + round;
    const int yq = static_cast<int>(ys[i] * scale) - bias_q + round;
    out[i].offset = (yq >> RemapTable::kFracBits) * stride + (xq >> RemapTable::kFracBits);
    out[i].fx = static_cast<std::uint16_t>(xq & frac_mask);
    out[i].fy = static_cast<std::uint16_t>(yq & frac_mask);
  }
}

}  // namespace

namespace remap_internal {

void BuildRemapEntries(const Pinhole& camera, const Mat3& pano_from_cam, int eq_width, int eq_height,
                       Interpolation interp, bool allow_avx2, RemapEntry* entries) {
  const int width = camera.width;
  const Pinhole& cam = camera;
  RowSetup setup;
  for (int k = 0; k < 9; ++k) setup.r[k] = static_cast<float>(pano_from_cam.m[static_cast<std::size_t>(k)]);
  setup.inv_fx = static_cast<float>(1.0 / cam.fx);
  setup.cx = static_cast<float>(cam.cx);
  setup.u_scale = static_cast<float>(eq_width / (2.0 * std::numbers::pi));
  setup.v_scale = static_cast<float>(eq_height / std::numbers::pi);
  // u in [0, W], v in [0, H]: x0 in [-1, W-1], y0 in [-1, H-1]; lanczos3's taps reach 3 beyond.
  setup.x_lo = -0.5f;
  setup.x_hi = static_cast<float>(eq_width) - 0.5f;
  setup.y_lo = -0.5f;
  setup.y_hi = static_cast<float>(eq_height) - 0.5f;
  const bool nearest = interp == Interpolation::kNearest;
  const int stride = eq_width + 2 * kEquirectBorder;
#if defined(__x86_64__)
  static const bool kAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx2 = allow_avx2 && kAvx2;
#else
  (void)allow_avx2;
#endif
  const std::size_t padded = (static_cast<std::size_t>(width) + 7) / 8 * 8;
  tbb::parallel_for(tbb::blocked_range<int>(0, cam.height, 8), [&](const tbb::blocked_range<int>& rows) {
    std::vector<float> xs, ys;
    for (int y = rows.begin(); y < rows.end(); ++y) {
      const float b = static_cast<float>((y + 0.5 - cam.cy) / cam.fy);
      RemapEntry* out = entries + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
#if defined(__x86_64__)
      if (avx2) {
        BuildRowAvx2(setup, b, width, stride, nearest, out);
        continue;
      }
#endif
      xs.resize(padded);
      ys.resize(padded);
#if defined(__x86_64__)
      SamplePositionsSse2(setup, b, width, xs.data(), ys.data());
#else
      SamplePositionsPortable(setup, b, width, xs.data(), ys.data());
#endif
      Quantise(xs.data(), ys.data(), width, stride, nearest, out);
    }
  });
}

}  // namespace remap_internal

RemapTable::RemapTable(const Pinhole& camera, const Mat3& pano_from_cam, int eq_width, int eq_height,
                       Interpolation interp)
    : width_(camera.width),
      height_(camera.height),
      eq_width_(eq_width),
      eq_height_(eq_height),
      interp_(interp) {
  if (width_ <= 0 || height_ <= 0) {
    throw Error("remap table: camera size not set (" + std::to_string(width_) + "x" +
                std::to_string(height_) + ")");
  }
  if (eq_width < kEquirectBorder || eq_height < kEquirectBorder || eq_width > kMaxEquirectSide ||
      eq_height > kMaxEquirectSide) {
    throw Error("equirect size " + std::to_string(eq_width) + "x" + std::to_string(eq_height) +
                " not supported (each side " + std::to_string(kEquirectBorder) + ".." +
                std::to_string(kMaxEquirectSide) + ")");
  }
  size_ = static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_);
  entries_.reset(new RemapEntry[size_]);  // every entry is written below
  remap_internal::BuildRemapEntries(camera, pano_from_cam, eq_width, eq_height, interp, /*allow_avx2=*/true,
                                    entries_.get());
  source_rows_ = ComputeSourceRows();
}

RowRange RemapTable::ComputeSourceRows() const {
  // offset + border + border * stride = (y0 + border) * stride + (x0 + border) with
  // 0 <= x0 + border < stride, so the extreme offsets give the extreme tap rows y0.
  const auto [lo, hi] = std::minmax_element(
      entries_.get(), entries_.get() + size_,
      [](const RemapEntry& a, const RemapEntry& b) { return a.offset < b.offset; });
  int x0 = 0, y_min = 0, y_max = 0;
  TapPosition(*lo, &x0, &y_min);
  TapPosition(*hi, &x0, &y_max);
  // Rows the kernel reads around y0 (see remap_kernels.h / kernel_weights.h).
  int dy_lo = 0, dy_hi = 0;
  switch (interp_) {
    case Interpolation::kNearest:
      break;
    case Interpolation::kBilinear:
      dy_hi = 1;
      break;
    case Interpolation::kBicubic:
      dy_lo = -1;
      dy_hi = 2;
      break;
    case Interpolation::kLanczos3:
      dy_lo = -2;
      dy_hi = 3;
      break;
  }
  const int first = y_min + dy_lo, last = y_max + dy_hi;
  // Border rows mirror rows 0.. (north) and ..H-1 (south): the range then reaches the edge.
  RowRange rows;
  rows.begin = first < 0 ? 0 : std::min(first, eq_height_);
  rows.end = last >= eq_height_ ? eq_height_ : std::max(last + 1, 0);
  return rows;
}

void RemapTable::TapPosition(const RemapEntry& e, int* x0, int* y0) const {
  // offset + border = y0 * stride + (x0 + border) with 0 <= x0 + border < stride.
  const int stride = source_stride_pixels();
  const int shifted = e.offset + kEquirectBorder + kEquirectBorder * stride;  // >= 0
  *y0 = shifted / stride - kEquirectBorder;
  *x0 = shifted % stride - kEquirectBorder;
}

}  // namespace prep360
