#include "prep360/telemetry/track_parts.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "prep360/image/image_io.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;

// Frames 0..n-1, 0.5 s apart; odd frames have no altitude, every third no utc or dop.
std::vector<FramePosition> Rows(int n) {
  std::vector<FramePosition> rows;
  for (int i = 0; i < n; ++i) {
    FramePosition r;
    r.frame = "frame_" + std::to_string(1000 + i);
    r.fix.time_s = 0.5 * i + 1.0 / 3;
    r.fix.latitude_deg = 45.123456789123 + 1e-5 * i;
    r.fix.longitude_deg = -7.000000123456 - 2e-5 * i;
    if (i % 2 == 0) r.fix.altitude_m = 200.12345 + i;
    if (i % 3 != 0) r.fix.utc_s = 1714558830.1234567 + 0.5 * i;
    if (i % 3 != 0) r.fix.dop = 1.25 + 0.01 * i;
    rows.push_back(r);
  }
  return rows;
}

std::string Text(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  return std::string(bytes.begin(), bytes.end());
}

// ReadTrackGeoJson (track_files.h) serves the merge after a resumed shard: exact round trip.
TEST(TrackPartsTest, AMergedTrackReadBackWritesTheSameFiles) {
  testkit::TempDir tmp;
  const std::vector<FramePosition> rows = Rows(7);
  WriteGpsCsv(tmp / "a.csv", rows);
  WriteTrackGeoJson(tmp / "a.geojson", rows);
  const std::vector<FramePosition> back = ReadTrackGeoJson(tmp / "a.geojson");
  ASSERT_EQ(back.size(), rows.size());
  EXPECT_EQ(back[3].frame, "frame_1003");
  EXPECT_EQ(back[3].fix.latitude_deg, rows[3].fix.latitude_deg);
  EXPECT_FALSE(back[3].fix.altitude_m.has_value());
  EXPECT_FALSE(back[3].fix.utc_s.has_value());
  WriteGpsCsv(tmp / "b.csv", back);
  WriteTrackGeoJson(tmp / "b.geojson", back);
  EXPECT_EQ(Text(tmp.path() / "b.csv"), Text(tmp.path() / "a.csv"));
  EXPECT_EQ(Text(tmp.path() / "b.geojson"), Text(tmp.path() / "a.geojson"));
  WriteTextFileAtomic(tmp / "bad.geojson", "{\"features\": [{\"geometry\": {\"type\": \"Point\"}}]}");
  EXPECT_THROW(ReadTrackGeoJson(tmp / "bad.geojson"), Error);
}

// Shards 1..3 merged; then shard 2 run again with resume writes its part alone, and merging
// again gives the same files.
TEST(TrackPartsTest, AShardRunAgainAfterAMergeIsMergedIntoTheTrack) {
  testkit::TempDir tmp;
  const std::string root = tmp.path().string();
  const std::vector<FramePosition> rows = Rows(9);
  WriteGpsCsv(tmp / "one.csv", rows);
  WriteTrackGeoJson(tmp / "one.geojson", rows);
  auto part = [&](int k) {
    WriteGpsPart(GpsPartFile(root, Shard{k, 3}), std::vector<FramePosition>(rows.begin() + 3 * (k - 1), rows.begin() + 3 * k));
  };
  for (int k = 1; k <= 3; ++k) part(k);
  EXPECT_EQ(MergeGpsParts(root, 3), 3);
  EXPECT_EQ(Text(tmp.path() / "gps.csv"), Text(tmp.path() / "one.csv"));
  WriteTextFileAtomic(tmp / "report.json", "{}\n");  // merge wrote it

  part(2);
  EXPECT_EQ(MergeGpsParts(root, 3), 3);
  EXPECT_EQ(Text(tmp.path() / "gps.csv"), Text(tmp.path() / "one.csv"));
  EXPECT_EQ(Text(tmp.path() / "track.geojson"), Text(tmp.path() / "one.geojson"));
  EXPECT_FALSE(fs::exists(GpsPartFile(root, Shard{2, 3})));

  // Without an earlier merge, a missing part is an error naming it.
  fs::remove(tmp.path() / "report.json");
  part(2);
  try {
    MergeGpsParts(root, 3);
    FAIL() << "merged without parts 1 and 3";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(GpsPartFile(root, Shard{1, 3}) + ": missing", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace prep360
