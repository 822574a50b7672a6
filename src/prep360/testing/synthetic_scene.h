#pragma once
// Test support: a synthetic 360° scene, a procedural texture defined as a function of the ray
// direction (pano frame), smooth and band-limited (plane waves sin(k . d + phase) with |k| from 5
// to 84, i.e. wavelengths down to ~4.3 degrees, plus Gaussian bumps), so sampling it is well
// defined at any resolution that resolves 4 degrees. Renders equirects and ground-truth pinhole views with
// box-filter supersampling over each pixel's area, following docs/conventions.md.
//
// Channel mapping: 1 channel = luma (0.299 R + 0.587 G + 0.114 B), 3 = RGB, 4 = RGB + SceneAlpha.
// Values in [0, 1] are written as round(v * 255) or round(v * 65535).
#include "prep360/geometry/rotation.h"
#include "prep360/image/image.h"
#include "prep360/lens/eac_layout.h"
#include "prep360/lens/fisheye_lens.h"
#include "prep360/rig/rig.h"

namespace prep360::testkit {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// Colour of the scene seen along `dir` (any non-zero length); each channel in [0.05, 0.95].
Rgb SceneColor(const Vec3& dir);
// The fourth channel of 4-channel renders, in [0.05, 0.95].
double SceneAlpha(const Vec3& dir);

// Equirect render: each pixel the mean of supersample^2 samples spread over its area. With
// border > 0 the border is filled by FillEquirectBorder (so it can feed Remap directly).
Image RenderEquirect(int width, int height, int channels = 3, int bytes_per_sample = 1, int supersample = 3,
                     int border = 0);

// Ground-truth pinhole render of `view` (its size must be set), supersampled the same way.
Image RenderView(const View& view, int channels = 3, int bytes_per_sample = 1, int supersample = 3);

// Dual-fisheye render of the scene in the frame `calib` describes (calib.width x calib.height):
// a pixel whose centre lies inside a lens's image circle shows that lens's view (supersampled in
// the lens's own projection), every other pixel is black, as a camera records it. With border > 0
// the border repeats the edge pixels (FillClampBorder).
Image RenderDualFisheye(const DualFisheyeCalib& calib, int channels = 3, int bytes_per_sample = 1,
                        int supersample = 3, int border = 0);

// GoPro-style EAC render (lens/eac_layout.h): both tracks one above the other, track_width x 2F,
// every pixel supersampled in the layout's own mapping (the band both lenses store shows the
// scene twice, once per lens strip).
Image RenderEac(const EacLayout& layout, int channels = 3, int bytes_per_sample = 1, int supersample = 3);

// PSNR (dB) of b against a over all channels of the interior, `margin` pixels in from every
// edge, relative to the format's maximum (255 or 65535). Identical images give +infinity.
// Throws std::invalid_argument if the formats or sizes differ.
double Psnr(const Image& a, const Image& b, int margin);

// Largest absolute sample difference over the same region.
int MaxAbsDiff(const Image& a, const Image& b, int margin);

}  // namespace prep360::testkit
