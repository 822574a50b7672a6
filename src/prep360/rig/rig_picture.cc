#include "prep360/rig/rig_picture.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "prep360/geometry/equirect.h"
#include "prep360/image/bitmap_font.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using Rgb = std::array<std::uint8_t, 3>;

constexpr Rgb kEmpty = {24, 24, 24};
constexpr Rgb kGrid = {90, 90, 90};
constexpr Rgb kGridMain = {150, 150, 150};  // equator and longitude 0

void Plot(Image& img, int x, int y, const Rgb& c) {
  if (y < 0 || y >= img.height()) return;
  x %= img.width();
  if (x < 0) x += img.width();
  std::uint8_t* p = img.PixelPtr(x, y);
  p[0] = c[0];
  p[1] = c[1];
  p[2] = c[2];
}

// A (2r+1)-pixel square brush along the segment; x wraps around the seam.
void Segment(Image& img, double x0, double y0, double x1, double y1, int r, const Rgb& c) {
  const int steps = static_cast<int>(std::ceil(std::max(std::abs(x1 - x0), std::abs(y1 - y0)))) + 1;
  for (int s = 0; s <= steps; ++s) {
    const double t = static_cast<double>(s) / steps;
    const int x = static_cast<int>(std::floor(x0 + t * (x1 - x0)));
    const int y = static_cast<int>(std::floor(y0 + t * (y1 - y0)));
    for (int dy = -r; dy <= r; ++dy) {
      for (int dx = -r; dx <= r; ++dx) Plot(img, x + dx, y + dy, c);
    }
  }
}

void Disc(Image& img, double cx, double cy, int r, const Rgb& c) {
  const int x0 = static_cast<int>(std::floor(cx));
  const int y0 = static_cast<int>(std::floor(cy));
  for (int dy = -r; dy <= r; ++dy) {
    for (int dx = -r; dx <= r; ++dx) {
      if (dx * dx + dy * dy <= r * r) Plot(img, x0 + dx, y0 + dy, c);
    }
  }
}

std::uint8_t ToByte(double v) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
}

}  // namespace

std::array<std::uint8_t, 3> ViewColour(int index) {
  // Hues spread by the golden ratio: neighbours in preset order get well-separated colours.
  const double h = std::fmod(index * 0.618033988749895, 1.0) * 6.0;
  const double s = 0.85, v = 1.0;
  const int sector = static_cast<int>(h);
  const double f = h - sector;
  const double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  switch (sector % 6) {
    case 0:
      return {ToByte(v), ToByte(t), ToByte(p)};
    case 1:
      return {ToByte(q), ToByte(v), ToByte(p)};
    case 2:
      return {ToByte(p), ToByte(v), ToByte(t)};
    case 3:
      return {ToByte(p), ToByte(q), ToByte(v)};
    case 4:
      return {ToByte(t), ToByte(p), ToByte(v)};
    default:
      return {ToByte(v), ToByte(p), ToByte(q)};
  }
}

namespace {

// The given equirect (nearest sample) or a dark fill.
void DrawBackground(Image& img, const Image* background) {
  const bool has_background = background != nullptr && !background->empty();
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      Rgb c = kEmpty;
      if (has_background) {
        const int sx =
            std::min(background->width() - 1, (2 * x + 1) * background->width() / (2 * img.width()));
        const int sy =
            std::min(background->height() - 1, (2 * y + 1) * background->height() / (2 * img.height()));
        const int shift = background->bytes_per_sample() == 2 ? 8 : 0;
        const int channels = background->channels();
        for (int k = 0; k < 3; ++k) {
          const int src_channel = channels >= 3 ? k : 0;
          c[static_cast<std::size_t>(k)] =
              static_cast<std::uint8_t>(background->At(sx, sy, src_channel) >> shift);
        }
      }
      Plot(img, x, y, c);
    }
  }
}

// Grid every 30 degrees.
void DrawGrid(Image& img) {
  const int width = img.width(), height = img.height();
  for (int k = 0; k <= 12; ++k) {
    const int x = std::min(width - 1, k * width / 12);
    for (int y = 0; y < height; ++y) Plot(img, x, y, k == 6 ? kGridMain : kGrid);
  }
  for (int k = 0; k <= 6; ++k) {
    const int y = std::min(height - 1, k * height / 6);
    for (int x = 0; x < width; ++x) Plot(img, x, y, k == 3 ? kGridMain : kGrid);
  }
}

