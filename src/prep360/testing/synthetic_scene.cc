#include "prep360/testing/synthetic_scene.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "prep360/geometry/equirect.h"
#include "prep360/reproject/projected_remap.h"
#include "prep360/reproject/remap_table.h"

namespace prep360::testkit {
namespace {

struct Wave {
  double kx, ky, kz, phase;
};

// Plane waves sin(k . d + phase); amplitudes per channel below.
// |k| from 5 to 84: the finest waves are ~13 pixels long on a 1024-wide equirect, so the
// interpolation kernel matters (and a half-pixel error shows).
constexpr Wave kWaves[] = {
    {5.0, 1.3, 0.0, 0.4},   {0.0, 3.7, -4.4, 1.1},    {2.9, 0.0, 6.1, -0.5},    {17.0, -11.0, 13.0, 0.3},
    {9.0, -6.0, 14.0, 2.0}, {-27.0, 21.0, 19.0, 0.9}, {55.0, -38.0, 44.0, 0.2}, {-31.0, -62.0, 48.0, 1.7},
};
constexpr int kNumWaves = 8;
constexpr double kAmp[3][kNumWaves] = {
    {0.12, 0.00, 0.07, 0.06, 0.00, 0.05, 0.05, 0.00},
    {0.00, 0.12, 0.06, 0.00, 0.06, 0.05, 0.00, 0.05},
    {0.08, 0.07, 0.00, 0.06, 0.05, 0.04, 0.03, 0.03},
};

struct Bump {
  Vec3 centre;  // unit
  double r, g, b;
};
constexpr double kBumpSharpness = 40.0;  // exp(kappa (d.c - 1)): ~9 degrees wide

const Bump* Bumps() {
  static const Bump bumps[] = {
      {Vec3{1, -0.3, 0.4}.Normalized(), 0.08, -0.06, 0.05},
      {Vec3{-0.5, 0.8, -0.2}.Normalized(), -0.07, 0.08, 0.06},
      {Vec3{0.1, -0.95, -0.3}.Normalized(), 0.06, 0.05, -0.08},
      {Vec3{-0.2, 0.1, -1}.Normalized(), 0.05, -0.07, 0.08},
  };
  return bumps;
}

std::uint32_t Quantise(double v, int bytes_per_sample) {
  const double max = bytes_per_sample == 1 ? 255.0 : 65535.0;
  return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0, 1.0) * max));
}

// Mean colour (r, g, b, a) over supersample^2 directions given by `dir_at(sx, sy)` with sx, sy
// offsets in (0, 1) within the pixel.
template <typename DirAt>
void Average(int supersample, const DirAt& dir_at, double out[4]) {
  out[0] = out[1] = out[2] = out[3] = 0;
  for (int b = 0; b < supersample; ++b) {
    for (int a = 0; a < supersample; ++a) {
      const Vec3 d = dir_at((a + 0.5) / supersample, (b + 0.5) / supersample);
      const Rgb c = SceneColor(d);
      out[0] += c.r;
      out[1] += c.g;
      out[2] += c.b;
      out[3] += SceneAlpha(d);
    }
  }
  const double n = supersample * supersample;
  for (int i = 0; i < 4; ++i) out[i] /= n;
}

void Store(Image& img, int x, int y, const double c[4]) {
  const int bps = img.bytes_per_sample();
  if (img.channels() == 1) {
    img.Set(x, y, 0, Quantise(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2], bps));
    return;
  }
  for (int ch = 0; ch < img.channels(); ++ch) img.Set(x, y, ch, Quantise(c[ch], bps));
}

template <typename DirAt>
void Render(Image& img, int supersample, const DirAt& dir_at) {
  if (supersample < 1) throw std::invalid_argument("supersample must be >= 1");
  tbb::parallel_for(tbb::blocked_range<int>(0, img.height(), 4), [&](const tbb::blocked_range<int>& rows) {
    for (int y = rows.begin(); y < rows.end(); ++y) {
      for (int x = 0; x < img.width(); ++x) {
        double c[4];
        Average(
            supersample, [&](double sx, double sy) { return dir_at(x + sx, y + sy); }, c);
        Store(img, x, y, c);
      }
    }
  });
}

void CheckComparable(const Image& a, const Image& b, int margin) {
  if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels() ||
      a.bytes_per_sample() != b.bytes_per_sample()) {
    throw std::invalid_argument("Psnr: images differ in size or format");
  }
  if (margin < 0 || 2 * margin >= a.width() || 2 * margin >= a.height()) {
    throw std::invalid_argument("Psnr: margin leaves no pixels");
  }
}

}  // namespace

