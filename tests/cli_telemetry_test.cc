// End-to-end: GPS and IMU from GPMF and CAMM data tracks (written by the test, muxed by the ffmpeg
// CLI) become EXIF GPS on every view and equirect frame, gps.csv, track.geojson and imu.csv.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/metadata.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/telemetry_samples.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/utc_time.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::GpsRow;
using testkit::RunCli;
using testkit::TempDir;

constexpr int kFrames = 20;  // 10 fps, 2 s
constexpr int kGpsPerSecond = 4;

// A curved track (quadratic in time), so an interpolation other than linear-between-neighbours
// shows: fix k at k / 4 s.
GpsRow Fix(int k) { return {45.0 + 1e-4 * k + 3e-6 * k * k, 7.0 - 2e-4 * k + 1e-6 * k * k, 200.0 + 0.5 * k}; }

// The position at time t as the track is meant to give it: linear between fixes k and k + 1.
GpsRow Expected(double t) {
  const int k = static_cast<int>(std::floor(t * kGpsPerSecond + 1e-9));
  const double w = t * kGpsPerSecond - k;
  const GpsRow a = Fix(k), b = Fix(k + 1);
  return {a.lat + (b.lat - a.lat) * w, a.lon + (b.lon - a.lon) * w, a.alt + (b.alt - a.alt) * w};
}

std::string Video(const TempDir& dir) {
  testkit::SyntheticVideoOptions o;
  o.width = 128;
  o.height = 64;
  o.fps = 10;
  o.frame_count = kFrames;
  testkit::WriteSyntheticVideo(dir / "plain.mp4", o);
  return dir / "plain.mp4";
}

void ExpectGps(const fs::path& image, double t) {
  const ViewMetadataReadback m = ReadViewMetadata(image.string());
  ASSERT_TRUE(m.gps) << image;
  const GpsRow e = Expected(t);
  EXPECT_NEAR(m.gps->latitude_deg, e.lat, 1e-7) << image;
  EXPECT_NEAR(m.gps->longitude_deg, e.lon, 1e-7) << image;
  ASSERT_TRUE(m.gps->altitude_m);
  EXPECT_NEAR(*m.gps->altitude_m, e.alt, 1e-3) << image;
}

