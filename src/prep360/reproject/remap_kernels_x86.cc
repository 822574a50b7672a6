// SIMD row kernels for 8-bit, 3- and 4-channel sources (the common case: RGB/RGBA JPEG, PNG).
// The file is compiled for the x86-64 baseline; the SSSE3 and AVX2 functions carry target
// attributes and are chosen at run time by what the CPU has (CpuSimdLevel). They reproduce the
// portable kernels of remap_kernels.h bit for bit. Bilinear handles 4 (SSSE3) or 8 (AVX2) pixels
// per step with all weights computed in registers; bicubic/lanczos3 1 or 2 pixels per register.
#include "prep360/reproject/remap_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PREP360_REMAP_X86 1
#endif

namespace prep360::remap_internal {

#ifdef PREP360_REMAP_X86
namespace {

#define PREP360_SSSE3 __attribute__((target("ssse3")))
#define PREP360_AVX2 __attribute__((target("avx2")))

PREP360_SSSE3 inline __m128i Load64(const std::uint8_t* p) {
  return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
}
PREP360_SSSE3 inline __m128i Load128(const void* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
// Low 8 bytes from p, high 8 bytes from q.
PREP360_SSSE3 inline __m128i Load64x2(const std::uint8_t* p, const std::uint8_t* q) {
  return _mm_castps_si128(_mm_loadh_pi(_mm_castsi128_ps(Load64(p)), reinterpret_cast<const __m64*>(q)));
}

template <int C>
inline const std::uint8_t* Tap(const std::uint8_t* src, const RemapEntry& e) {
  return src + static_cast<std::ptrdiff_t>(e.offset) * C;
}

// Software prefetch of the source rows `kPrefetchAhead` pixels ahead. Along a view row the source
// is read on a curve that crosses a source row every few pixels, which the hardware prefetcher
// cannot follow; without it nearly every new cache line costs a full memory latency.
constexpr int kPrefetchAhead = 96;  // measured best of 16..256 for the W1 view
template <int C, int kRows>
inline void Prefetch(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries, int i, int n,
                     int first_row) {
  const std::uint8_t* p = Tap<C>(src, entries[std::min(i + kPrefetchAhead, n - 1)]) + first_row * stride;
  for (int r = 0; r < kRows; ++r) _mm_prefetch(reinterpret_cast<const char*>(p + r * stride), _MM_HINT_T0);
}

// ---- Bilinear: four pixels per step. ----
// Taps of one pixel as (top, bottom) byte pairs for _mm_maddubs_epi16:
// [t.c0 b.c0 t'.c0 b'.c0 t.c1 b.c1 ...] where t = top-left, t' = top-right.
template <int C>
PREP360_SSSE3 inline __m128i BilinearTaps(const std::uint8_t* src, std::ptrdiff_t stride,
                                          const RemapEntry& e) {
  const std::uint8_t* p = Tap<C>(src, e);
  const __m128i shuffle = C == 3 ? _mm_setr_epi8(0, 8, 3, 11, 1, 9, 4, 12, 2, 10, 5, 13, -1, -1, -1, -1)
                                 : _mm_setr_epi8(0, 8, 4, 12, 1, 9, 5, 13, 2, 10, 6, 14, 3, 11, 7, 15);
  return _mm_shuffle_epi8(Load64x2(p, p + stride), shuffle);
}

// One pixel: vertical blend to int16 [c0 c0' c1 c1' ...] (<= 255 * 64), horizontal to int32.
PREP360_SSSE3 inline __m128i BilinearBlend(__m128i taps, __m128i wy_bytes, __m128i wx_words) {
  const __m128i s = _mm_madd_epi16(_mm_maddubs_epi16(taps, wy_bytes), wx_words);
  return _mm_srli_epi32(_mm_add_epi32(s, _mm_set1_epi32(1 << (2 * kBilinearBits - 1))), 2 * kBilinearBits);
}

// Pixels e[0..3] as 16 bytes, 4 per pixel (3 channels: the 4th byte is 0).
template <int C>
PREP360_SSSE3 inline __m128i Bilinear8Quad(const std::uint8_t* src, std::ptrdiff_t stride,
                                           const RemapEntry* e) {
  static_assert(RemapTable::kFracBits == 16 && kBilinearBits == 6);
  // Fractions of the four pixels [fx0 fy0 fx1 fy1 ...] -> 0..64, as BilinearFrac does.
  __m128i f = _mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(Load128(e)), _mm_castsi128_ps(Load128(e + 2)),
                                              _MM_SHUFFLE(3, 1, 3, 1)));
  f = _mm_srli_epi16(_mm_avg_epu16(f, _mm_set1_epi16(511)), 9);  // (f + 512) >> 10 without overflow
  const __m128i inv = _mm_sub_epi16(_mm_set1_epi16(1 << kBilinearBits), f);
  // 32-bit lanes of word pairs: (1-fx0, fx0), (1-fy0, fy0), (1-fx1, fx1), (1-fy1, fy1); then 2, 3.
  const __m128i w01 = _mm_unpacklo_epi16(inv, f);
  const __m128i w23 = _mm_unpackhi_epi16(inv, f);
  const __m128i wb = _mm_packus_epi16(w01, w23);  // the same as bytes, 4 per pixel
  const __m128i s0 =
      BilinearBlend(BilinearTaps<C>(src, stride, e[0]), _mm_shuffle_epi8(wb, _mm_set1_epi16(0x0302)),
                    _mm_shuffle_epi32(w01, 0x00));
  const __m128i s1 =
      BilinearBlend(BilinearTaps<C>(src, stride, e[1]), _mm_shuffle_epi8(wb, _mm_set1_epi16(0x0706)),
                    _mm_shuffle_epi32(w01, 0xAA));
  const __m128i s2 =
      BilinearBlend(BilinearTaps<C>(src, stride, e[2]), _mm_shuffle_epi8(wb, _mm_set1_epi16(0x0B0A)),
                    _mm_shuffle_epi32(w23, 0x00));
  const __m128i s3 =
      BilinearBlend(BilinearTaps<C>(src, stride, e[3]), _mm_shuffle_epi8(wb, _mm_set1_epi16(0x0F0E)),
                    _mm_shuffle_epi32(w23, 0xAA));
  return _mm_packus_epi16(_mm_packs_epi32(s0, s1), _mm_packs_epi32(s2, s3));
}

// 4 pixels of 16 bytes (4 per pixel) packed to C bytes per pixel in the low 4*C bytes.
template <int C>
PREP360_SSSE3 inline __m128i PackQuad(__m128i px) {
  if constexpr (C == 3)
    return _mm_shuffle_epi8(px, _mm_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
  return px;
}

// Runs `quad(entries + i)` over the row, four pixels at a time. The main loop stores 16 bytes per
// quad (3 channels: 4 past it, rewritten by the next quad); the last pixels go through a padded
// copy of the entries and are stored exactly, so nothing past the row is touched.
template <int C, int kPrefetchRows, int kFirstRow, typename Quad>
PREP360_SSSE3 __attribute__((always_inline)) inline void QuadLoop(const std::uint8_t* src,
                                                                  std::ptrdiff_t stride,
                                                                  const RemapEntry* __restrict entries,
                                                                  std::uint8_t* __restrict out, int n,
                                                                  const Quad& quad) {
  constexpr int kSpare = C == 3 ? 2 : 0;  // pixels that must follow a 16-byte store
  int i = 0;
  for (; i + 4 + kSpare <= n; i += 4) {
    Prefetch<C, kPrefetchRows>(src, stride, entries, i, n, kFirstRow);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i * C), PackQuad<C>(quad(entries + i)));
  }
  for (; i < n; i += 4) {
    RemapEntry e[4];
    for (int k = 0; k < 4; ++k) e[k] = entries[std::min(i + k, n - 1)];
    alignas(16) std::uint8_t tmp[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(tmp), PackQuad<C>(quad(e)));
    std::memcpy(out + i * C, tmp, static_cast<std::size_t>(std::min(4, n - i) * C));
  }
}

