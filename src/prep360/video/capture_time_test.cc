#include "prep360/video/capture_time.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(CaptureTimeTest, AddsTheFrameOffsetToTheContainerTime) {
  const auto t = FrameCaptureTime("2024-05-01T10:20:30.000000Z", 3.4671);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->datetime, "2024:05:01 10:20:33");
  EXPECT_EQ(t->subsec, "467");
}

TEST(CaptureTimeTest, CarriesAcrossMidnightAndYearEnd) {
  const auto t = FrameCaptureTime("2023-12-31T23:59:59.500Z", 0.75);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->datetime, "2024:01:01 00:00:00");
  EXPECT_EQ(t->subsec, "250");
}

TEST(CaptureTimeTest, AcceptsSpaceSeparatorAndNoFraction) {
  const auto t = FrameCaptureTime("2022-02-28 12:00:00", 0);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->datetime, "2022:02:28 12:00:00");
  EXPECT_EQ(t->subsec, "000");
}

TEST(CaptureTimeTest, EmptyOrMalformedGivesNothing) {
  EXPECT_FALSE(FrameCaptureTime("", 1.0).has_value());
  EXPECT_FALSE(FrameCaptureTime("yesterday", 1.0).has_value());
  EXPECT_FALSE(FrameCaptureTime("2024-05-01", 1.0).has_value());
}

}  // namespace
}  // namespace prep360
