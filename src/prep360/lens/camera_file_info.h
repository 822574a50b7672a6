#pragma once
// What `prep360 info VIDEO` tells about a camera file beyond its streams: the projection that
// input.projection "auto" takes it as, the dual-fisheye layout and lens calibration in use, the
// Insta360 trailer's lens calibration string, and the telemetry tracks with their rates.
#include <string>

namespace prep360 {

// Lines, each starting with two spaces and ending with a newline. Never throws for damaged
// telemetry; a dual-fisheye file whose layout is not understood gets a line saying why.
std::string CameraFileInfoText(const std::string& path);

}  // namespace prep360
