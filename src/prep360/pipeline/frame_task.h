#pragma once
// One panorama travelling through the split pipeline's stages.
#include <cstddef>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/pipeline/frame_source.h"

namespace prep360 {

struct FrameTask {
  SourceFrame src;
  std::vector<std::size_t> views_to_write;  // indices into the rig (resume skips existing ones)
  bool write_equirect = false;
  Image equirect;     // decoded, bordered; released once rendered
  std::string error;  // set when the frame could not be used
  bool disk_full = false;
  std::size_t views_written = 0;
  std::size_t masks_written = 0;
  std::size_t sfm_masks_written = 0;
  bool equirect_written = false;

  bool NothingToDo() const { return views_to_write.empty() && !write_equirect; }
};

}  // namespace prep360