int CountLines(const fs::path& file) {
  std::ifstream in(file);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

TEST(CliTelemetryTest, GpmfGpsBecomesExifOnEveryViewAndEquirect) {
  TempDir dir;
  const std::string video = Video(dir);
  // Two 1 s payloads of 4 fixes each (fixes 0..7), the last fix of the video at 1.75 s.
  std::vector<testkit::Bytes> payloads;
  for (int p = 0; p < 2; ++p) {
    std::vector<GpsRow> rows;
    for (int i = 0; i < kGpsPerSecond; ++i) rows.push_back(Fix(p * kGpsPerSecond + i));
    payloads.push_back(testkit::Gps5Payload(rows, p == 0 ? "240501102030.000" : "240501102031.000", 120));
    // A second device in the same payload: 5 gyro samples per second.
    const testkit::Bytes gyro = testkit::GyroPayload({{100, -200, 300}, {1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {p, 0, -p}}, 1000);
    payloads.back().insert(payloads.back().end(), gyro.begin(), gyro.end());
  }
  testkit::MuxDataTrack(video, payloads, 1000, "gpmd", dir / "gopro.mov");
  const auto r = RunCli({"run", dir / "gopro.mov", "-o", dir / "out", "--rig", "ring:2", "--size", "64x48",
                         "--keep-equirect", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Frames up to 1.75 s + 0.5 s overhang: all 20 (0 .. 1.9 s).
  for (int f = 0; f < kFrames; ++f) {
    const double t = f / 10.0;
    const std::string name = fmt::format("frame_{:06d}.jpg", f);
    if (t > 1.75) continue;  // past the last fix: its value, checked below
    for (const char* view : {"cam00", "cam01"}) ExpectGps(dir.path() / "out/images" / view / name, t);
    ExpectGps(dir.path() / "out/equirect" / name, t);
  }
  const ViewMetadataReadback last = ReadViewMetadata((dir.path() / "out/images/cam00/frame_000019.jpg").string());
  ASSERT_TRUE(last.gps);
  EXPECT_NEAR(last.gps->latitude_deg, Fix(7).lat, 1e-7);
  // GPS time of frame 3 (0.3 s): between the fixes at 0.25 and 0.5 s, 10:20:30.3.
  const ViewMetadataReadback third = ReadViewMetadata((dir.path() / "out/images/cam00/frame_000003.jpg").string());
  ASSERT_TRUE(third.gps && third.gps->utc_s && third.gps->dop);
  EXPECT_NEAR(*third.gps->utc_s, UnixSeconds(2024, 5, 1, 10, 20, 30.3), 1e-3);
  EXPECT_NEAR(*third.gps->dop, 1.2, 1e-9);
  EXPECT_EQ(CountLines(dir.path() / "out/gps.csv"), kFrames + 1);
  std::ifstream geo(dir.path() / "out/track.geojson");
  const nlohmann::json g = nlohmann::json::parse(geo);
  EXPECT_EQ(g["features"].size(), static_cast<std::size_t>(kFrames + 1));
  EXPECT_EQ(g["features"][0]["geometry"]["type"], "LineString");
  EXPECT_NEAR(g["features"][1]["geometry"]["coordinates"][1].get<double>(), Fix(0).lat, 1e-9);
  std::ifstream rep(dir.path() / "out/report.json");
  const nlohmann::json report = nlohmann::json::parse(rep);
  EXPECT_EQ(report["source"]["telemetry"]["tracks"][0]["format"], "gpmf");
  EXPECT_NEAR(report["source"]["telemetry"]["tracks"][0]["gps_rate_hz"].get<double>(), 4.0, 1e-9);
  // imu.csv: 10 gyro samples, 0.2 s apart, raw / SCAL.
  EXPECT_EQ(CountLines(dir.path() / "out/imu.csv"), 11);
  std::ifstream imu(dir.path() / "out/imu.csv");
  std::string header, first;
  std::getline(imu, header);
  std::getline(imu, first);
  EXPECT_EQ(header, "time_s,sensor,x,y,z");
  EXPECT_EQ(first, "0.000000,gyro,0.1,-0.2,0.3");
  const auto info = RunCli({"info", dir / "gopro.mov"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("input projection (auto): equirect"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("telemetry: gpmf (stream 1), 8 GPS fixes at 4.00 Hz, 10 IMU samples (gyro at 5.0 Hz)"), std::string::npos) << info.out;
}

TEST(CliTelemetryTest, CammGpsAtTenHertzInterpolatedToFrames) {
  TempDir dir;
  const std::string video = Video(dir);
  // CAMM type 5 packets every 250 ms: fix k at k / 4 s.
  std::vector<testkit::Bytes> packets;
  for (int k = 0; k < 8; ++k) packets.push_back(testkit::CammType5(Fix(k)));
  testkit::MuxDataTrack(video, packets, 250, "camm", dir / "camm.mov");
  const auto r = RunCli({"extract", dir / "camm.mov", "-o", dir / "out", "--fps", "5", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int f = 0; f < kFrames; f += 2) {
    const double t = f / 10.0;
    if (t > 1.75) continue;
    ExpectGps(dir.path() / fmt::format("out/frame_{:06d}.jpg", f), t);
  }
  EXPECT_EQ(CountLines(dir.path() / "out/gps.csv"), kFrames / 2 + 1);
}

TEST(CliTelemetryTest, Insta360TrailerGpsPlacedByCreationTime) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.width = 128;
  o.height = 64;
  o.fps = 10;
  o.frame_count = 10;
  o.creation_time = "2024-05-01T10:20:30Z";
  testkit::WriteSyntheticVideo(dir / "VID.mp4", o);
  // Fixes every 0.25 s from the first frame (UTC 10:20:30), south-west so the signs show.
  std::vector<GpsRow> rows;
  std::vector<double> times;
  const double start = UnixSeconds(2024, 5, 1, 10, 20, 30);
  for (int k = 0; k < 6; ++k) {
    const GpsRow f = Fix(k);
    rows.push_back({-f.lat, -f.lon, f.alt});
    times.push_back(start + 0.25 * k);
  }
  testkit::AppendInsta360Trailer(dir / "VID.mp4", {{7, 0, testkit::Insta360GpsRecord(rows, times)}});
  const auto r = RunCli({"extract", dir / "VID.mp4", "-o", dir / "out", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (int f = 0; f < 10; ++f) {
    const double t = f / 10.0;
    if (t > 1.25) continue;
    const ViewMetadataReadback m = ReadViewMetadata((dir.path() / fmt::format("out/frame_{:06d}.jpg", f)).string());
    ASSERT_TRUE(m.gps && m.gps->utc_s) << f;
    EXPECT_NEAR(m.gps->latitude_deg, -Expected(t).lat, 1e-7) << f;
    EXPECT_NEAR(m.gps->longitude_deg, -Expected(t).lon, 1e-7) << f;
    EXPECT_NEAR(*m.gps->utc_s, start + t, 1e-3) << f;
  }
  const auto info = RunCli({"info", dir / "VID.mp4"});
  EXPECT_NE(info.out.find("telemetry: insta360 trailer (trailer), 6 GPS fixes at 4.00 Hz"), std::string::npos)
      << info.out;
}

TEST(CliTelemetryTest, DamagedTelemetryIsAWarningNotAFailure) {
  TempDir dir;
  const std::string video = Video(dir);
  std::vector<testkit::Bytes> packets;
  for (int k = 0; k < 4; ++k) {
    testkit::Bytes p = testkit::Gps5Payload({Fix(k)}, "240501102030.000", 100);
    p[6] = 0x7f;  // DEVC claims far more than it holds
    packets.push_back(p);
  }
  testkit::MuxDataTrack(video, packets, 500, "gpmd", dir / "bad.mov");
  const auto r = RunCli({"extract", dir / "bad.mov", "-o", dir / "out", "--fps", "5", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out/gps.csv"));
  std::ifstream rep(dir.path() / "out/report.json");
  const nlohmann::json report = nlohmann::json::parse(rep);
  EXPECT_FALSE(report["source"]["telemetry"]["warnings"].empty());
}

}  // namespace
}  // namespace prep360
