#pragma once
// The GoPro MAX `.360` frame: two video tracks of equi-angular cubemap (EAC) faces, the first
// holding Left | Front | Right, the second Down | Back | Up (each turned so the row is one
// continuous strip, as YouTube's EAC and FFmpeg's v360 `eac` lay them out). Each track is F high
// (the face side) and 3F + 2G wide: the middle face is F wide, each side face F + G, because the
// line where the two lenses meet runs down the middle of the side faces and GoPro stores both
// lenses there. A side face's columns, from its left edge (O = F/2 - 3G/2):
//   [0, O)            face columns [0, O)            (one lens)
//   [O, O + 2G)       face columns [O, O + 3G), lens A, stretched 2:3
//   [O + 2G, O + 4G)  face columns [O, O + 3G), lens B, stretched 2:3
//   [O + 4G, F + G)   face columns [O + 3G, F)       (the other lens)
// Where both lenses are stored, the two are cross-faded linearly across the band. For the MAX's
// 5.6K tracks (4096 x 1344) G = 32: side faces of 624 + 64 + 64 + 624 = 1376 columns. docs/inputs.md says which parts of this
// were checked and which are assumptions.
//
// Directions are in the pano frame (x right, y down, z forward, docs/conventions.md); the Front
// face looks at yaw 0. Within a face, a cube-face tangent t in [-1, 1] sits at face coordinate
// F * (1 + atan(t) * 4 / pi) / 2 (equi-angular).
//
// prep360 assembles the two tracks into one frame, the second below the first with kTrackGap rows
// between them (repeating each track's edge row) so interpolation kernels never mix the tracks.
#include <string>

#include "prep360/geometry/rotation.h"
#include "prep360/lens/source_projection.h"
#include "prep360/reproject/interpolation.h"

namespace prep360 {

class Image;

struct EacLayout {
  static constexpr int kTrackGap = 2 * kEquirectBorder;

  int face = 0;   // F: face side, pixels (the track height)
  int guard = 0;  // G: extra columns of each side face (0: plain EAC halves)

  int track_width() const { return 3 * face + 2 * guard; }
  int frame_width() const { return track_width(); }
  int frame_height() const { return 2 * face + kTrackGap; }

  // Whether a video track of width x height has the shape of one EAC half: 3F + 2G by F with
  // 0 <= G <= F / 6 (so the side faces' single-lens parts are not empty) and F >= 16.
  static bool LooksLikeTrack(int width, int height);
  // The layout of tracks of width x height; throws FileError(name, ...) when they are not EAC halves.
  static EacLayout ForTrack(int width, int height, const std::string& name);
  // The layout of an assembled frame of width x height; throws Error when it is not one.
  static EacLayout ForFrame(int width, int height);

  // Where the assembled frame holds direction d (any non-zero length): one position, or two with
  // the weight of the second inside the band both lenses store.
  void Map(const Vec3& d, ProjectedSamples& out) const;
  // Unit direction shown at continuous position (x, y) of track 0 or 1 (0 <= x < track_width(),
  // 0 <= y < face).
  Vec3 Ray(int track, double x, double y) const;

  // The assembled frame (border kEquirectBorder, not filled) of the two tracks, or of both tracks
  // stacked in one image (track_width() x 2F, as a still holds them). Throws FileError(name, ...)
  // when the sizes do not fit the layout.
  Image Assemble(const Image& first, const Image& second, const std::string& name) const;
  Image AssembleStacked(const Image& both, const std::string& name) const;
};

}  // namespace prep360
