#include "prep360/lens/eac_layout.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include <fmt/format.h>

#include "prep360/image/image.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr double kQuarterPi = std::numbers::pi / 4;

// Faces by (track, column): track 0 Left, Front, Right; track 1 Down, Back, Up. (u, v) are the
// face's tangent coordinates in [-1, 1], u to the right and v down in the track as stored.
enum Face { kLeft, kFront, kRight, kDown, kBack, kUp };

Face FaceOf(const Vec3& d, double* u, double* v) {
  const double ax = std::abs(d.x), ay = std::abs(d.y), az = std::abs(d.z);
  if (ax >= ay && ax >= az) {
    *u = (d.x > 0 ? -d.z : d.z) / ax;
    *v = d.y / ax;
    return d.x > 0 ? kRight : kLeft;
  }
  if (ay >= az) {
    *u = (d.y > 0 ? -d.z : d.z) / ay;
    *v = -d.x / ay;
    return d.y > 0 ? kDown : kUp;
  }
  if (d.z > 0) {
    *u = d.x / az;
    *v = d.y / az;
    return kFront;
  }
  *u = -d.y / az;
  *v = -d.x / az;
  return kBack;
}

Vec3 FaceRay(Face face, double u, double v) {
  switch (face) {
    case kLeft: return {-1, v, u};
    case kFront: return {u, v, 1};
    case kRight: return {1, v, -u};
    case kDown: return {-v, 1, -u};
    case kBack: return {-v, -u, -1};
    case kUp: return {-v, -1, u};
  }
  return {0, 0, 1};
}

// The assembled frame: track 0's rows, kTrackGap rows repeating the edge rows, track 1's rows.
template <class RowOf>
Image StackTracks(const EacLayout& l, const Image& like, const RowOf& row_of) {
  Image out(l.frame_width(), l.frame_height(), like.channels(), like.bytes_per_sample(), kEquirectBorder);
  const std::size_t row_bytes = static_cast<std::size_t>(l.track_width()) * like.bytes_per_pixel();
  for (int y = 0; y < out.height(); ++y) {
    const bool first = y < l.face + EacLayout::kTrackGap / 2;
    const int sy = first ? std::min(y, l.face - 1) : std::max(0, y - l.face - EacLayout::kTrackGap);
    std::memcpy(out.Row(y), row_of(first ? 0 : 1, sy), row_bytes);
  }
  return out;
}

}  // namespace

bool EacLayout::LooksLikeTrack(int width, int height) {
  const long extra = static_cast<long>(width) - 3L * height;
  return height >= 16 && extra >= 0 && extra % 2 == 0 && 3 * extra <= height;
}

EacLayout EacLayout::ForTrack(int width, int height, const std::string& name) {
  if (!LooksLikeTrack(width, height)) {
    throw FileError(name, fmt::format("{}x{} is not one half of an EAC frame (3 faces of height x height side by "
                                      "side, plus at most height / 3 guard columns)",
                                      width, height));
  }
  return EacLayout{height, (width - 3 * height) / 2};
}

EacLayout EacLayout::ForFrame(int width, int height) {
  const int face = (height - kTrackGap) / 2;
  if (face * 2 + kTrackGap != height || !LooksLikeTrack(width, face)) {
    throw Error(fmt::format("{}x{} is not an assembled EAC frame", width, height));
  }
  return EacLayout{face, (width - 3 * face) / 2};
}

void EacLayout::Map(const Vec3& d, ProjectedSamples& out) const {
  double u = 0, v = 0;
  const Face f = FaceOf(d, &u, &v);
  const int track = f >= kDown ? 1 : 0, column = f % 3;
  const auto coord = [&](double t) { return face * (1 + std::atan(t) / kQuarterPi) / 2; };
  const double fx = coord(u);
  // Rows stay inside the track (its neighbour rows are not the sphere's continuation).
  const double fy = std::clamp(coord(v), 0.5, face - 0.5);
  out.count = 1;
  out.weight2 = 0;
  out.y[0] = out.y[1] = track * (face + kTrackGap) + fy;
  if (column == 1) {
    out.x[0] = face + guard + fx;
    return;
  }
  const double x0 = column == 0 ? 0 : 2.0 * face + guard;
  const double outer = face / 2.0 - 1.5 * guard, g = guard;
  if (guard == 0 || fx <= outer) {
    out.x[0] = x0 + fx;
    return;
  }
  if (fx >= outer + 3 * g) {
    out.x[0] = x0 + fx + g;
    return;
  }
  // Inside the band both lenses store: lens A's copy, then lens B's, each kept off the other's
  // columns so a kernel never straddles the two.
  const double t = (fx - outer) / (3 * g);
  out.x[0] = x0 + std::min(outer + 2 * g * t, outer + 2 * g - 0.5);
  out.x[1] = x0 + std::max(outer + 2 * g * (1 + t), outer + 2 * g + 0.5);
  out.count = 2;
  out.weight2 = t;
}

Vec3 EacLayout::Ray(int track, double x, double y) const {
  const double side = face + static_cast<double>(guard);
  int column = 0;
  double s = x;
  if (x >= side + face) {
    column = 2;
    s = x - side - face;
  } else if (x >= side) {
    column = 1;
    s = x - side;
  }
  double fx = s;
  if (column != 1 && guard > 0) {
    const double outer = face / 2.0 - 1.5 * guard, g = guard;
    if (s >= outer + 4 * g) {
      fx = s - g;
    } else if (s >= outer + 2 * g) {
      fx = outer + (s - outer - 2 * g) * 1.5;
    } else if (s >= outer) {
      fx = outer + (s - outer) * 1.5;
    }
  }
  const auto tangent = [&](double c) { return std::tan((2 * c / face - 1) * kQuarterPi); };
  const Vec3 d = FaceRay(static_cast<Face>(track * 3 + column), tangent(fx), tangent(y));
  return d.Normalized();
}

Image EacLayout::Assemble(const Image& first, const Image& second, const std::string& name) const {
  for (const Image* t : {&first, &second}) {
    if (t->width() != track_width() || t->height() != face || t->channels() != first.channels() ||
        t->bytes_per_sample() != first.bytes_per_sample()) {
      throw FileError(name, fmt::format("the EAC tracks differ ({}x{} and {}x{})", first.width(), first.height(),
                                        second.width(), second.height()));
    }
  }
  return StackTracks(*this, first, [&](int track, int y) { return (track == 0 ? first : second).Row(y); });
}

Image EacLayout::AssembleStacked(const Image& both, const std::string& name) const {
  if (both.width() != track_width() || both.height() != 2 * face) {
    throw FileError(name, fmt::format("{}x{} is not two EAC halves of {}x{} one above the other", both.width(),
                                      both.height(), track_width(), face));
  }
  return StackTracks(*this, both, [&](int track, int y) { return both.Row(track * face + y); });
}

}  // namespace prep360
