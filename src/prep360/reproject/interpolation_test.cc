#include "prep360/reproject/interpolation.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(InterpolationTest, ParsesEveryNameAndRoundTrips) {
  for (Interpolation interp : {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kBicubic,
                               Interpolation::kLanczos3}) {
    EXPECT_EQ(ParseInterpolation(InterpolationName(interp)), interp);
  }
  EXPECT_EQ(ParseInterpolation("lanczos"), Interpolation::kLanczos3);
  EXPECT_STREQ(InterpolationName(Interpolation::kBilinear), "bilinear");
}

TEST(InterpolationTest, UnknownNameIsAOneLineError) {
  try {
    ParseInterpolation("cubic");
    FAIL() << "no error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'cubic'"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace prep360
