#pragma once
// EXIF orientations (1..8): how a stored image is turned to be seen upright (internal to
// image_io, which decodes every image upright).
//   1 as stored              2 mirrored left-right      3 rotated 180           4 mirrored top-bottom
//   5 transposed             6 rotated 90 clockwise     7 transverse            8 rotated 90
//   counter-clockwise
// (5..8 swap width and height: the stored row 0 is the displayed left (5, 8) or right (6, 7) column.)
#include "prep360/image/image.h"
#include "prep360/image/row_range.h"

namespace prep360::internal {

// True for 5..8: the displayed image is stored height wide and stored width high.
inline bool SwapsAxes(int orientation) { return orientation >= 5 && orientation <= 8; }

// The stored rows that displayed rows `rows` (clamped to 0..height) come from, for an image
// `height` rows high (the same either way for 1..4). For 5..8 every displayed row needs every
// stored row: 0..stored_height (= displayed width).
RowRange StoredRows(int orientation, RowRange rows, int height, int stored_height);

// The displayed image of `stored` (any depth and channel count), with `border` pixels of
// (unfilled) border. Only displayed rows `rows` (clamped) are written; the others are left unset.
// Orientation 1, or one outside 1..8, copies.
Image OrientImage(const Image& stored, int orientation, int border, RowRange rows);

}  // namespace prep360::internal
