#include "prep360/detect/tensor_buffer_pool.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(TensorBufferPoolTest, ALeaseEndedIsReusedWithoutAllocating) {
  TensorBufferPool pool;
  float* first = nullptr;
  {
    TensorBufferPool::Lease lease(pool, 1000);
    first = lease.data();
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(lease.size(), 1000u);
    first[999] = 3.5f;  // the whole size is writable
  }
  EXPECT_EQ(pool.idle(), 1u);
  TensorBufferPool::Lease again(pool, 600);  // smaller: the same buffer
  EXPECT_EQ(again.data(), first);
  EXPECT_EQ(again.size(), 600u);
  EXPECT_EQ(pool.idle(), 0u);
}

TEST(TensorBufferPoolTest, ConcurrentLeasesGetDistinctBuffersAndAllComeBack) {
  TensorBufferPool pool;
  {
    TensorBufferPool::Lease a(pool, 10);
    TensorBufferPool::Lease b(pool, 10);
    EXPECT_NE(a.data(), b.data());
  }
  EXPECT_EQ(pool.idle(), 2u);
  TensorBufferPool::Lease big(pool, 5000);  // larger than either: grown
  big.data()[4999] = 1.0f;
  EXPECT_EQ(big.size(), 5000u);
  EXPECT_EQ(pool.idle(), 1u);
}

}  // namespace
}  // namespace prep360
