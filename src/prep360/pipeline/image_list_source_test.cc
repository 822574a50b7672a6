#include "prep360/pipeline/image_list_source.h"

#include <gtest/gtest.h>

#include "prep360/image/image.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

void WriteJpeg(const std::string& path, int width, int height) {
  const Image image(width, height, 3, 1);
  WriteFileAtomic(path, EncodeImage(image, ImageFormat::kJpeg, EncodeOptions{}));
}

TEST(ReadFirstReadableInputTest, SkipsUnreadableInputsAndSizesFromTheFirstThatReads) {
  testkit::TempDir tmp;
  WriteTextFileAtomic(tmp / "a.jpg", "not a jpeg");
  WriteJpeg(tmp / "b.jpg", 64, 32);
  WriteJpeg(tmp / "c.jpg", 128, 64);
  const std::vector<InputFile> inputs = {
      {tmp / "missing.jpg", "missing"}, {tmp / "a.jpg", "a"}, {tmp / "b.jpg", "b"}, {tmp / "c.jpg", "c"}};
  const FirstReadableInput first = ReadFirstReadableInput(inputs);
  EXPECT_EQ(first.path, tmp / "b.jpg");
  EXPECT_EQ(first.info.width, 64);
  EXPECT_EQ(first.info.height, 32);
  ImageListSource source(inputs, 3, 4);  // a shard still sizes its views from the whole list
  EXPECT_EQ(source.EquirectWidth(), 64);
}

TEST(ReadFirstReadableInputTest, NoReadableInputIsAnErrorNamingTheRigSize) {
  testkit::TempDir tmp;
  WriteTextFileAtomic(tmp / "a.jpg", "not a jpeg");
  try {
    ReadFirstReadableInput({{tmp / "a.jpg", "a"}, {tmp / "missing.jpg", "missing"}});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no input could be read to choose the view size (set /rig/width and /rig/height)");
  }
}

}  // namespace
}  // namespace prep360
