#include "prep360/export/colmap_model.h"

#include <cstring>
#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

ColmapModel SmallModel() {
  ColmapModel m;
  m.cameras[1] = {1, "PINHOLE", 640, 480, {500.25, 501.5, 320, 240}};
  m.cameras[2] = {2, "OPENCV", 100, 50, {60, 61, 50, 25, 0.1, -0.01, 0.001, 0.002}};
  ColmapImage a;
  a.id = 3;
  a.q = {0.5, 0.5, -0.5, 0.5};
  a.t = {0.1, -2.0 / 3.0, 3.0};
  a.camera_id = 1;
  a.name = "cam00/frame_1.jpg";
  a.points2d = {{10.5, 20.25, 7}, {1.0, 2.0, kColmapNoPoint}};
  m.images[3] = a;
  ColmapImage b;
  b.id = 4;
  b.camera_id = 2;
  b.name = "cam01/frame 2.jpg";  // a space in the name
  m.images[4] = b;
  ColmapPoint3D p;
  p.id = 7;
  p.xyz = {1.0 / 3.0, -2, 5};
  p.rgb[0] = 255, p.rgb[1] = 0, p.rgb[2] = 17;
  p.error = 0.5;
  p.track = {{3, 0}, {4, 9}};
  m.points.push_back(p);
  return m;
}

void ExpectSame(const ColmapModel& a, const ColmapModel& b) {
  ASSERT_EQ(a.cameras.size(), b.cameras.size());
  for (const auto& [id, c] : a.cameras) {
    const ColmapCamera& d = b.cameras.at(id);
    EXPECT_EQ(c.model, d.model);
    EXPECT_EQ(c.width, d.width);
    EXPECT_EQ(c.height, d.height);
    EXPECT_EQ(c.params, d.params);
  }
  ASSERT_EQ(a.images.size(), b.images.size());
  for (const auto& [id, im] : a.images) {
    const ColmapImage& j = b.images.at(id);
    EXPECT_EQ(im.name, j.name);
    EXPECT_EQ(im.camera_id, j.camera_id);
    EXPECT_EQ(im.q.w, j.q.w);
    EXPECT_EQ(im.q.y, j.q.y);
    EXPECT_EQ(im.t.y, j.t.y);
    ASSERT_EQ(im.points2d.size(), j.points2d.size());
    for (std::size_t k = 0; k < im.points2d.size(); ++k) {
      EXPECT_EQ(im.points2d[k].x, j.points2d[k].x);
      EXPECT_EQ(im.points2d[k].point3d_id, j.points2d[k].point3d_id);
    }
  }
  ASSERT_EQ(a.points.size(), b.points.size());
  EXPECT_EQ(a.points[0].xyz.x, b.points[0].xyz.x);
  EXPECT_EQ(a.points[0].rgb[2], b.points[0].rgb[2]);
  EXPECT_EQ(a.points[0].track.size(), b.points[0].track.size());
  EXPECT_EQ(a.points[0].track[1].point2d_idx, b.points[0].track[1].point2d_idx);
}

TEST(ColmapModelTest, TextRoundTripsExactly) {
  testkit::TempDir dir;
  const ColmapModel m = SmallModel();
  WriteColmapModelText(m, dir.path());
  ASSERT_TRUE(HasColmapModel(dir.path()));
  ExpectSame(m, ReadColmapModel(dir.path()));
}

TEST(ColmapModelTest, BinaryRoundTripsAndIsPreferredOverText) {
  testkit::TempDir dir;
  ColmapModel m = SmallModel();
  WriteColmapModelBinary(m, dir.path());
  ColmapModel other = SmallModel();
  other.images.at(3).name = "text/only.jpg";
  WriteColmapModelText(other, dir.path());
  const ColmapModel read = ReadColmapModel(dir.path());
  ExpectSame(m, read);
  EXPECT_EQ(ReadColmapModelText(dir.path()).images.at(3).name, "text/only.jpg");
}

TEST(ColmapModelTest, BinaryCameraLayoutIsCOLMAPs) {
  // One PINHOLE camera, laid out by hand: u64 count, u32 id, i32 model id 1, u64 w, u64 h, 4 doubles.
  std::vector<std::uint8_t> bytes;
  auto put = [&](const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);
    bytes.insert(bytes.end(), b, b + n);
  };
  const std::uint64_t count = 1, w = 640, h = 480;
  const std::uint32_t id = 9;
  const std::int32_t model = 1;
  const double params[4] = {500, 501, 320, 240};
  put(&count, 8), put(&id, 4), put(&model, 4), put(&w, 8), put(&h, 8), put(params, 32);
  testkit::TempDir dir;
  WriteFileAtomic(dir / "cameras.bin", bytes);
  const std::uint64_t zero = 0;
  WriteFileAtomic(dir / "images.bin", std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(&zero),
                                                                  reinterpret_cast<const std::uint8_t*>(&zero) + 8));
  WriteFileAtomic(dir / "points3D.bin", std::vector<std::uint8_t>(8, 0));
  const ColmapModel m = ReadColmapModel(dir.path());
  ASSERT_EQ(m.cameras.size(), 1u);
  const ColmapCamera& c = m.cameras.at(9);
  EXPECT_EQ(c.model, "PINHOLE");
  EXPECT_EQ(c.width, 640u);
  EXPECT_EQ(c.params, (std::vector<double>{500, 501, 320, 240}));
}

TEST(ColmapModelTest, TruncatedBinaryAndBadTextNameTheFile) {
  testkit::TempDir dir;
  WriteColmapModelBinary(SmallModel(), dir.path());
  std::vector<std::uint8_t> bytes(20, 0);
  bytes[0] = 1;
  WriteFileAtomic(dir / "cameras.bin", bytes);
  try {
    ReadColmapModel(dir.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cameras.bin: truncated"), std::string::npos) << e.what();
  }
  testkit::TempDir text;
  WriteColmapModelText(SmallModel(), text.path());
  WriteTextFileAtomic(text / "cameras.txt", "# c\n1 PINHOLE 640 480 500 500 320\n");
  try {
    ReadColmapModel(text.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cameras.txt: line 2: PINHOLE takes 4 parameters, the line has 3"),
              std::string::npos)
        << e.what();
  }
}

TEST(ColmapModelTest, CentreAndMeanReprojectionError) {
  ColmapImage im;
  im.q = QuaternionFromMatrix(RotY(DegToRad(90)));
  im.t = {1, 2, 3};
  const Vec3 c = im.Centre();  // -R^T t
  const Vec3 back = im.CamFromWorld() * c + im.t;
  EXPECT_NEAR(back.Norm(), 0, 1e-12);
  ColmapModel m;
  m.points.push_back({1, {}, {0, 0, 0}, 1.0, {{1, 0}, {2, 0}, {3, 0}}});
  m.points.push_back({2, {}, {0, 0, 0}, 3.0, {{1, 1}}});
  EXPECT_DOUBLE_EQ(m.MeanReprojectionError(), (3 * 1.0 + 3.0) / 4);
}

}  // namespace
}  // namespace prep360
