#include "prep360/util/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  std::vector<std::string> ListDir() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    return names;
  }

  static std::vector<std::uint8_t> Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  testkit::TempDir tmp_;
  const fs::path& dir_ = tmp_.path();
};

TEST_F(AtomicFileTest, WritesExactBytesAndLeavesNoTemp) {
  std::vector<std::uint8_t> bytes(100000);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 7 + 3);
  const fs::path path = dir_ / "out.jpg";
  WriteFileAtomic(path.string(), bytes);
  EXPECT_EQ(Slurp(path), bytes);
  EXPECT_EQ(ListDir(), std::vector<std::string>{"out.jpg"});
}

TEST_F(AtomicFileTest, ReplacesExistingFile) {
  const fs::path path = dir_ / "a.txt";
  const std::vector<std::uint8_t> first = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<std::uint8_t> second = {9, 9};
  WriteFileAtomic(path.string(), first);
  WriteFileAtomic(path.string(), second);
  EXPECT_EQ(Slurp(path), second);
  EXPECT_EQ(ListDir(), std::vector<std::string>{"a.txt"});
}

TEST_F(AtomicFileTest, EmptyContentGivesEmptyFile) {
  const fs::path path = dir_ / "empty.bin";
  WriteFileAtomic(path.string(), {});
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(fs::file_size(path), 0u);
}

TEST_F(AtomicFileTest, MissingDirectoryThrowsNamingPathAndLeavesNothing) {
  const fs::path path = dir_ / "no_such_dir" / "x.jpg";
  const std::vector<std::uint8_t> bytes = {1, 2, 3};
  try {
    WriteFileAtomic(path.string(), bytes);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  EXPECT_TRUE(ListDir().empty());
}

TEST_F(AtomicFileTest, RenameFailureRemovesTemp) {
  // The destination is a non-empty directory: the temp file is written, rename() fails.
  const fs::path path = dir_ / "taken";
  fs::create_directories(path / "child");
  const std::vector<std::uint8_t> bytes = {1, 2, 3};
  try {
    WriteFileAtomic(path.string(), bytes);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(ListDir(), std::vector<std::string>{"taken"});
}

TEST_F(AtomicFileTest, UnwritableDirectoryThrows) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  const fs::path sub = dir_ / "ro";
  fs::create_directories(sub);
  fs::permissions(sub, fs::perms::owner_read | fs::perms::owner_exec);
  const std::vector<std::uint8_t> bytes = {1};
  EXPECT_THROW(WriteFileAtomic((sub / "f").string(), bytes), Error);
  fs::permissions(sub, fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(sub));
}

TEST(AtomicFileNameTest, RecognisesTempNames) {
  EXPECT_TRUE(IsTempFileName("frame_000001.jpg.tmp.1234.0"));
  EXPECT_TRUE(IsTempFileName("/out/images/view0/frame_000001.jpg.tmp.99.17"));
  EXPECT_FALSE(IsTempFileName("frame_000001.jpg"));
  EXPECT_FALSE(IsTempFileName("frame.tmp"));
  EXPECT_FALSE(IsTempFileName("frame.tmp.12"));
  EXPECT_FALSE(IsTempFileName("frame.tmp.12.x"));
  EXPECT_FALSE(IsTempFileName("frame.tmp..3"));
  EXPECT_FALSE(IsTempFileName(".tmp.1.2"));
  EXPECT_FALSE(IsTempFileName("/out/.tmp.1.2"));
  EXPECT_FALSE(IsTempFileName("frame.tmpx.1.2"));
  EXPECT_FALSE(IsTempFileName(""));
}

}  // namespace
}  // namespace prep360