template <int C>
PREP360_SSSE3 void Bilinear8RowSsse3(const std::uint8_t* src, std::ptrdiff_t stride,
                                     const RemapEntry* __restrict entries, std::uint8_t* __restrict out,
                                     int n) {
  QuadLoop<C, 2, 0>(src, stride, entries, out, n,
                    [&](const RemapEntry* e) PREP360_SSSE3 { return Bilinear8Quad<C>(src, stride, e); });
}

// ---- Bilinear, AVX2: eight pixels per step, pixels k and k+4 in the two 128-bit lanes. ----
PREP360_AVX2 inline __m256i Pair(__m128i lo, __m128i hi) {
  return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
}

// Pixels k (lane 0) and k+4 (lane 1) of e, as int32 per channel.
template <int C, int k>
PREP360_AVX2 inline __m256i BilinearBlend2(const std::uint8_t* src, std::ptrdiff_t stride,
                                           const RemapEntry* e, __m256i wb, __m256i wx) {
  const __m256i shuffle = C == 3 ? _mm256_setr_epi8(0, 8, 3, 11, 1, 9, 4, 12, 2, 10, 5, 13, -1, -1, -1, -1, 0,
                                                    8, 3, 11, 1, 9, 4, 12, 2, 10, 5, 13, -1, -1, -1, -1)
                                 : _mm256_setr_epi8(0, 8, 4, 12, 1, 9, 5, 13, 2, 10, 6, 14, 3, 11, 7, 15, 0,
                                                    8, 4, 12, 1, 9, 5, 13, 2, 10, 6, 14, 3, 11, 7, 15);
  const std::uint8_t* p = Tap<C>(src, e[k]);
  const std::uint8_t* q = Tap<C>(src, e[k + 4]);
  const __m256i taps = _mm256_shuffle_epi8(Pair(Load64x2(p, p + stride), Load64x2(q, q + stride)), shuffle);
  const __m256i wy = _mm256_shuffle_epi8(wb, _mm256_set1_epi16(static_cast<short>(0x0302 + 0x0404 * k)));
  const __m256i s = _mm256_madd_epi16(_mm256_maddubs_epi16(taps, wy), wx);
  return _mm256_srli_epi32(_mm256_add_epi32(s, _mm256_set1_epi32(1 << (2 * kBilinearBits - 1))),
                           2 * kBilinearBits);
}

