// DatasetLayout: every output path (per mask style, per command), and Prepare's rules for a
// folder that already holds something: other settings are refused naming the JSON pointer, the
// same settings with other inputs are accepted, overwrite removes only the dataset's own files,
// and temp files a killed run left behind are removed.
#include "prep360/pipeline/dataset_layout.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "prep360/job/job_document.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::TempDir;

void Touch(const fs::path& path, const std::string& text = "x") {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Rig TwoViews() {
  Rig rig;
  rig.name = "two";
  for (const char* name : {"cam00", "cam01"}) {
    View v;
    v.name = name;
    rig.views.push_back(v);
  }
  return rig;
}

JobDocument SplitJob(const std::string& output) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {"/data/a.jpg", "/data/b.jpg"};
  job.output = output;
  return job;
}

// The message of the Error that `f` throws ("" when it throws none).
template <class F>
std::string ErrorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(DatasetLayoutTest, ViewAndMaskPathsForEveryMaskStyle) {
  const fs::path root = "/out";
  using E = DatasetLayout::Equirect;
  const DatasetLayout colmap(root, ImageFormat::kJpeg, MaskStyle::kColmap, E::kNone);
  EXPECT_EQ(colmap.ViewImage("cam03", "pano_7"), "/out/images/cam03/pano_7.jpg");
  EXPECT_EQ(colmap.ObjectMask("cam03", "pano_7"), "/out/masks/cam03/pano_7.jpg.png");
  EXPECT_EQ(colmap.SfmMask("cam03", "pano_7"), "/out/sfm_masks/cam03/pano_7.jpg.png");
  EXPECT_EQ(colmap.RigFile(), "/out/rig.json");
  EXPECT_EQ(colmap.JobFile(), "/out/job.json");
  EXPECT_EQ(colmap.ReportFile(), "/out/report.json");
  EXPECT_FALSE(colmap.has_equirect());

  // RealityScan's masks sit beside the images they belong to.
  const DatasetLayout realityscan(root, ImageFormat::kJpeg, MaskStyle::kRealityScan, E::kNone);
  EXPECT_EQ(realityscan.ObjectMask("cam03", "pano_7"), "/out/images/cam03/pano_7.jpg.mask.png");
  const DatasetLayout metashape(root, ImageFormat::kPng, MaskStyle::kMetashape, E::kNone);
  EXPECT_EQ(metashape.ViewImage("cam03", "pano_7"), "/out/images/cam03/pano_7.png");
  EXPECT_EQ(metashape.ObjectMask("cam03", "pano_7"), "/out/masks/cam03/pano_7_mask.png");
  const DatasetLayout nerfstudio(root, ImageFormat::kTiff, MaskStyle::kNerfstudio, E::kNone);
  EXPECT_EQ(nerfstudio.ViewImage("cam03", "pano_7"), "/out/images/cam03/pano_7.tif");
  EXPECT_EQ(nerfstudio.ObjectMask("cam03", "pano_7"), "/out/masks/cam03/pano_7.png");
  // SfM masks follow COLMAP's naming whatever the object masks' style.
  for (const DatasetLayout* l : {&realityscan, &metashape, &nerfstudio}) {
    EXPECT_EQ(l->SfmMask("v", "f"),
              fs::path("/out/sfm_masks/v") / ("f." + std::string(FormatExtension(l->format())) + ".png"));
  }
}

TEST(DatasetLayoutTest, MaskCommandPathsKeepTheImageSubfolder) {
  EXPECT_EQ(MaskPathFor("/m", MaskStyle::kColmap, "v0/frame_1.jpg"), "/m/v0/frame_1.jpg.png");
  EXPECT_EQ(MaskPathFor("/m", MaskStyle::kRealityScan, "v0/frame_1.jpg"), "/m/v0/frame_1.jpg.mask.png");
  EXPECT_EQ(MaskPathFor("/m", MaskStyle::kMetashape, "v0/frame_1.jpg"), "/m/v0/frame_1_mask.png");
  EXPECT_EQ(MaskPathFor("/m", MaskStyle::kNerfstudio, "v0/frame_1.jpg"), "/m/v0/frame_1.png");
  EXPECT_EQ(MaskPathFor("/m", MaskStyle::kColmap, "top.png"), "/m/top.png.png");
}

