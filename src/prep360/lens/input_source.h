#pragma once
// Which projection a job's input holds (input.projection, "auto" resolved from the file), and the
// frame source for inputs that are not equirects: dual fisheye side by side in one image or
// stream, in two video streams of one file, or in an Insta360 _00_/_10_ file pair.
#include <functional>
#include <memory>
#include <string>

#include "prep360/job/job_document.h"
#include "prep360/lens/fisheye_lens.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/video/video_reader.h"

namespace prep360 {

// input.projection, or for "auto": .insv / .insp and videos with two square streams of one size
// are dual fisheye, .360 and videos with two streams of one size shaped like EAC halves
// (lens/eac_layout.h) are EAC, anything else equirect.
InputProjection ResolveInputProjection(const JobDocument& job);

// The lenses of a frame of width x height read from `path`: input.lens_calib when set (it
// overrides the camera's own), else the Insta360 trailer's calibration when the file has one
// (lens/insta360_calib.h), else the default layout with input.lens_fov. `origin` says which.
DualFisheyeCalib LensCalibFor(const InputSettings& input, const std::string& path, int width, int height);

// The Insta360 pair partner of a file named ..._00_... (or ..._10_...): the same name with the
// other lens's number, or "" when the name has neither.
std::string PairedLensFile(const std::string& path);

// For a shard of a sharded job, what opens the second lens's (or EAC track's) reader of `path`
// at a given time (ProjectedSourceOptions::reopen_companion); null unsharded.
std::function<std::unique_ptr<VideoReader>(double)> ReopenCompanionForShard(const JobDocument& job,
                                                                            const std::string& path,
                                                                            const VideoReaderOptions& options);

// The image list source of the stills a job's shard owns (all of `inputs` unsharded): the same
// slice of the sorted inputs as for equirect stills (scale/shard.h).
std::unique_ptr<FrameSource> StillsOfShard(const JobDocument& job, std::vector<InputFile> inputs);

// The frame source of a job whose input is not an equirect; null for equirect input. Throws
// FileError when the file does not hold the projection it is said to hold.
std::unique_ptr<FrameSource> MakeProjectedFrameSource(const JobDocument& job);

}  // namespace prep360
