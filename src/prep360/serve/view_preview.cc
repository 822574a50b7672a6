#include "prep360/serve/view_preview.h"

#include "prep360/reproject/remap_table.h"

namespace prep360::serve {

Image RenderView(const Image& equirect, const View& view) {
  const RemapTable table(view.Camera(), view.PanoFromCam(), equirect.width(), equirect.height(),
                         Interpolation::kBilinear);
  Image out(view.width, view.height, equirect.channels(), equirect.bytes_per_sample());
  Remap(equirect, table, out);
  return out;
}

}  // namespace prep360::serve
