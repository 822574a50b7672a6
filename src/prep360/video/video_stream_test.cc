#include "prep360/video/video_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

VideoStreamInfo Stream(int index, int width, int height, const std::string& spherical = "") {
  VideoStreamInfo s;
  s.index = index;
  s.codec = "h264";
  s.width = width;
  s.height = height;
  s.fps = 30;
  s.spherical = spherical;
  return s;
}

TEST(VideoStreamTest, AutomaticChoicePrefersEquirectMetadataThenTwoToOne) {
  EXPECT_EQ(PickVideoStream({Stream(0, 1920, 1080), Stream(1, 3840, 1920)}, -1), 1);
  EXPECT_EQ(PickVideoStream({Stream(0, 3840, 1920), Stream(2, 3000, 2000, "equirectangular")}, -1), 1);
  EXPECT_EQ(PickVideoStream({Stream(0, 1920, 1080)}, -1), 0);  // the only one (run/extract then check 2:1)
  EXPECT_EQ(PickVideoStream({Stream(0, 1920, 1080), Stream(1, 1280, 720)}, -1), -1);
  EXPECT_EQ(PickVideoStream({}, -1), -1);
}

TEST(VideoStreamTest, ExplicitChoiceIsByContainerIndex) {
  const std::vector<VideoStreamInfo> streams = {Stream(1, 1920, 1080), Stream(3, 3840, 1920)};
  EXPECT_EQ(PickVideoStream(streams, 1), 0);
  EXPECT_EQ(PickVideoStream(streams, 3), 1);
  EXPECT_EQ(PickVideoStream(streams, 2), -1);  // e.g. the audio stream
}

TEST(VideoStreamTest, NoQualifyingStreamListsThemAndNamesTheJobField) {
  const std::vector<VideoStreamInfo> streams = {Stream(0, 1920, 1080), Stream(1, 1280, 720)};
  try {
    ChooseVideoStream("two.mp4", streams, -1);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("two.mp4: ", 0), 0u) << what;
    EXPECT_NE(what.find("stream 0: h264 1920x1080"), std::string::npos) << what;
    EXPECT_NE(what.find("stream 1: h264 1280x720"), std::string::npos) << what;
    EXPECT_NE(what.find("/source/stream"), std::string::npos) << what;
    EXPECT_EQ(what.find("--"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  try {
    ChooseVideoStream("two.mp4", streams, 4);
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("stream 4 is not a video stream"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ChooseVideoStream("two.mp4", streams, 1), 1);
}

TEST(VideoStreamTest, DescriptionNamesIndexCodecSizeRateAndProjection) {
  EXPECT_EQ(DescribeVideoStream(Stream(2, 3840, 1920, "equirectangular")),
            "stream 2: h264 3840x1920, 30.000 fps, spherical equirectangular");
}

}  // namespace
}  // namespace prep360