TEST(DatasetLayoutTest, EquirectFramesGoToTheirFolderOrTheRoot) {
  using E = DatasetLayout::Equirect;
  const DatasetLayout run("/out", ImageFormat::kJpeg, MaskStyle::kColmap, E::kSubfolder);
  EXPECT_TRUE(run.has_equirect());
  EXPECT_EQ(run.EquirectDir(), "/out/equirect");
  EXPECT_EQ(run.EquirectFrame("frame_000042"), "/out/equirect/frame_000042.jpg");
  // extract: the frames are the dataset, at the root.
  const DatasetLayout extract("/out", ImageFormat::kPng, MaskStyle::kColmap, E::kRoot);
  EXPECT_TRUE(extract.has_equirect());
  EXPECT_EQ(extract.EquirectDir(), "/out");
  EXPECT_EQ(extract.EquirectFrame("frame_000042"), "/out/frame_000042.png");
}

TEST(DatasetLayoutTest, PrepareCreatesTheFoldersTheMasksNeed) {
  TempDir dir;
  using E = DatasetLayout::Equirect;
  const JobDocument job = SplitJob(dir / "colmap");
  MaskSettings masks;
  masks.nadir = 10;  // object masks without a model
  masks.ownership = true;
  DatasetLayout(dir / "colmap", ImageFormat::kJpeg, MaskStyle::kColmap, E::kSubfolder)
      .Prepare(JobToJson(job), TwoViews(), "", masks, {});
  for (const char* sub : {"images/cam00", "images/cam01", "masks/cam00", "masks/cam01", "sfm_masks/cam00",
                          "sfm_masks/cam01", "equirect"}) {
    EXPECT_TRUE(fs::is_directory(dir.path() / "colmap" / sub)) << sub;
  }
  // RealityScan masks live in images/; no masks/ folder. Without masks, no mask folders.
  masks.ownership = false;
  DatasetLayout(dir / "rs", ImageFormat::kJpeg, MaskStyle::kRealityScan, E::kNone)
      .Prepare(JobToJson(job), TwoViews(), "", masks, {});
  EXPECT_TRUE(fs::is_directory(dir.path() / "rs/images/cam01"));
  EXPECT_FALSE(fs::exists(dir.path() / "rs/masks"));
  EXPECT_FALSE(fs::exists(dir.path() / "rs/sfm_masks"));
  EXPECT_FALSE(fs::exists(dir.path() / "rs/equirect"));
  DatasetLayout(dir / "plain", ImageFormat::kJpeg, MaskStyle::kColmap, E::kNone)
      .Prepare(JobToJson(job), TwoViews(), "", MaskSettings{}, {});
  EXPECT_TRUE(fs::is_directory(dir.path() / "plain/images/cam00"));
  EXPECT_FALSE(fs::exists(dir.path() / "plain/masks"));
  // extract: only the root.
  JobDocument extract = JobDocument::For(JobCommand::kExtract);
  extract.inputs = {"v.mp4"};
  extract.output = dir / "frames";
  DatasetLayout(dir / "frames", ImageFormat::kJpeg, MaskStyle::kColmap, E::kRoot)
      .Prepare(JobToJson(extract), Rig{}, "", MaskSettings{}, {});
  EXPECT_TRUE(fs::is_directory(dir.path() / "frames"));
  EXPECT_TRUE(fs::is_empty(dir.path() / "frames"));
}