template <int C>
PREP360_AVX2 inline __m256i Bilinear8Oct(const std::uint8_t* src, std::ptrdiff_t stride,
                                         const RemapEntry* e) {
  // Lane 0: fractions of pixels 0..3, lane 1: 4..7; then as in Bilinear8Quad.
  __m256i f = _mm256_castps_si256(_mm256_shuffle_ps(_mm256_castsi256_ps(Pair(Load128(e), Load128(e + 4))),
                                                    _mm256_castsi256_ps(Pair(Load128(e + 2), Load128(e + 6))),
                                                    _MM_SHUFFLE(3, 1, 3, 1)));
  f = _mm256_srli_epi16(_mm256_avg_epu16(f, _mm256_set1_epi16(511)), 9);
  const __m256i inv = _mm256_sub_epi16(_mm256_set1_epi16(1 << kBilinearBits), f);
  const __m256i w01 = _mm256_unpacklo_epi16(inv, f);
  const __m256i w23 = _mm256_unpackhi_epi16(inv, f);
  const __m256i wb = _mm256_packus_epi16(w01, w23);
  const __m256i s0 = BilinearBlend2<C, 0>(src, stride, e, wb, _mm256_shuffle_epi32(w01, 0x00));
  const __m256i s1 = BilinearBlend2<C, 1>(src, stride, e, wb, _mm256_shuffle_epi32(w01, 0xAA));
  const __m256i s2 = BilinearBlend2<C, 2>(src, stride, e, wb, _mm256_shuffle_epi32(w23, 0x00));
  const __m256i s3 = BilinearBlend2<C, 3>(src, stride, e, wb, _mm256_shuffle_epi32(w23, 0xAA));
  return _mm256_packus_epi16(_mm256_packs_epi32(s0, s1), _mm256_packs_epi32(s2, s3));
}

