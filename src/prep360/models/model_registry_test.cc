#include "prep360/models/model_registry.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// Sets PREP360_MODELS_DIR for one test and restores it after.
class ScopedModelsDir {
 public:
  explicit ScopedModelsDir(const std::string& dir) {
    if (const char* old = std::getenv("PREP360_MODELS_DIR")) old_ = old, had_ = true;
    setenv("PREP360_MODELS_DIR", dir.c_str(), 1);
  }
  ~ScopedModelsDir() { had_ ? setenv("PREP360_MODELS_DIR", old_.c_str(), 1) : unsetenv("PREP360_MODELS_DIR"); }

 private:
  std::string old_;
  bool had_ = false;
};

TEST(ModelRegistry, NamesTheModelsTheIssueAsksFor) {
  for (const char* name : {"face", "face-front", "ocr-det", "ocr-rec", "ocr-cls"}) {
    const RegistryModel* m = FindRegistryModel(name);
    ASSERT_NE(m, nullptr) << name;
    EXPECT_EQ(m->name, name);
    EXPECT_FALSE(m->package.empty());
    EXPECT_FALSE(m->licence.empty());
  }
  EXPECT_EQ(FindRegistryModel("yolo11n-seg"), nullptr);
  EXPECT_EQ(FindRegistryModel("ocr-rec")->companion, "ppocr/ppocr_keys_v1.txt");
}

TEST(ModelRegistry, PathsPassThroughAndNamesResolveInTheModelsDir) {
  testkit::TempDir dir;
  ScopedModelsDir scoped(dir.path().string());
  EXPECT_EQ(ResolveModel("some/dir/model.onnx"), "some/dir/model.onnx");
  try {
    ResolveModel("face");
    FAIL() << "a missing registry model must be an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("model 'face' is not installed in " + dir.path().string()), std::string::npos) << what;
    EXPECT_NE(what.find("scripts/bootstrap"), std::string::npos) << what;
  }
  std::filesystem::create_directories(dir.path() / "blazeface");
  std::ofstream(dir.path() / "blazeface/face_detection_back_256x256_barracuda.onnx") << "x";
  EXPECT_EQ(ResolveModel("face"), (dir.path() / "blazeface/face_detection_back_256x256_barracuda.onnx").string());
  // The recogniser needs its dictionary too.
  std::filesystem::create_directories(dir.path() / "ppocr");
  std::ofstream(dir.path() / "ppocr/ch_PP-OCRv4_rec_infer.onnx") << "x";
  EXPECT_THROW(ResolveModel("ocr-rec"), Error);
  std::ofstream(dir.path() / "ppocr/ppocr_keys_v1.txt") << "a\n";
  EXPECT_EQ(ResolveModel("ocr-rec"), (dir.path() / "ppocr/ch_PP-OCRv4_rec_infer.onnx").string());
  // The fused file scripts/install_models makes is preferred once it is there.
  std::ofstream(dir.path() / "ppocr/ch_PP-OCRv4_rec_fused.onnx") << "x";
  EXPECT_EQ(ResolveModel("ocr-rec"), (dir.path() / "ppocr/ch_PP-OCRv4_rec_fused.onnx").string());
  EXPECT_EQ(InstalledPath(*FindRegistryModel("ocr-rec"), "ppocr/ch_PP-OCRv4_rec_fused.onnx"),
            dir.path() / "ppocr/ch_PP-OCRv4_rec_fused.onnx");
}

TEST(ModelRegistry, BootstrapInstalledEveryModel) {
  // scripts/bootstrap runs before the tests (scripts/test); every registry model must be there.
  for (const RegistryModel& m : RegistryModels()) {
    EXPECT_FALSE(InstalledPath(m, m.file).empty()) << m.name << " missing in " << ModelsDir() << ": run scripts/bootstrap";
    // scripts/install_models warns and goes on when it cannot make a fused file (another onnx or
    // numpy version than Debian 12's): on the machines the tests run on it must have made them.
    if (!m.fused.empty()) {
      EXPECT_FALSE(InstalledPath(m, m.fused).empty()) << m.name << ": " << m.fused << " not made by scripts/bootstrap";
    }
  }
}

}  // namespace
}  // namespace prep360
