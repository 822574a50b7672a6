#include "prep360/pipeline/input_list.h"

#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

void Touch(const std::string& path) { std::ofstream(path) << "x"; }

TEST(InputListTest, NaturalOrder) {
  EXPECT_TRUE(NaturalLess("frame_2", "frame_10"));
  EXPECT_FALSE(NaturalLess("frame_10", "frame_2"));
  EXPECT_TRUE(NaturalLess("a9", "b1"));
  EXPECT_TRUE(NaturalLess("frame_02", "frame_3"));
  EXPECT_TRUE(NaturalLess("x", "x1"));
  EXPECT_FALSE(NaturalLess("x1", "x1"));
}

TEST(InputListTest, FolderGivesImagesInNaturalOrderAndSkipsOthers) {
  testkit::TempDir dir;
  for (const char* name : {"p10.jpg", "p2.JPG", "p1.png", "notes.txt", "p3.tiff"}) Touch(dir / name);
  std::filesystem::create_directory(dir.path() / "sub.jpg");
  const auto inputs = ExpandInputs({dir.path().string()});
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[0].frame_name, "p1");
  EXPECT_EQ(inputs[1].frame_name, "p2");
  EXPECT_EQ(inputs[2].frame_name, "p3");
  EXPECT_EQ(inputs[3].frame_name, "p10");
}

TEST(InputListTest, FilesKeepCommandLineOrder) {
  testkit::TempDir dir;
  Touch(dir / "b.jpg");
  Touch(dir / "a.jpg");
  const auto inputs = ExpandInputs({dir / "b.jpg", dir / "a.jpg"});
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].frame_name, "b");
  EXPECT_EQ(inputs[0].path, dir / "b.jpg");
}

TEST(InputListTest, Errors) {
  testkit::TempDir dir;
  try {
    ExpandInputs({dir / "missing.jpg"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.jpg: no such file"), std::string::npos) << e.what();
  }
  std::filesystem::create_directory(dir.path() / "empty");
  EXPECT_THROW(ExpandInputs({dir / "empty"}), Error);
  Touch(dir / "x.jpg");
  Touch(dir / "x.png");
  try {
    ExpandInputs({dir / "x.jpg", dir / "x.png"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("same name stem"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prep360
