#pragma once
// `prep360 blur`: a folder of images with every face blurred irreversibly (BlazeFace, the same
// blur as split --blur faces), written to OUT under the same relative paths and formats, plus
// OUT/report.json. The encode group's quality, subsampling and PNG level apply; EXIF/XMP of the
// inputs are not copied.
#include <cstdint>
#include <string>

#include "prep360/pipeline/image_job.h"

namespace prep360 {

struct BlurJobResult {
  ImageJobResult images;
  std::int64_t faces = 0;
  std::string provider;
};

// Throws Error for a bad model or folder, or when OUT is the images folder itself.
BlurJobResult RunBlurJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel);

}  // namespace prep360