TEST(DatasetLayoutTest, RefusesADatasetMadeWithOtherSettingsNamingThePointer) {
  TempDir dir;
  const std::string out = dir / "out";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap, DatasetLayout::Equirect::kNone);
  const JobDocument before = SplitJob(out);
  Touch(layout.JobFile(), JobToText(before));
  Touch(layout.ViewImage("cam00", "a"), "old view");

  JobDocument other = before;
  other.encode.codec.jpeg_quality = 60;
  std::string message = ErrorOf([&] { layout.Prepare(JobToJson(other), TwoViews(), "", {}, {}); });
  EXPECT_EQ(
      message.rfind(out + ": holds a dataset made with other settings (/encode/quality was 95, now 60)", 0),
      0u)
      << message;
  EXPECT_NE(message.find("/dataset/overwrite"), std::string::npos) << message;
  EXPECT_EQ(message.find("--"), std::string::npos) << message;  // no CLI flag in a library message
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;

  other = before;
  other.rig.name = "cube6";
  message = ErrorOf([&] { layout.Prepare(JobToJson(other), TwoViews(), "", {}, {}); });
  EXPECT_NE(message.find("(/rig/name was \"default11\", now \"cube6\")"), std::string::npos) << message;
  other = before;
  other.mask.style = MaskStyle::kMetashape;
  message = ErrorOf([&] { layout.Prepare(JobToJson(other), TwoViews(), "", {}, {}); });
  EXPECT_NE(message.find("(/mask/style was \"colmap\", now \"metashape\")"), std::string::npos) << message;
  // Resuming with other settings is refused just the same.
  other.dataset.resume = true;
  EXPECT_NE(ErrorOf([&] { layout.Prepare(JobToJson(other), TwoViews(), "", {}, {}); }), "");
  // Nothing was touched by the refusals.
  EXPECT_EQ(ReadText(layout.ViewImage("cam00", "a")), "old view");
  EXPECT_EQ(ReadText(layout.JobFile()), JobToText(before));
}

TEST(DatasetLayoutTest, AcceptsTheSameSettingsWithOtherInputsOutputAndRuntime) {
  TempDir dir;
  const std::string out = dir / "out";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap, DatasetLayout::Equirect::kNone);
  const JobDocument before = SplitJob(out);
  Touch(layout.JobFile(), JobToText(before));
  Touch(layout.ViewImage("cam00", "a"), "old view");
  JobDocument same = before;
  same.inputs = {"/elsewhere/c.jpg"};
  same.output = "relative/spelling/of/out";
  same.runtime.threads = 7;
  same.runtime.frames_in_flight = 3;
  same.dataset.resume = true;
  EXPECT_EQ(ErrorOf([&] { layout.Prepare(JobToJson(same), TwoViews(), "", {}, same.dataset); }), "");
  EXPECT_EQ(ReadText(layout.ViewImage("cam00", "a")), "old view");  // resume keeps the views
}

TEST(DatasetLayoutTest, WithoutJobFileTheRigFileDecides) {
  TempDir dir;
  const std::string out = dir / "out";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap, DatasetLayout::Equirect::kNone);
  Touch(layout.RigFile(), "{\"rig\": 1}\n");
  const Json job = JobToJson(SplitJob(out));
  EXPECT_EQ(ErrorOf([&] { layout.Prepare(job, TwoViews(), "{\"rig\": 1}\n", {}, {}); }), "");
  const std::string message = ErrorOf([&] { layout.Prepare(job, TwoViews(), "{\"rig\": 2}\n", {}, {}); });
  EXPECT_NE(message.find(out + ": holds a dataset made with other settings (/rig was"), std::string::npos)
      << message;
  // A damaged job.json is named, not taken for an empty folder.
  Touch(layout.JobFile(), "{ not json");
  const std::string damaged = ErrorOf([&] { layout.Prepare(job, TwoViews(), "{\"rig\": 1}\n", {}, {}); });
  EXPECT_EQ(damaged.rfind(layout.JobFile().string() + ": not a job document", 0), 0u) << damaged;
}

