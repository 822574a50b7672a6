#include "prep360/scale/shard.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(ShardTest, ParsesKOfN) {
  EXPECT_FALSE(ParseShard("").active());
  const Shard s = ParseShard("3/8");
  EXPECT_EQ(s.index, 3);
  EXPECT_EQ(s.count, 8);
  EXPECT_EQ(ShardText(s), "3/8");
  for (const char* bad : {"0/2", "3/2", "1/0", "1", "1/", "/2", "a/2", "1/2/3", "+1/2", "-1/2", " 1/2", "1/100001"}) {
    EXPECT_THROW(ParseShard(bad), Error) << bad;
  }
}

TEST(ShardTest, SlicesCoverEveryItemOnceInOrder) {
  for (const std::int64_t items : {0, 1, 7, 10, 1000}) {
    for (const int n : {1, 2, 3, 7, 11}) {
      std::int64_t next = 0;
      for (int k = 1; k <= n; ++k) {
        const ShardRange r = ShardSlice(items, Shard{k, n});
        EXPECT_EQ(r.begin, next) << items << " " << k << "/" << n;
        EXPECT_LE(r.begin, r.end);
        next = r.end;
      }
      EXPECT_EQ(next, items);
    }
  }
  // 7 items in 3 shards: 2, 2, 3.
  EXPECT_EQ(ShardSlice(7, Shard{2, 3}).begin, 2);
  EXPECT_EQ(ShardSlice(7, Shard{2, 3}).end, 4);
  EXPECT_EQ(ShardSlice(7, Shard{}).end, 7);
}

TEST(ShardTest, AlignedSlicesStartOnMultiples) {
  // 11 images in groups of 4 (3 groups) over 2 shards: groups {0} and {1, 2}.
  EXPECT_EQ(ShardSlice(11, Shard{1, 2}, 4).begin, 0);
  EXPECT_EQ(ShardSlice(11, Shard{1, 2}, 4).end, 4);
  EXPECT_EQ(ShardSlice(11, Shard{2, 2}, 4).begin, 4);
  EXPECT_EQ(ShardSlice(11, Shard{2, 2}, 4).end, 11);
  for (int k = 1; k <= 5; ++k) EXPECT_EQ(ShardSlice(11, Shard{k, 5}, 4).begin % 4, 0);
}

TEST(ShardTest, ReportNamesRoundTrip) {
  EXPECT_EQ(ShardReportName(Shard{2, 16}), "report.shard-2-of-16.json");
  const Shard s = ShardOfReportName("report.shard-2-of-16.json");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 16);
  for (const char* other : {"report.json", "report.shard-3-of-2.json", "report.shard-2-of-16.json.tmp.1.2",
                            "report.shard-x-of-2.json", "report.shard--of-2.json"}) {
    EXPECT_FALSE(ShardOfReportName(other).active()) << other;
  }
}

TEST(ShardTest, RefusesSelectionThatChainsAcrossShards) {
  JobDocument job = JobDocument::For(JobCommand::kRun);
  job.inputs = {"v.mp4"};
  job.output = "out";
  job.runtime.shard = "1/2";
  EXPECT_NO_THROW(job.Check());
  job.source.sampling.min_motion = 2;
  EXPECT_THROW(job.Check(), Error);
  job.source.sampling.min_motion = 0;
  job.source.sampling.max_frames = 5;
  EXPECT_THROW(job.Check(), Error);
  job.source.sampling.max_frames = 0;
  job.dataset.overwrite = true;
  try {
    job.Check();
    FAIL() << "overwrite accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/dataset/overwrite"), std::string::npos) << e.what();
  }
}

// Each shard writes its part of detections.json and text.json (scale/index_parts.h).
TEST(ShardTest, AcceptsTheDatasetIndexesThatMergeCombines) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {"a.jpg"};
  job.output = "out";
  job.runtime.shard = "1/2";
  job.detect.model = "face";
  job.detect.write = true;
  job.ocr.read = true;
  EXPECT_NO_THROW(job.Check());
  job.dataset.overwrite = true;  // still refused with the indexes
  EXPECT_THROW(job.Check(), Error);
}

}  // namespace
}  // namespace prep360
