#include "prep360/testing/room_scene.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "prep360/geometry/equirect.h"

namespace prep360::testkit {
namespace {

struct Box {
  Vec3 lo, hi;
};

// Room: x -3..3, y -1.8 (ceiling) .. 1.2 (floor), z -2.5..2.5; the pano frame's y points down.
constexpr Box kRoom{{-3.0, -1.8, -2.5}, {3.0, 1.2, 2.5}};
constexpr Box kBoxes[] = {
    {{-0.35, 0.2, -0.3}, {0.35, 1.2, 0.3}},   // a plinth in the middle of the walk
    {{1.9, 0.4, 1.4}, {2.7, 1.2, 2.2}},       // corner boxes
    {{-2.7, 0.1, -2.2}, {-1.8, 1.2, -1.3}},
    {{-0.6, -1.8, 1.7}, {0.6, -1.2, 2.5}},    // a beam under the ceiling
};

std::uint32_t Hash(std::int64_t x, std::int64_t y, std::int64_t z, std::uint32_t seed) {
  std::uint64_t h = static_cast<std::uint64_t>(x) * 0x9E3779B97F4A7C15ull ^
                    static_cast<std::uint64_t>(y) * 0xC2B2AE3D27D4EB4Full ^
                    static_cast<std::uint64_t>(z) * 0x165667B19E3779F9ull ^ (std::uint64_t{seed} << 32 | seed);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 32;
  return static_cast<std::uint32_t>(h);
}

double Unit(std::uint32_t h) { return h / 4294967296.0; }

double Smooth(double t) { return t * t * (3 - 2 * t); }

// Trilinear value noise in [0, 1] with a smoothstep fade.
double ValueNoise(const Vec3& p, std::uint32_t seed) {
  const double fx = std::floor(p.x), fy = std::floor(p.y), fz = std::floor(p.z);
  const auto ix = static_cast<std::int64_t>(fx), iy = static_cast<std::int64_t>(fy), iz = static_cast<std::int64_t>(fz);
  const double tx = Smooth(p.x - fx), ty = Smooth(p.y - fy), tz = Smooth(p.z - fz);
  double v = 0;
  for (int c = 0; c < 8; ++c) {
    const int dx = c & 1, dy = (c >> 1) & 1, dz = (c >> 2) & 1;
    const double w = (dx ? tx : 1 - tx) * (dy ? ty : 1 - ty) * (dz ? tz : 1 - tz);
    v += w * Unit(Hash(ix + dx, iy + dy, iz + dz, seed));
  }
  return v;
}

// Sharp-edged discs: one sphere per lattice cell (size `cell`), kept inside its cell; a point in
// it takes the sphere's colour. Returns false when p is in no sphere.
bool Disc(const Vec3& p, double cell, std::uint32_t seed, Vec3* color) {
  const Vec3 q = p * (1.0 / cell);
  const auto ix = static_cast<std::int64_t>(std::floor(q.x)), iy = static_cast<std::int64_t>(std::floor(q.y)),
             iz = static_cast<std::int64_t>(std::floor(q.z));
  if (Unit(Hash(ix, iy, iz, seed)) < 0.35) return false;  // empty cell
  const double r = 0.15 + 0.25 * Unit(Hash(ix, iy, iz, seed + 1));
  const Vec3 c{std::floor(q.x) + r + (1 - 2 * r) * Unit(Hash(ix, iy, iz, seed + 2)),
               std::floor(q.y) + r + (1 - 2 * r) * Unit(Hash(ix, iy, iz, seed + 3)),
               std::floor(q.z) + r + (1 - 2 * r) * Unit(Hash(ix, iy, iz, seed + 4))};
  if ((q - c).Norm() > r) return false;
  *color = {Unit(Hash(ix, iy, iz, seed + 5)), Unit(Hash(ix, iy, iz, seed + 6)), Unit(Hash(ix, iy, iz, seed + 7))};
  return true;
}

Vec3 Texture(const Vec3& p, int surface) {
  const auto s = static_cast<std::uint32_t>(surface * 101 + 7);
  double lum = 0, amp = 0.5;
  for (double f = 1.5; f < 40; f *= 2, amp *= 0.62) lum += amp * (ValueNoise(p * f, s + static_cast<std::uint32_t>(f * 8)) - 0.5);
  const Vec3 tint{ValueNoise(p * 0.7, s + 1000), ValueNoise(p * 0.7, s + 2000), ValueNoise(p * 0.7, s + 3000)};
  Vec3 color = tint * 0.5 + Vec3{0.25, 0.25, 0.25} + Vec3{lum, lum, lum} * 1.4;
  Vec3 disc;
  if (Disc(p, 0.23, s + 50, &disc)) color = disc;
  if (Disc(p, 0.09, s + 80, &disc)) color = color * 0.3 + disc * 0.7;
  return {std::clamp(color.x, 0.0, 1.0), std::clamp(color.y, 0.0, 1.0), std::clamp(color.z, 0.0, 1.0)};
}

// Ray/box slab test: entry and exit distances; false when the ray misses.
bool Slabs(const Box& b, const Vec3& o, const Vec3& d, double* t_in, double* t_out) {
  double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
  const double os[3] = {o.x, o.y, o.z}, ds[3] = {d.x, d.y, d.z};
  const double bl[3] = {b.lo.x, b.lo.y, b.lo.z}, bh[3] = {b.hi.x, b.hi.y, b.hi.z};
  for (int a = 0; a < 3; ++a) {
    if (std::abs(ds[a]) < 1e-12) {
      if (os[a] < bl[a] || os[a] > bh[a]) return false;
      continue;
    }
    double t0 = (bl[a] - os[a]) / ds[a], t1 = (bh[a] - os[a]) / ds[a];
    if (t0 > t1) std::swap(t0, t1);
    lo = std::max(lo, t0);
    hi = std::min(hi, t1);
  }
  *t_in = lo;
  *t_out = hi;
  return lo <= hi;
}

}  // namespace

Vec3 RoomColor(const Vec3& centre, const Vec3& dir) {
  double t_in = 0, t_best = 0;
  Slabs(kRoom, centre, dir, &t_in, &t_best);  // inside the room: the exit is the wall hit
  int surface = 0;
  for (int i = 0; i < static_cast<int>(std::size(kBoxes)); ++i) {
    double t0 = 0, t1 = 0;
    if (Slabs(kBoxes[i], centre, dir, &t0, &t1) && t0 > 0 && t0 < t_best) {
      t_best = t0;
      surface = i + 1;
    }
  }
  const Vec3 p = centre + dir * t_best;
  if (surface == 0) {  // tell the six walls apart, so they do not share one texture
    const double eps = 1e-6;
    surface = 10 + (std::abs(p.x - kRoom.lo.x) < eps   ? 0
                    : std::abs(p.x - kRoom.hi.x) < eps ? 1
                    : std::abs(p.y - kRoom.lo.y) < eps ? 2
                    : std::abs(p.y - kRoom.hi.y) < eps ? 3
                    : std::abs(p.z - kRoom.lo.z) < eps ? 4
                                                       : 5);
  }
  return Texture(p, surface);
}

Image RenderRoomEquirect(const Vec3& centre, int width, int height, int supersample) {
  Image out(width, height, 3, 1);
  const double n = supersample;
  for (int y = 0; y < height; ++y) {
    std::uint8_t* row = out.Row(y);
    for (int x = 0; x < width; ++x) {
      Vec3 sum;
      for (int sy = 0; sy < supersample; ++sy) {
        for (int sx = 0; sx < supersample; ++sx) {
          const Vec3 d = DirectionFromEquirect(x + (sx + 0.5) / n, y + (sy + 0.5) / n, width, height);
          sum = sum + RoomColor(centre, d);
        }
      }
      sum = sum * (1.0 / (n * n));
      row[3 * x + 0] = static_cast<std::uint8_t>(std::lround(sum.x * 255));
      row[3 * x + 1] = static_cast<std::uint8_t>(std::lround(sum.y * 255));
      row[3 * x + 2] = static_cast<std::uint8_t>(std::lround(sum.z * 255));
    }
  }
  return out;
}

std::vector<Vec3> RoomWalk(int count, double step) {
  std::vector<Vec3> out;
  double angle = 0;
  for (int k = 0; k < count; ++k) {
    out.push_back({1.4 * std::cos(angle), -0.1 * std::sin(3 * angle), 0.9 * std::sin(angle)});
    const double speed = std::hypot(1.4 * std::sin(angle), 0.9 * std::cos(angle));
    angle += step / speed;
  }
  return out;
}

}  // namespace prep360::testkit