TEST(DatasetLayoutTest, OverwriteRemovesOnlyTheDatasetsOwnFiles) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap,
                             DatasetLayout::Equirect::kSubfolder);
  JobDocument before = SplitJob(out.string());
  before.rig.name = "cube6";
  Touch(layout.JobFile(), JobToText(before));
  const std::vector<std::string> dataset_files = {
      "images/cam00/a.jpg",        "images/cam09/a.jpg", "masks/cam00/a.jpg.png",
      "sfm_masks/cam00/a.jpg.png", "equirect/a.jpg",     "rig.json",
      "rig_config.json",           "cameras.txt",        "report.json"};
  for (const std::string& f : dataset_files) Touch(out / f);
  const std::vector<std::string> unrelated = {"notes.txt", "a.jpg", "frame_000001.jpg",
                                              "other/images/keep.jpg", "colmap/database.db"};
  for (const std::string& f : unrelated) Touch(out / f, "mine");

  const JobDocument now = SplitJob(out.string());  // another rig
  DatasetSettings overwrite;
  overwrite.overwrite = true;
  EXPECT_EQ(ErrorOf([&] { layout.Prepare(JobToJson(now), TwoViews(), "", {}, overwrite); }), "");
  for (const std::string& f : dataset_files) EXPECT_FALSE(fs::exists(out / f)) << f;
  EXPECT_FALSE(fs::exists(layout.JobFile()));
  EXPECT_FALSE(fs::exists(out / "images/cam09"));  // a view of the old rig: gone
  EXPECT_FALSE(fs::exists(out / "masks"));         // this job writes no masks
  EXPECT_TRUE(fs::is_directory(out / "images/cam00"));
  EXPECT_TRUE(fs::is_empty(out / "images/cam00"));
  for (const std::string& f : unrelated) EXPECT_EQ(ReadText(out / f), "mine") << f;
}

TEST(DatasetLayoutTest, OverwriteOfExtractFramesAtTheRootKeepsOtherFiles) {
  TempDir dir;
  const fs::path out = dir.path() / "frames";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap, DatasetLayout::Equirect::kRoot);
  for (const char* f : {"frame_000001.jpg", "frame_000002.jpg", "job.json", "report.json"}) Touch(out / f);
  for (const char* f : {"holiday.jpg", "frame_notes.txt", "sub/frame_000003.jpg"}) Touch(out / f, "mine");
  JobDocument extract = JobDocument::For(JobCommand::kExtract);
  extract.inputs = {"v.mp4"};
  extract.output = out.string();
  DatasetSettings overwrite;
  overwrite.overwrite = true;
  layout.Prepare(JobToJson(extract), Rig{}, "", {}, overwrite);
  for (const char* f : {"frame_000001.jpg", "frame_000002.jpg", "job.json", "report.json"}) {
    EXPECT_FALSE(fs::exists(out / f)) << f;
  }
  for (const char* f : {"holiday.jpg", "frame_notes.txt", "sub/frame_000003.jpg"}) {
    EXPECT_EQ(ReadText(out / f), "mine") << f;
  }
}

TEST(DatasetLayoutTest, RemovesTempFilesAKilledRunLeftBehind) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const DatasetLayout layout(out, ImageFormat::kJpeg, MaskStyle::kColmap,
                             DatasetLayout::Equirect::kSubfolder);
  const JobDocument job = SplitJob(out.string());
  Touch(layout.JobFile(), JobToText(job));
  const std::vector<std::string> stale = {"images/cam00/a.jpg.tmp.4242.0", "images/cam01/b.jpg.tmp.1.17",
                                          "masks/cam00/a.jpg.png.tmp.99.3",
                                          "sfm_masks/cam01/b.jpg.png.tmp.5.5", "equirect/a.jpg.tmp.12.0"};
  for (const std::string& f : stale) Touch(out / f);
  // Whole files, and names that only look a little like temp files, stay.
  const std::vector<std::string> kept = {"images/cam00/a.jpg", "images/cam00/a.jpg.tmp",
                                         "images/cam00/a.tmp.1.x", "masks/cam00/a.jpg.png", "equirect/a.jpg"};
  for (const std::string& f : kept) Touch(out / f, "whole");
  MaskSettings masks;
  masks.nadir = 5;
  masks.ownership = true;
  DatasetSettings resume;
  resume.resume = true;
  layout.Prepare(JobToJson(job), TwoViews(), "", masks, resume);
  for (const std::string& f : stale) EXPECT_FALSE(fs::exists(out / f)) << f;
  for (const std::string& f : kept) EXPECT_EQ(ReadText(out / f), "whole") << f;
}

}  // namespace
}  // namespace prep360
