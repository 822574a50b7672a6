// End-to-end: `prep360 split` onto a disk that fills up part way (a small tmpfs; skipped where
// mounting is not permitted) exits 1 with a short stderr: the one disk-full warning and the final
// problem line (-q turns the summary off), and leaves only whole files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/small_disk.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::SmallDisk;
using testkit::TempDir;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> SplitArgs(const fs::path& in, const fs::path& out) {
  return {"split", in.string(), "-o",  out.string(), "--rig", "ring:4", "--size",
          "64x64", "--format",  "png", "-j",         "2",     "-q"};
}

TEST(CliJobDiskTest, AFullDiskExitsOneWithTheWarningAndTheProblemLineOnly) {
  SmallDisk disk(16 << 20);
  if (!disk.mounted()) GTEST_SKIP() << "no small disk for this test: " << disk.why();
  TempDir dir;
  const fs::path in = dir.path() / "in";
  testkit::WritePanoramas(in, 40, 256);
  const fs::path ref = dir.path() / "ref";
  const auto with_room = RunCli(SplitArgs(in, ref));
  ASSERT_EQ(with_room.exit_code, 0) << with_room.err;
  EXPECT_EQ(with_room.err, "");
  const std::uint64_t views = disk.BytesFor(ref / "images");
  disk.LeaveFree(disk.BytesFor(ref) - views - disk.BytesFor(ref / "report.json") + 4096 + views / 4);

  const fs::path out = disk.path() / "out";
  const auto r = RunCli(SplitArgs(in, out));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::vector<std::string> lines = Lines(r.err);
  ASSERT_GE(lines.size(), 2u) << r.err;
  EXPECT_LE(lines.size(), 3u) << r.err;
  EXPECT_EQ(lines.front().rfind("prep360: disk full", 0), 0u) << r.err;
  EXPECT_NE(lines.front().find("No space left on device"), std::string::npos) << r.err;
  EXPECT_EQ(lines.back().rfind("prep360: 1 problem(s), ", 0), 0u) << r.err;
  EXPECT_NE(lines.back().find(" of 40 frames done"), std::string::npos) << r.err;
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) { return l.find("disk full") != std::string::npos; }),
            1)
      << r.err;

  int images = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    EXPECT_FALSE(IsTempFileName(e.path().filename().string())) << e.path();
    if (e.path().extension() != ".png") continue;
    ++images;
    EXPECT_EQ(ReadImage(e.path().string()).width(), 64) << e.path();
  }
  EXPECT_GT(images, 0);
  EXPECT_LT(images, 40 * 4);
}

}  // namespace
}  // namespace prep360