// 8 pixels of 32 bytes (4 per pixel) packed to C bytes per pixel in the low 8*C bytes.
template <int C>
PREP360_AVX2 inline __m256i PackOct(__m256i px) {
  if constexpr (C == 3) {
    px = _mm256_shuffle_epi8(px, _mm256_setr_epi8(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1, 0,
                                                  1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1));
    px = _mm256_permutevar8x32_epi32(px, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7));
  }
  return px;
}

// As QuadLoop, eight pixels at a time.
template <int C>
PREP360_AVX2 void Bilinear8RowAvx2(const std::uint8_t* src, std::ptrdiff_t stride,
                                   const RemapEntry* __restrict entries, std::uint8_t* __restrict out,
                                   int n) {
  constexpr int kSpare = C == 3 ? 3 : 0;  // pixels that must follow a 32-byte store
  int i = 0;
  for (; i + 8 + kSpare <= n; i += 8) {
    Prefetch<C, 2>(src, stride, entries, i, n, 0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i * C),
                        PackOct<C>(Bilinear8Oct<C>(src, stride, entries + i)));
  }
  for (; i < n; i += 8) {
    RemapEntry e[8];
    for (int k = 0; k < 8; ++k) e[k] = entries[std::min(i + k, n - 1)];
    alignas(32) std::uint8_t tmp[32];
    _mm256_store_si256(reinterpret_cast<__m256i*>(tmp), PackOct<C>(Bilinear8Oct<C>(src, stride, e)));
    std::memcpy(out + i * C, tmp, static_cast<std::size_t>(std::min(8, n - i) * C));
  }
}

// ---- Nearest: four pixels per step. ----
template <int C>
PREP360_SSSE3 void Nearest8RowSsse3(const std::uint8_t* src, std::ptrdiff_t stride,
                                    const RemapEntry* __restrict entries, std::uint8_t* __restrict out,
                                    int n) {
  QuadLoop<C, 1, 0>(src, stride, entries, out, n, [&](const RemapEntry* e) PREP360_SSSE3 {
    const auto load = [&](int k) PREP360_SSSE3 {  // 4 bytes; a 3-channel pixel's 4th is cut by PackQuad
      int v;
      std::memcpy(&v, Tap<C>(src, e[k]), 4);
      return _mm_cvtsi32_si128(v);
    };
    return _mm_unpacklo_epi64(_mm_unpacklo_epi32(load(0), load(1)), _mm_unpacklo_epi32(load(2), load(3)));
  });
}

// ---- Separable kernels (bicubic, lanczos3). ----
// One tap row of 4 pixels (16 bytes; 3 channels: 12 of them) as byte pairs [c0 c0' c1 c1' ...]
// of taps (0,1) in the low half and (2,3) in the high half.
template <int C>
PREP360_SSSE3 inline __m128i QuadShuffle() {
  if constexpr (C == 3) return _mm_setr_epi8(0, 3, 1, 4, 2, 5, -1, -1, 6, 9, 7, 10, 8, 11, -1, -1);
  return _mm_setr_epi8(0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);
}

