#include "prep360/detect/tensor_buffer_pool.h"

#include <utility>

namespace prep360 {

TensorBufferPool::Lease::Lease(TensorBufferPool& pool, std::size_t size) : pool_(pool), size_(size) {
  {
    std::lock_guard<std::mutex> lock(pool.mutex_);
    if (!pool.idle_.empty()) {
      buffer_ = std::move(pool.idle_.back());
      pool.idle_.pop_back();
    }
  }
  if (buffer_.capacity < size) {
    buffer_.data.reset(new float[size]);  // uninitialised on purpose
    buffer_.capacity = size;
  }
}

TensorBufferPool::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(pool_.mutex_);
  pool_.idle_.push_back(std::move(buffer_));
}

std::size_t TensorBufferPool::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace prep360
