#include "prep360/pipeline/progress.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(ProgressTest, FormatsDurations) {
  EXPECT_EQ(Progress::FormatDuration(0), "0:00");
  EXPECT_EQ(Progress::FormatDuration(59.4), "0:59");
  EXPECT_EQ(Progress::FormatDuration(61), "1:01");
  EXPECT_EQ(Progress::FormatDuration(3725), "1:02:05");
  EXPECT_EQ(Progress::FormatDuration(-1), "--:--");
}

TEST(ProgressTest, ParsesModes) {
  EXPECT_EQ(ParseProgressMode("plain"), ProgressMode::kPlain);
  EXPECT_EQ(ParseProgressMode("none"), ProgressMode::kNone);
  EXPECT_THROW(ParseProgressMode("fancy"), Error);
}

}  // namespace
}  // namespace prep360
