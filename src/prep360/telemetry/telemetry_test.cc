// GPMF, CAMM and Insta360 trailer parsing from samples written byte by byte by the tests, and
// the interpolation of GPS to frame times.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "prep360/telemetry/camm.h"
#include "prep360/telemetry/gpmf.h"
#include "prep360/telemetry/gps_track.h"
#include "prep360/telemetry/insta360_trailer.h"
#include "prep360/testing/telemetry_samples.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/utc_time.h"

namespace prep360 {
namespace {

using testkit::GpsRow;

TEST(Gpmf, Gps5RowsAreScaledAndSpreadOverTheSample) {
  const std::vector<GpsRow> rows = {{45.1234567, -122.7654321, 123.456}, {45.1234667, -122.7654221, 124.0},
                                    {-33.5, 151.25, -5.5}, {45.0, 7.0, 0}};
  Telemetry t;
  ParseGpmfPayload(testkit::Gps5Payload(rows, "240501102030.500", 153), 2.0, 3.0, t, "x.mp4");
  ASSERT_EQ(t.gps.size(), 4u);
  EXPECT_TRUE(t.warnings.empty());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_NEAR(t.gps[i].time_s, 2.0 + 0.25 * static_cast<double>(i), 1e-12);
    EXPECT_NEAR(t.gps[i].latitude_deg, rows[i].lat, 1e-9);
    EXPECT_NEAR(t.gps[i].longitude_deg, rows[i].lon, 1e-9);
    EXPECT_NEAR(*t.gps[i].altitude_m, rows[i].alt, 1e-9);
    EXPECT_NEAR(*t.gps[i].dop, 1.53, 1e-12);
  }
  EXPECT_NEAR(*t.gps[0].utc_s, UnixSeconds(2024, 5, 1, 10, 20, 30.5), 1e-6);
  EXPECT_NEAR(*t.gps[2].utc_s, UnixSeconds(2024, 5, 1, 10, 20, 31.0), 1e-6);
}

TEST(Gpmf, Gps9CarriesItsOwnTimeAndDop) {
  Telemetry t;
  ParseGpmfPayload(testkit::Gps9Payload({{10.5, 20.25, 30}, {10.6, 20.35, 31}}, 8888, 3600.25, 0.9), 0, 0.2, t, "x");
  ASSERT_EQ(t.gps.size(), 2u);
  EXPECT_NEAR(t.gps[1].time_s, 0.1, 1e-12);
  EXPECT_NEAR(t.gps[1].latitude_deg, 10.6, 1e-9);
  EXPECT_NEAR(*t.gps[0].utc_s, UnixSeconds(2000, 1, 1, 0, 0, 0) + 8888 * 86400.0 + 3600.25, 1e-6);
  EXPECT_NEAR(*t.gps[0].dop, 0.9, 1e-12);
}

TEST(Gpmf, DamagedPayloadWarnsAndKeepsWhatCameBefore) {
  testkit::Bytes good = testkit::Gps5Payload({{1, 2, 3}}, "240501102030.500", 100);
  testkit::Bytes broken = testkit::Gps5Payload({{4, 5, 6}, {7, 8, 9}}, "240501102030.500", 100);
  broken.resize(broken.size() - 12);  // the last GPS5 row is cut
  good.insert(good.end(), broken.begin(), broken.end());
  Telemetry t;
  ParseGpmfPayload(good, 0, 1, t, "cut.mp4");
  EXPECT_EQ(t.gps.size(), 1u);
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0].rfind("cut.mp4: GPMF item", 0), 0u) << t.warnings[0];
}

TEST(Camm, Types5And6AndTheGpsEpoch) {
  Telemetry t;
  ParseCammPacket(testkit::CammType5({1.25, -2.5, 100}), 0.5, t, "c");
  ParseCammPacket(testkit::CammType6(1400000000.0, 3, {3.5, 4.5, 50}), 0.6, t, "c");
  ParseCammPacket(testkit::CammType6(1400000000.0, 0, {9, 9, 9}), 0.7, t, "c");  // no fix: skipped
  ASSERT_EQ(t.gps.size(), 2u);
  EXPECT_DOUBLE_EQ(t.gps[0].latitude_deg, 1.25);
  EXPECT_DOUBLE_EQ(t.gps[0].longitude_deg, -2.5);
  EXPECT_DOUBLE_EQ(*t.gps[0].altitude_m, 100);
  EXPECT_DOUBLE_EQ(t.gps[1].time_s, 0.6);
  EXPECT_DOUBLE_EQ(t.gps[1].latitude_deg, 3.5);
  EXPECT_DOUBLE_EQ(*t.gps[1].utc_s, 1400000000.0 + 315964800.0 - 18.0);
  testkit::Bytes short_packet = testkit::CammType5({1, 2, 3});
  short_packet.resize(20);
  ParseCammPacket(short_packet, 1.0, t, "c.mp4");
  EXPECT_EQ(t.gps.size(), 2u);
  ASSERT_EQ(t.warnings.size(), 1u);
}

