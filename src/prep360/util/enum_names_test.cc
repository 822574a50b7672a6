#include "prep360/util/enum_names.h"

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/reproject/interpolation.h"

namespace prep360 {
namespace {

TEST(EnumNamesTest, CanonicalNamesAliasesAndChoices) {
  EXPECT_EQ(NameOf(ImageFormat::kTiff), "tif");
  EXPECT_EQ(ChoiceList<ImageFormat>(), "jpg, png, tif");
  ImageFormat f{};
  EXPECT_TRUE(LookupName("tiff", &f));
  EXPECT_EQ(f, ImageFormat::kTiff);
  EXPECT_FALSE(LookupName("gif", &f));
  EXPECT_EQ(ParseName<Interpolation>("lanczos", "interpolation"), Interpolation::kLanczos3);
  try {
    ParseName<Interpolation>("cubic", "interpolation");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "interpolation: unknown value 'cubic' (nearest, bilinear, bicubic, lanczos3)");
  }
  EXPECT_EQ(ParseImageFormat("JPEG"), ImageFormat::kJpeg);  // file extensions: any case
}

}  // namespace
}  // namespace prep360
