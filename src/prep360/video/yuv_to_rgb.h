#pragma once
// Semi-planar 4:2:0 YCbCr (NV12: 8-bit; P010: 10-bit in the high bits of 16-bit words) to 8-bit
// RGB, in integer arithmetic, one pixel at a time. The same inline code runs in the CUDA kernel
// (gpu/yuv_rgb_cuda.cu, frames decoded by NVDEC) and in the CPU reference (yuv_to_rgb_reference.h),
// so the two agree bit for bit.
//   - chroma is upsampled bilinearly: vertically centred between two luma rows, horizontally
//     centred too (swscale's default siting, which the CPU decode path uses) or co-sited with
//     the even luma columns ("left"), weights in quarters, so the four-tap sum is exact (x16);
//   - R = Ys*(Y - y0) + Cr*kr ..., coefficients rounded to 1/65536 (luma) and 1/4096 (the x16
//     chroma sums), one rounding at the end, clamped to 0..255.
#include <cstdint>

#if defined(__CUDACC__)
#define PREP360_HOST_DEVICE __host__ __device__
#else
#define PREP360_HOST_DEVICE
#endif

namespace prep360 {

// One decoded frame's planes (host or device memory: the same layout either way).
struct SemiPlanarFrame {
  const std::uint8_t* luma = nullptr;    // width x height samples, rows luma_pitch bytes apart
  const std::uint8_t* chroma = nullptr;  // (width+1)/2 x (height+1)/2 Cb,Cr pairs
  std::int64_t luma_pitch = 0, chroma_pitch = 0;
  int width = 0, height = 0;
  int bits = 8;                  // 8: NV12 (1 byte per sample); 10: P010 (2 bytes, little endian)
  bool chroma_left = false;      // chroma co-sited with even columns (else centred)
};

// The conversion's integer coefficients for one stream (MakeYuvToRgbCoeffs).
struct YuvToRgbCoeffs {
  std::int32_t y_offset = 0;  // black level in source units (16 << (bits-8) limited range, 0 full)
  std::int32_t c_offset = 0;  // chroma zero (128 << (bits-8)), times 16 (the four-tap sum)
  std::int32_t y_mul = 0;     // luma scale, x 65536
  std::int32_t r_cr = 0, g_cb = 0, g_cr = 0, b_cb = 0;  // chroma terms, x 4096 (x 65536 / 16)
};

inline constexpr int kYuvRgbShift = 16;

// kr, kb: the matrix's luma weights (BT.709: 0.2126, 0.0722; BT.601: 0.299, 0.114).
// full_range: samples span 0..2^bits-1 (JPEG range) rather than 16..235 / 16..240 (x 2^(bits-8)).
YuvToRgbCoeffs MakeYuvToRgbCoeffs(double kr, double kb, bool full_range, int bits);

namespace yuv_internal {

PREP360_HOST_DEVICE inline int Sample(const std::uint8_t* row, int i, int bits) {
  if (bits == 8) return row[i];
  return (row[2 * i] | (row[2 * i + 1] << 8)) >> 6;  // P010: 10 bits in the top of the word
}

PREP360_HOST_DEVICE inline int Clamp(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

// The two chroma samples (index a, b) and weights (in quarters) for luma position p, along one
// axis with n chroma samples; centred: (p - 0.5) / 2, else p / 2.
PREP360_HOST_DEVICE inline void ChromaTaps(int p, int n, bool centred, int& a, int& b, int& wa, int& wb) {
  const int h = p >> 1;
  if (centred) {
    if ((p & 1) == 0) {
      a = h - 1, b = h, wa = 1, wb = 3;
    } else {
      a = h, b = h + 1, wa = 3, wb = 1;
    }
  } else if ((p & 1) == 0) {
    a = h, b = h, wa = 4, wb = 0;
  } else {
    a = h, b = h + 1, wa = 2, wb = 2;
  }
  a = Clamp(a, 0, n - 1);
  b = Clamp(b, 0, n - 1);
}

}  // namespace yuv_internal

// RGB of pixel (x, y) of `f` into rgb[0..2].
PREP360_HOST_DEVICE inline void YuvPixelToRgb(const SemiPlanarFrame& f, const YuvToRgbCoeffs& k, int x, int y,
                                              std::uint8_t* rgb) {
  using namespace yuv_internal;
  const int cw = (f.width + 1) / 2, ch = (f.height + 1) / 2;
  int xa, xb, wxa, wxb, ya, yb, wya, wyb;
  ChromaTaps(x, cw, !f.chroma_left, xa, xb, wxa, wxb);
  ChromaTaps(y, ch, true, ya, yb, wya, wyb);
  const std::uint8_t* ra = f.chroma + ya * f.chroma_pitch;
  const std::uint8_t* rb = f.chroma + yb * f.chroma_pitch;
  const int cb = wya * (wxa * Sample(ra, 2 * xa, f.bits) + wxb * Sample(ra, 2 * xb, f.bits)) +
                 wyb * (wxa * Sample(rb, 2 * xa, f.bits) + wxb * Sample(rb, 2 * xb, f.bits)) - k.c_offset;
  const int cr = wya * (wxa * Sample(ra, 2 * xa + 1, f.bits) + wxb * Sample(ra, 2 * xb + 1, f.bits)) +
                 wyb * (wxa * Sample(rb, 2 * xa + 1, f.bits) + wxb * Sample(rb, 2 * xb + 1, f.bits)) - k.c_offset;
  const int yy = (Sample(f.luma + y * f.luma_pitch, x, f.bits) - k.y_offset) * k.y_mul + (1 << (kYuvRgbShift - 1));
  rgb[0] = static_cast<std::uint8_t>(Clamp((yy + k.r_cr * cr) >> kYuvRgbShift, 0, 255));
  rgb[1] = static_cast<std::uint8_t>(Clamp((yy - k.g_cb * cb - k.g_cr * cr) >> kYuvRgbShift, 0, 255));
  rgb[2] = static_cast<std::uint8_t>(Clamp((yy + k.b_cb * cb) >> kYuvRgbShift, 0, 255));
}

}  // namespace prep360