TEST(GpsTrack, InterpolatesBetweenNeighboursOnly) {
  std::vector<GpsFix> track(3);
  track[0] = {1.0, 10.0, 20.0, 100.0, 1.0, 1000.0, {}};
  track[1] = {2.0, 11.0, 22.0, 110.0, 2.0, 1001.0, {}};
  track[2] = {20.0, 12.0, 24.0, 120.0, 3.0, 1019.0, {}};
  const auto mid = GpsAt(track, 1.25);
  ASSERT_TRUE(mid);
  EXPECT_DOUBLE_EQ(mid->latitude_deg, 10.25);
  EXPECT_DOUBLE_EQ(mid->longitude_deg, 20.5);
  EXPECT_DOUBLE_EQ(*mid->altitude_m, 102.5);
  EXPECT_DOUBLE_EQ(*mid->utc_s, 1000.25);
  EXPECT_DOUBLE_EQ(*mid->dop, 1.0);  // the nearer fix's
  EXPECT_FALSE(GpsAt(track, 5.0));   // an 18 s gap
  EXPECT_TRUE(GpsAt(track, 0.6));    // within the overhang of the first fix
  EXPECT_FALSE(GpsAt(track, 0.4));
  EXPECT_DOUBLE_EQ(GpsAt(track, 20.3)->latitude_deg, 12.0);
}

TEST(Insta360Trailer, GpsRecordsWithHemispheresAndVoidFixes) {
  testkit::TempDir dir;
  const std::string path = dir / "VID_00_.insv";
  { std::ofstream(path, std::ios::binary) << std::string(1000, 'x'); }
  testkit::Bytes gps;
  auto item = [&gps](std::uint64_t unix_s, std::uint16_t ms, char fix, double lat, char ns, double lon, char ew,
                     double alt) {
    auto le = [&gps](const void* p, std::size_t n) {
      const auto* b = static_cast<const std::uint8_t*>(p);
      gps.insert(gps.end(), b, b + n);
    };
    const double speed = 1.5, track = 90;
    le(&unix_s, 8);
    le(&ms, 2);
    gps.push_back(static_cast<std::uint8_t>(fix));
    le(&lat, 8);
    gps.push_back(static_cast<std::uint8_t>(ns));
    le(&lon, 8);
    gps.push_back(static_cast<std::uint8_t>(ew));
    le(&speed, 8);
    le(&track, 8);
    le(&alt, 8);
  };
  item(1714558830, 250, 'A', 33.5, 'S', 151.25, 'E', 12.5);
  item(1714558831, 0, 'V', 1, 'N', 1, 'E', 1);
  item(1714558832, 500, 'A', 48.125, 'N', 2.375, 'W', 40);
  testkit::AppendInsta360Trailer(path, {{1, 1, {0x2a, 0x03, '1', '_', '2'}}, {7, 0, gps}});
  const auto trailer = ReadInsta360Trailer(path);
  ASSERT_TRUE(trailer);
  ASSERT_EQ(trailer->records.size(), 2u);
  EXPECT_EQ(trailer->records[0].id, 1);
  EXPECT_EQ(Insta360OffsetString(trailer->records[0].payload), "1_2");
  const auto fixes = ParseInsta360Gps(trailer->records[1].payload);
  ASSERT_EQ(fixes.size(), 2u);
  EXPECT_DOUBLE_EQ(fixes[0].latitude_deg, -33.5);
  EXPECT_DOUBLE_EQ(fixes[0].longitude_deg, 151.25);
  EXPECT_DOUBLE_EQ(*fixes[0].utc_s, 1714558830.25);
  EXPECT_DOUBLE_EQ(fixes[1].longitude_deg, -2.375);
  EXPECT_DOUBLE_EQ(*fixes[1].altitude_m, 40);
  std::ofstream(dir / "plain.mp4") << "no trailer here";
  EXPECT_FALSE(ReadInsta360Trailer(dir / "plain.mp4"));
}

TEST(UtcTime, RoundTripsCivilDates) {
  EXPECT_DOUBLE_EQ(UnixSeconds(1970, 1, 1, 0, 0, 0), 0);
  EXPECT_DOUBLE_EQ(UnixSeconds(2000, 1, 1, 0, 0, 0), 946684800);
  EXPECT_EQ(IsoUtc(UnixSeconds(2024, 2, 29, 23, 59, 58.125)), "2024-02-29T23:59:58.125Z");
}

}  // namespace
}  // namespace prep360
