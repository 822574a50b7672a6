// The split pipeline's decode: only the rows the rig's views read (RemapCache::SourceRows) are
// decoded and border-filled, and every view comes out bit-identical to remapping the full decode.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/test_images.h"

namespace prep360 {
namespace {

using testkit::MakeView;

// What split_job's decode stage does, with the rows it leaves unset poisoned, so a read outside
// the range would show.
Image DecodeBand(const std::vector<std::uint8_t>& bytes, RowRange rows) {
  Image eq = DecodeImage(bytes, "band.jpg", kEquirectBorder, rows);
  const int b = eq.border();
  for (int y = -b; y < eq.height() + b; ++y) {
    if (y < rows.begin || y >= rows.end) std::memset(eq.PixelPtr(-b, y), 0xAB, eq.stride());
  }
  FillEquirectBorder(eq, rows);
  return eq;
}

TEST(SplitJobTest, BandDecodeRemapsBitIdenticalToTheFullDecode) {
  constexpr int kW = 1024, kH = 512;
  Rig level;  // 8 views at pitch 0, 16:9: a band around the equator
  for (int k = 0; k < 8; ++k) level.views.push_back(MakeView("v", 45.0 * k, 0, 0, 90, 192, 108));
  Rig tilted = level;  // one view over the north pole: the band reaches row 0
  tilted.views.push_back(MakeView("v", 10, 90, 0, 90, 65, 65));  // centre pixel on the pole
  for (int channels : {1, 3}) {
    const std::vector<std::uint8_t> bytes =
        EncodeImage(testkit::MakePattern(kW, kH, channels, 1), ImageFormat::kJpeg, EncodeOptions{});
    Image full = DecodeImage(bytes, "full.jpg", kEquirectBorder);
    FillEquirectBorder(full);
    for (const Rig* rig : {&level, &tilted}) {
      for (Interpolation interp :
           {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kBicubic, Interpolation::kLanczos3}) {
        SCOPED_TRACE(testing::Message() << channels << " ch, " << rig->views.size() << " views, "
                                        << InterpolationName(interp));
        RemapCache cache(*rig, interp);
        const RowRange rows = cache.SourceRows(kW, kH);
        if (rig == &level) {
          EXPECT_GT(rows.begin, kH / 4);  // a band: about a third of the rows
          EXPECT_LT(rows.end, kH * 3 / 4);
        } else {
          EXPECT_EQ(rows.begin, 0);
        }
        const Image band = DecodeBand(bytes, rows);
        for (std::size_t v = 0; v < rig->views.size(); ++v) {
          const RemapTable& table = cache.Get(v, kW, kH);
          Image a(table.width(), table.height(), channels, 1), b(table.width(), table.height(), channels, 1);
          Remap(full, table, a);
          Remap(band, table, b);
          ASSERT_TRUE(testkit::SamePixels(a, b)) << "view " << v;
        }
      }
    }
  }
}

}  // namespace
}  // namespace prep360