// One pixel, 4 bytes (3 channels: the 4th is 0). Integer arithmetic of Separable8Row.
template <int C, int kTaps>
PREP360_SSSE3 inline __m128i Separable8Pixel(const std::uint8_t* src, std::ptrdiff_t stride,
                                             const RemapEntry& e, const KernelLut& lut) {
  constexpr int kLead = kTaps / 2 - 1;
  constexpr int kMidShift = 6;
  constexpr int kShift = 2 * kWeightBits - kMidShift;
  const __m128i zero = _mm_setzero_si128();
  const __m128i quad_shuffle = QuadShuffle<C>();
  const auto* wx = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e.fx)]);
  const auto* wy = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e.fy)]);
  const __m128i wx01 = _mm_load_si128(wx), wx23 = _mm_load_si128(wx + 1);
  const std::uint8_t* p = Tap<C>(src, e) - kLead * (stride + C);
  __m128i rows[kTaps];
  for (int r = 0; r < kTaps; ++r, p += stride) {
    const __m128i q = _mm_shuffle_epi8(Load128(p), quad_shuffle);
    __m128i h = _mm_add_epi32(_mm_madd_epi16(_mm_unpacklo_epi8(q, zero), wx01),
                              _mm_madd_epi16(_mm_unpackhi_epi8(q, zero), wx23));
    if constexpr (kTaps == 6) {
      const __m128i q45 = _mm_shuffle_epi8(Load64(p + 4 * C), quad_shuffle);
      h = _mm_add_epi32(h, _mm_madd_epi16(_mm_unpacklo_epi8(q45, zero), _mm_load_si128(wx + 2)));
    }
    rows[r] = _mm_srai_epi32(_mm_add_epi32(h, _mm_set1_epi32(1 << (kMidShift - 1))), kMidShift);
  }
  const __m128i interleave = _mm_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
  __m128i acc = _mm_set1_epi32(1 << (kShift - 1));
  for (int r = 0; r < kTaps; r += 2) {
    // int16 pairs (row r, row r+1) per channel; |h| < 2^15 for both kernels' weights.
    const __m128i pair = _mm_shuffle_epi8(_mm_packs_epi32(rows[r], rows[r + 1]), interleave);
    acc = _mm_add_epi32(acc, _mm_madd_epi16(pair, _mm_load_si128(wy + r / 2)));
  }
  return _mm_srai_epi32(acc, kShift);
}

template <int C, int kTaps>
PREP360_SSSE3 void Separable8RowSsse3(const std::uint8_t* src, std::ptrdiff_t stride,
                                      const RemapEntry* __restrict entries, std::uint8_t* __restrict out,
                                      int n) {
  const KernelLut& lut = kTaps == 4 ? CubicLut() : Lanczos3Lut();
  QuadLoop<C, kTaps, -(kTaps / 2 - 1)>(src, stride, entries, out, n, [&](const RemapEntry* e) PREP360_SSSE3 {
    const __m128i p01 = _mm_packs_epi32(Separable8Pixel<C, kTaps>(src, stride, e[0], lut),
                                        Separable8Pixel<C, kTaps>(src, stride, e[1], lut));
    const __m128i p23 = _mm_packs_epi32(Separable8Pixel<C, kTaps>(src, stride, e[2], lut),
                                        Separable8Pixel<C, kTaps>(src, stride, e[3], lut));
    return _mm_packus_epi16(p01, p23);  // clamps to [0, 255]
  });
}

// AVX2: pixels (k, k+1) in the two lanes, int32 per channel; the arithmetic of Separable8Pixel.
template <int C, int kTaps>
PREP360_AVX2 inline __m256i Separable8Pair(const std::uint8_t* src, std::ptrdiff_t stride,
                                           const RemapEntry& e0, const RemapEntry& e1, const KernelLut& lut) {
  constexpr int kLead = kTaps / 2 - 1;
  constexpr int kMidShift = 6;
  constexpr int kShift = 2 * kWeightBits - kMidShift;
  const __m256i zero = _mm256_setzero_si256();
  const __m128i q = QuadShuffle<C>();
  const __m256i quad_shuffle = Pair(q, q);
  const auto* wx0 = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e0.fx)]);
  const auto* wx1 = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e1.fx)]);
  const auto* wy0 = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e0.fy)]);
  const auto* wy1 = reinterpret_cast<const __m128i*>(lut.pairs[Phase(e1.fy)]);
  const __m256i wx01 = Pair(_mm_load_si128(wx0), _mm_load_si128(wx1));
  const __m256i wx23 = Pair(_mm_load_si128(wx0 + 1), _mm_load_si128(wx1 + 1));
  const std::uint8_t* p = Tap<C>(src, e0) - kLead * (stride + C);
  const std::uint8_t* r = Tap<C>(src, e1) - kLead * (stride + C);
  __m256i rows[kTaps];
  for (int k = 0; k < kTaps; ++k, p += stride, r += stride) {
    const __m256i t = _mm256_shuffle_epi8(Pair(Load128(p), Load128(r)), quad_shuffle);
    __m256i h = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi8(t, zero), wx01),
                                 _mm256_madd_epi16(_mm256_unpackhi_epi8(t, zero), wx23));
    if constexpr (kTaps == 6) {
      const __m256i t45 = _mm256_shuffle_epi8(Pair(Load64(p + 4 * C), Load64(r + 4 * C)), quad_shuffle);
      h = _mm256_add_epi32(h, _mm256_madd_epi16(_mm256_unpacklo_epi8(t45, zero),
                                                Pair(_mm_load_si128(wx0 + 2), _mm_load_si128(wx1 + 2))));
    }
    rows[k] = _mm256_srai_epi32(_mm256_add_epi32(h, _mm256_set1_epi32(1 << (kMidShift - 1))), kMidShift);
  }
  const __m256i interleave = _mm256_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8,
                                              9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
  __m256i acc = _mm256_set1_epi32(1 << (kShift - 1));
  for (int k = 0; k < kTaps; k += 2) {
    const __m256i pair = _mm256_shuffle_epi8(_mm256_packs_epi32(rows[k], rows[k + 1]), interleave);
    acc = _mm256_add_epi32(
        acc, _mm256_madd_epi16(pair, Pair(_mm_load_si128(wy0 + k / 2), _mm_load_si128(wy1 + k / 2))));
  }
  return _mm256_srai_epi32(acc, kShift);
}