// The four edges of the view's image traced through the geometry.
void DrawOutline(Image& img, const View& view, const Rgb& colour) {
  const int width = img.width(), height = img.height();
  const int brush = width / 1024;
  const int samples_per_edge = 2 * width;
  const Pinhole cam = ShapeCamera(view);
  const Mat3 pano_from_cam = view.PanoFromCam();
  const double w = cam.width, h = cam.height;
  const std::array<std::array<double, 4>, 4> edges = {
      {{0, 0, w, 0}, {w, 0, w, h}, {w, h, 0, h}, {0, h, 0, 0}}};
  for (const auto& e : edges) {
    double prev_u = 0, prev_v = 0;
    for (int s = 0; s <= samples_per_edge; ++s) {
      const double t = static_cast<double>(s) / samples_per_edge;
      const Vec3 d = pano_from_cam * cam.Ray(e[0] + t * (e[2] - e[0]), e[1] + t * (e[3] - e[1]));
      const EquirectPoint p = EquirectFromDirection(d, width, height);
      double u = p.u;
      if (s > 0) {
        // Crossing the +-180 degree seam: continue on the unwrapped side; Plot wraps x back.
        if (u - prev_u > width / 2.0) u -= width;
        if (prev_u - u > width / 2.0) u += width;
        Segment(img, prev_u, prev_v, u, p.v, brush, colour);
      }
      prev_u = u;
      prev_v = p.v;
    }
  }
}

// `text` centred on column cx, `gap` pixels below row cy (above it if it would leave the picture),
// in kLabelInk on a kLabelOutline outline one font pixel wide; x wraps around the seam.
void DrawLabel(Image& img, const std::string& text, double cx, double cy, int gap) {
  const int scale = LabelScale(img.width());
  const Image mask = RenderText(text, scale);
  if (mask.empty()) return;
  const int x0 = static_cast<int>(std::floor(cx)) - mask.width() / 2;
  int y0 = static_cast<int>(std::floor(cy)) + gap;
  if (y0 + mask.height() + scale > img.height()) y0 = static_cast<int>(std::floor(cy)) - gap - mask.height();
  for (const bool ink : {false, true}) {
    for (int y = 0; y < mask.height(); ++y) {
      for (int x = 0; x < mask.width(); ++x) {
        if (mask.Row(y)[x] == 0) continue;
        if (ink) {
          Plot(img, x0 + x, y0 + y, kLabelInk);
          continue;
        }
        for (int dy = -scale; dy <= scale; ++dy) {
          for (int dx = -scale; dx <= scale; ++dx) Plot(img, x0 + x + dx, y0 + y + dy, kLabelOutline);
        }
      }
    }
  }
}

}  // namespace

int LabelScale(int width) { return std::max(1, width / 1024); }

Image DrawRigPicture(const Rig& rig, int width, const Image* background, bool labels) {
  if (width < 16 || width % 2 != 0) {
    throw Error(fmt::format("rig picture width {}: must be even and at least 16", width));
  }
  const int height = width / 2;
  Image img(width, height, 3, 1);
  DrawBackground(img, background);
  DrawGrid(img);
  for (std::size_t i = 0; i < rig.views.size(); ++i)
    DrawOutline(img, rig.views[i], ViewColour(static_cast<int>(i)));
  // Labels, then centre dots, so neither outlines nor labels ever hide a dot.
  const int dot = std::max(3, width / 200);
  std::vector<EquirectPoint> centres;
  for (const View& view : rig.views) {
    centres.push_back(EquirectFromDirection(view.PanoFromCam() * Vec3{0, 0, 1}, width, height));
  }
  if (labels) {
    for (std::size_t i = 0; i < rig.views.size(); ++i) {
      DrawLabel(img, rig.views[i].name, centres[i].u, centres[i].v, dot + 2 * LabelScale(width));
    }
  }
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    Disc(img, centres[i].u, centres[i].v, dot, ViewColour(static_cast<int>(i)));
  }
  return img;
}

}  // namespace prep360
