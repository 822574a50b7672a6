#pragma once
// DB (Differentiable Binarization) post-processing of a text probability map, as PaddleOCR does
// it: threshold the map, take each connected region's minimum-area rectangle, keep it when the
// mean probability inside is high enough, and unclip it (the model predicts shrunk text kernels).
#include <vector>

#include "prep360/ocr/text_quad.h"

namespace prep360 {

struct DbOptions {
  float threshold = 0.3f;      // a pixel is text when its probability exceeds this
  float box_threshold = 0.6f;  // a region is kept when its mean probability reaches this
  double unclip_ratio = 1.5;   // offset distance = area * ratio / perimeter
  int min_size = 3;            // short side (pixels of the map) below which a region is dropped
  int max_candidates = 1000;   // regions looked at, in scan order
  // The box score: the mean probability over the region's own pixels (PaddleOCR's "slow" score
  // mode, which keeps curved and slanted lines), or, when false, over the region's rectangle
  // (its "fast" mode, which drops a line whose rectangle is much larger than the line).
  bool region_score = true;
};

struct DbBox {
  Quad quad;          // in map pixels (pixel centres at integer coordinates)
  float score = 0;    // the box score (DbOptions::region_score)
};

// `prob` is a width x height map, row-major. Regions are 8-connected.
std::vector<DbBox> DbBoxes(const float* prob, int width, int height, const DbOptions& options);

}  // namespace prep360