template <int C, int kTaps>
PREP360_AVX2 void Separable8RowAvx2(const std::uint8_t* src, std::ptrdiff_t stride,
                                    const RemapEntry* __restrict entries, std::uint8_t* __restrict out,
                                    int n) {
  const KernelLut& lut = kTaps == 4 ? CubicLut() : Lanczos3Lut();
  QuadLoop<C, kTaps, -(kTaps / 2 - 1)>(src, stride, entries, out, n, [&](const RemapEntry* e) PREP360_AVX2 {
    // Lanes: (0 | 1) and (2 | 3) -> int16 [0 2 | 1 3] -> bytes, clamped -> [0 1 2 3].
    const __m256i packed = _mm256_packs_epi32(Separable8Pair<C, kTaps>(src, stride, e[0], e[1], lut),
                                              Separable8Pair<C, kTaps>(src, stride, e[2], e[3], lut));
    const __m256i bytes = _mm256_packus_epi16(packed, packed);
    return _mm_unpacklo_epi32(_mm256_castsi256_si128(bytes), _mm256_extracti128_si256(bytes, 1));
  });
}

}  // namespace

SimdLevel CpuSimdLevel() {
  static const SimdLevel level = __builtin_cpu_supports("avx2")    ? SimdLevel::kAvx2
                                 : __builtin_cpu_supports("ssse3") ? SimdLevel::kSsse3
                                                                   : SimdLevel::kNone;
  return level;
}

RowKernel SimdKernel(Interpolation interp, int channels, SimdLevel level) {
  const bool avx2 = level >= SimdLevel::kAvx2;
  if (level < SimdLevel::kSsse3 || (channels != 3 && channels != 4)) return nullptr;
  const bool c3 = channels == 3;
  switch (interp) {
    case Interpolation::kNearest:
      return c3 ? Nearest8RowSsse3<3> : Nearest8RowSsse3<4>;
    case Interpolation::kBilinear:
      if (avx2) return c3 ? Bilinear8RowAvx2<3> : Bilinear8RowAvx2<4>;
      return c3 ? Bilinear8RowSsse3<3> : Bilinear8RowSsse3<4>;
    case Interpolation::kBicubic:
      if (avx2) return c3 ? Separable8RowAvx2<3, 4> : Separable8RowAvx2<4, 4>;
      return c3 ? Separable8RowSsse3<3, 4> : Separable8RowSsse3<4, 4>;
    case Interpolation::kLanczos3:
      if (avx2) return c3 ? Separable8RowAvx2<3, 6> : Separable8RowAvx2<4, 6>;
      return c3 ? Separable8RowSsse3<3, 6> : Separable8RowSsse3<4, 6>;
  }
  return nullptr;
}

#else

SimdLevel CpuSimdLevel() { return SimdLevel::kNone; }
RowKernel SimdKernel(Interpolation, int, SimdLevel) { return nullptr; }

#endif

}  // namespace prep360::remap_internal