Rgb SceneColor(const Vec3& dir) {
  const Vec3 d = dir.Normalized();
  double s[kNumWaves];
  for (int i = 0; i < kNumWaves; ++i) {
    const Wave& w = kWaves[i];
    s[i] = std::sin(w.kx * d.x + w.ky * d.y + w.kz * d.z + w.phase);
  }
  double c[3] = {0.5, 0.5, 0.5};
  for (int ch = 0; ch < 3; ++ch) {
    for (int i = 0; i < kNumWaves; ++i) c[ch] += kAmp[ch][i] * s[i];
  }
  const Bump* bumps = Bumps();
  for (int i = 0; i < 4; ++i) {
    const double e = std::exp(kBumpSharpness * (d.Dot(bumps[i].centre) - 1.0));
    c[0] += bumps[i].r * e;
    c[1] += bumps[i].g * e;
    c[2] += bumps[i].b * e;
  }
  return {c[0], c[1], c[2]};
}

double SceneAlpha(const Vec3& dir) {
  const Vec3 d = dir.Normalized();
  return 0.5 + 0.25 * std::sin(4.0 * d.x - 7.0 * d.y + 0.2) + 0.15 * std::cos(11.0 * d.z + 5.0 * d.x);
}

Image RenderEquirect(int width, int height, int channels, int bytes_per_sample, int supersample, int border) {
  Image img(width, height, channels, bytes_per_sample, border);
  Render(img, supersample, [&](double u, double v) { return DirectionFromEquirect(u, v, width, height); });
  if (border > 0) FillEquirectBorder(img);
  return img;
}

Image RenderView(const View& view, int channels, int bytes_per_sample, int supersample) {
  if (view.width <= 0 || view.height <= 0) throw std::invalid_argument("RenderView: view size not set");
  Image img(view.width, view.height, channels, bytes_per_sample);
  const Pinhole cam = view.Camera();
  const Mat3 pano_from_cam = view.PanoFromCam();
  Render(img, supersample, [&](double x, double y) { return pano_from_cam * cam.Ray(x, y); });
  return img;
}

Image RenderDualFisheye(const DualFisheyeCalib& calib, int channels, int bytes_per_sample, int supersample,
                        int border) {
  Image img(calib.width, calib.height, channels, bytes_per_sample, border);
  const FisheyeLens* lenses[2] = {&calib.lenses[0], &calib.lenses[1]};
  const Mat3 rot[2] = {lenses[0]->PanoFromLens(), lenses[1]->PanoFromLens()};
  tbb::parallel_for(tbb::blocked_range<int>(0, img.height(), 4), [&](const tbb::blocked_range<int>& rows) {
    for (int y = rows.begin(); y < rows.end(); ++y) {
      for (int x = 0; x < img.width(); ++x) {
        double c[4] = {0, 0, 0, 0};
        for (std::size_t i = 0; i < 2; ++i) {
          const FisheyeLens& lens = *lenses[i];
          if (std::hypot(x + 0.5 - lens.cx, y + 0.5 - lens.cy) > lens.radius) continue;
          Average(
              supersample, [&](double sx, double sy) { return rot[i] * lens.Ray(x + sx, y + sy); }, c);
          break;
        }
        Store(img, x, y, c);
      }
    }
  });
  if (border > 0) FillClampBorder(img);
  return img;
}

Image RenderEac(const EacLayout& layout, int channels, int bytes_per_sample, int supersample) {
  Image img(layout.track_width(), 2 * layout.face, channels, bytes_per_sample);
  Render(img, supersample, [&](double x, double y) {
    const int track = y < layout.face ? 0 : 1;
    return layout.Ray(track, x, y - track * layout.face);
  });
  return img;
}

double Psnr(const Image& a, const Image& b, int margin) {
  CheckComparable(a, b, margin);
  double sum = 0;
  std::size_t n = 0;
  for (int y = margin; y < a.height() - margin; ++y) {
    for (int x = margin; x < a.width() - margin; ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        const double d = static_cast<double>(a.At(x, y, c)) - static_cast<double>(b.At(x, y, c));
        sum += d * d;
        ++n;
      }
    }
  }
  if (sum == 0) return std::numeric_limits<double>::infinity();
  const double max = a.bytes_per_sample() == 1 ? 255.0 : 65535.0;
  return 10.0 * std::log10(max * max / (sum / static_cast<double>(n)));
}

int MaxAbsDiff(const Image& a, const Image& b, int margin) {
  CheckComparable(a, b, margin);
  int worst = 0;
  for (int y = margin; y < a.height() - margin; ++y) {
    for (int x = margin; x < a.width() - margin; ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        worst = std::max(worst, std::abs(static_cast<int>(a.At(x, y, c)) - static_cast<int>(b.At(x, y, c))));
      }
    }
  }
  return worst;
}

}  // namespace prep360::testkit
