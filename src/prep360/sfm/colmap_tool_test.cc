#include "prep360/sfm/colmap_tool.h"

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(ColmapToolTest, ParsesTheVersionBanners) {
  ColmapVersion v;
  ASSERT_TRUE(ParseColmapVersion("COLMAP 3.8 -- Structure-from-Motion and Multi-View Stereo\n", &v));
  EXPECT_EQ(v.Text(), "3.8");
  EXPECT_FALSE(v.AtLeast(3, 12));
  ASSERT_TRUE(ParseColmapVersion("COLMAP 3.12.6 -- Structure-from-Motion (Commit 1 with CUDA)", &v));
  EXPECT_EQ(v.Text(), "3.12.6");
  EXPECT_TRUE(v.AtLeast(3, 12));
  EXPECT_FALSE(v.AtLeast(3, 13));
  ASSERT_TRUE(ParseColmapVersion("usage\nCOLMAP 4.0.1 -- x", &v));
  EXPECT_TRUE(v.AtLeast(3, 13));
  EXPECT_FALSE(ParseColmapVersion("COLMAP -- no number", &v));
  EXPECT_FALSE(ParseColmapVersion("", &v));
}

TEST(ColmapToolTest, MissingExecutableGivesAnInstallHint) {
  try {
    FindColmap("/nonexistent/bin/colmap");
    FAIL();
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("/nonexistent/bin/colmap: no such COLMAP executable", 0), 0u) << m;
    EXPECT_NE(m.find("apt install colmap"), std::string::npos) << m;
  }
}

TEST(ColmapToolTest, AProgramThatIsNotColmapIsRefused) {
  testkit::TempDir dir;
  const std::string fake = dir / "colmap";
  WriteTextFileAtomic(fake, "#!/bin/sh\necho 'COLMAP 3.6 (Commit x)'\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  try {
    FindColmap(fake);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is COLMAP 3.6; prep360 needs 3.8 or newer"), std::string::npos) << e.what();
  }
  WriteTextFileAtomic(fake, "#!/bin/sh\nexit 3\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  EXPECT_THROW(FindColmap(fake), Error);
  WriteTextFileAtomic(fake, "#!/bin/sh\necho 'COLMAP 3.12.6 -- Structure-from-Motion (Commit x with CUDA)'\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const ColmapTool tool = FindColmap(fake);
  EXPECT_EQ(tool.version.Text(), "3.12.6");
  EXPECT_TRUE(tool.cuda);
}

}  // namespace
}  // namespace prep360
