#pragma once
// Test support: folders of small, distinct equirect panoramas for the job tests.
#include <filesystem>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"

namespace prep360::testkit {

// Writes `count` panoramas width x width/2 (3 channels) to dir/<prefix><k>.<ext>, k = 1..count:
// the synthetic scene (RenderEquirect), panorama k turned by k * width / count columns so no two
// are alike. Creates `dir`. Returns the paths in natural (= job) order.
std::vector<std::string> WritePanoramas(const std::filesystem::path& dir, int count, int width,
                                        ImageFormat format = ImageFormat::kJpeg,
                                        const std::string& prefix = "pano_");

}  // namespace prep360::testkit
