#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <vector>

#include "prep360/reproject/remap_table.h"
#include "prep360/testing/fixtures.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

Rig TwoViews() {
  Rig rig;
  rig.name = "test";
  for (int k = 0; k < 2; ++k) {
    rig.views.push_back(testkit::MakeView("cam0" + std::to_string(k), 90.0 * k, 0, 0, 90, 96, 64));
  }
  return rig;
}

TEST(RemapCacheTest, BuildsEachTableOnceAndReturnsTheSameObject) {
  RemapCache cache(TwoViews(), Interpolation::kBilinear);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.MemoryBytes(), 0u);
  const RemapTable& a = cache.Get(0, 1024, 512);
  const double built = cache.build_seconds();
  EXPECT_GT(built, 0.0);
  EXPECT_EQ(&cache.Get(0, 1024, 512), &a);
  EXPECT_EQ(cache.build_seconds(), built);  // no second build
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(a.width(), 96);
  EXPECT_EQ(a.interpolation(), Interpolation::kBilinear);
  // Another view or another equirect size is another table.
  EXPECT_NE(&cache.Get(1, 1024, 512), &a);
  EXPECT_NE(&cache.Get(0, 2048, 1024), &a);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.MemoryBytes(), a.MemoryBytes() * 3);
}

TEST(RemapCacheTest, ConcurrentGetsShareOneTable) {
  RemapCache cache(TwoViews(), Interpolation::kNearest);
  std::vector<const RemapTable*> got(64);
  tbb::parallel_for(0, 64, [&](int i) { got[static_cast<std::size_t>(i)] = &cache.Get(i % 2, 512, 256); });
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], got[i % 2]);
  EXPECT_NE(got[0], got[1]);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(RemapCacheTest, BadViewIndexIsAnError) {
  RemapCache cache(TwoViews(), Interpolation::kBilinear);
  EXPECT_THROW(cache.Get(2, 1024, 512), Error);
}

TEST(RemapCacheTest, AViewWithoutASizeIsAnErrorNamingTheView) {
  Rig rig = TwoViews();
  rig.views[1].width = 0;
  RemapCache cache(rig, Interpolation::kBilinear);
  EXPECT_EQ(cache.Get(0, 1024, 512).width(), 96);
  try {
    cache.Get(1, 1024, 512);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "view 'cam01': size not set (0x64)");
  }
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace prep360
