#include "prep360/sfm/colmap_progress.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(ColmapProgressTest, ReadsEveryStepsProgressLines) {
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("Processed file [9/36]", 36), 0.25);
  // COLMAP >= 3.12 logs through glog.
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("I20250101 10:00:00.1 77 feature_extraction.cc:257] Processed file [36/36]", 36), 1.0);
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("Matching block [2/4]", 0), 0.5);
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("Matching block [2/2, 1/2]", 0), 0.75);
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("Matching image [10/40]", 0), 0.25);
  EXPECT_DOUBLE_EQ(*ColmapLineProgress("Registering image #17 (12)", 24), 0.5);
  EXPECT_FALSE(ColmapLineProgress("Registering image #17 (12)", 0));
  EXPECT_FALSE(ColmapLineProgress("  Features:        3223", 36));
  EXPECT_FALSE(ColmapLineProgress("Processed file [", 36));
}

}  // namespace
}  // namespace prep360
