#pragma once
// Remap tables for sources that are not equirects (lens/source_projection.h): every output pixel's
// ray goes through the projection, giving one sample, or two with a blend weight where the source
// has a seam (two lenses, EAC strips). Remap (remap_table.h) runs them like equirect tables; the
// source image must carry a border of kEquirectBorder filled by FillClampBorder.
#include <memory>

#include "prep360/geometry/pinhole.h"
#include "prep360/image/image.h"
#include "prep360/lens/source_projection.h"
#include "prep360/reproject/remap_table.h"

namespace prep360 {

// The view seen by `camera` (its size set) turned by pano_from_cam, from a source frame of
// src_width x src_height. Throws Error on bad sizes.
std::unique_ptr<RemapTable> BuildProjectedViewTable(const Pinhole& camera, const Mat3& pano_from_cam,
                                                    const SourceProjection& projection, int src_width,
                                                    int src_height, Interpolation interp);

// An equirect of eq_width x eq_height stitched from a source frame of src_width x src_height.
std::unique_ptr<RemapTable> BuildProjectedEquirectTable(int eq_width, int eq_height, const SourceProjection& projection,
                                                        int src_width, int src_height, Interpolation interp);

// Fills an image's border by repeating its edge pixels (sources that are not equirects).
void FillClampBorder(Image& image);

}  // namespace prep360
