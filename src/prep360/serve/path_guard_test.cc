#include "prep360/serve/path_guard.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "prep360/serve/bearer_token.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;

TEST(PathGuardTest, ResolvesInsideTheRootsOnly) {
  testkit::TempDir dir;
  fs::create_directories(dir.path() / "a/sub");
  fs::create_directories(dir.path() / "b");
  fs::create_directories(dir.path() / "other");
  fs::create_directory_symlink(dir.path() / "other", dir.path() / "a/out_link");
  fs::create_directory_symlink(dir.path() / "b", dir.path() / "a/b_link");
  const PathGuard guard({(dir.path() / "a").string(), (dir.path() / "b").string()});
  const fs::path a = fs::canonical(dir.path() / "a");
  const fs::path b = fs::canonical(dir.path() / "b");
  EXPECT_EQ(guard.Resolve("sub"), a / "sub");
  EXPECT_EQ(guard.Resolve("sub/new/file.jpg"), a / "sub/new/file.jpg") << "need not exist";
  EXPECT_EQ(guard.Resolve((a / "sub/../sub/").string()), a / "sub");
  EXPECT_EQ(guard.Resolve((b / "x").string()), b / "x") << "the second root";
  EXPECT_EQ(guard.Resolve("b_link/y"), b / "y") << "a link into another root";
  EXPECT_EQ(guard.Resolve("."), a);
  EXPECT_FALSE(guard.Resolve(".."));
  EXPECT_FALSE(guard.Resolve("sub/../../other"));
  EXPECT_FALSE(guard.Resolve("nothing/../../../other"));
  EXPECT_FALSE(guard.Resolve((dir.path() / "other").string()));
  EXPECT_FALSE(guard.Resolve("/etc/passwd"));
  EXPECT_FALSE(guard.Resolve("out_link/file"));
  EXPECT_FALSE(guard.Resolve(""));
  EXPECT_FALSE(guard.Resolve((dir.path() / "a_sibling").string())) << "a prefix of the name is not inside";
  EXPECT_EQ(guard.ResolveUnder(a / "sub", "x/y.jpg"), a / "sub/x/y.jpg");
  EXPECT_FALSE(guard.ResolveUnder(a / "sub", "../x")) << "inside the root but not under the folder";
  EXPECT_FALSE(guard.ResolveUnder(a / "sub", (a / "sub/x").string())) << "absolute";
  EXPECT_THROW(PathGuard({(dir.path() / "missing").string()}), Error);
}

TEST(BearerTokenTest, ComparesWholeTokens) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(BearerMatches("Bearer t0k", "t0k"));
  EXPECT_FALSE(BearerMatches("Bearer t0", "t0k"));
  EXPECT_FALSE(BearerMatches("t0k", "t0k"));
  EXPECT_FALSE(BearerMatches("Basic t0k", "t0k"));
  EXPECT_FALSE(BearerMatches("Bearer ", ""));
  testkit::TempDir dir;
  const std::string file = dir / "token";
  EXPECT_THROW(ReadTokenFile(file), Error);
  { std::FILE* f = std::fopen(file.c_str(), "w"); std::fputs("  s3cret \nsecond line\n", f); std::fclose(f); }
  EXPECT_EQ(ReadTokenFile(file), "s3cret");
}

}  // namespace
}  // namespace prep360::serve
