#include "prep360/mask/mask_style.h"

#include <gtest/gtest.h>

#include <cstring>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(MaskStyleTest, ParsesEveryNameAndRoundTrips) {
  for (MaskStyle s : {MaskStyle::kColmap, MaskStyle::kRealityScan, MaskStyle::kMetashape, MaskStyle::kNerfstudio}) {
    EXPECT_EQ(ParseMaskStyle(MaskStyleName(s)), s);
  }
  EXPECT_STREQ(MaskStyleName(MaskStyle::kRealityScan), "realityscan");
  try {
    ParseMaskStyle("colmapp");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::strstr(e.what(), "colmapp"), nullptr);
    EXPECT_NE(std::strstr(e.what(), "nerfstudio"), nullptr);
  }
}

TEST(MaskStyleTest, ColmapAppendsPngToTheImageName) {
  // ImageReader.mask_path: <mask_path>/<image name>.png, the name keeps its folder.
  EXPECT_EQ(MaskRelativePath(MaskStyle::kColmap, "v0/frame_000123.jpg"), "v0/frame_000123.jpg.png");
  EXPECT_EQ(MaskRelativePath(MaskStyle::kColmap, "a.png"), "a.png.png");
}

TEST(MaskStyleTest, RealityScanAppendsMaskPng) {
  EXPECT_EQ(MaskRelativePath(MaskStyle::kRealityScan, "v0/DSC_0001.jpg"), "v0/DSC_0001.jpg.mask.png");
}

TEST(MaskStyleTest, MetashapeUsesTheStemWithMaskSuffix) {
  EXPECT_EQ(MaskRelativePath(MaskStyle::kMetashape, "v0/frame_000123.jpg"), "v0/frame_000123_mask.png");
  EXPECT_EQ(MaskRelativePath(MaskStyle::kMetashape, "cam.01/img.v2.tif"), "cam.01/img.v2_mask.png");
}

TEST(MaskStyleTest, NerfstudioUsesTheStem) {
  EXPECT_EQ(MaskRelativePath(MaskStyle::kNerfstudio, "v0/frame_000123.jpg"), "v0/frame_000123.png");
  // A dot in the folder is not an extension; a name without one keeps its whole name.
  EXPECT_EQ(MaskRelativePath(MaskStyle::kNerfstudio, "cam.01/frame"), "cam.01/frame.png");
  EXPECT_EQ(MaskRelativePath(MaskStyle::kNerfstudio, "v0/.hidden"), "v0/.hidden.png");
}

TEST(MaskStyleTest, RejectsPathsWithoutAFileName) {
  EXPECT_THROW(MaskRelativePath(MaskStyle::kColmap, ""), Error);
  EXPECT_THROW(MaskRelativePath(MaskStyle::kMetashape, "v0/"), Error);
}

TEST(MaskStyleTest, EmptyMasks) {
  EXPECT_TRUE(WritesEmptyMasks(MaskStyle::kColmap));
  EXPECT_FALSE(WritesEmptyMasks(MaskStyle::kRealityScan));
  EXPECT_TRUE(WritesEmptyMasks(MaskStyle::kMetashape));
  EXPECT_TRUE(WritesEmptyMasks(MaskStyle::kNerfstudio));
}

}  // namespace
}  // namespace prep360
