#pragma once
// Float buffers for a model's input tensor, kept between calls: a lease hands out a buffer of at
// least the size asked (uninitialised: the caller writes every float it uses) and gives it back
// when it ends, so a job that runs the model once per image neither allocates nor clears a fresh
// input each time. Thread-safe: concurrent leases get distinct buffers.
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace prep360 {

class TensorBufferPool {
 public:
  class Lease {
   public:
    Lease(TensorBufferPool& pool, std::size_t size);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    float* data() const { return buffer_.data.get(); }
    std::size_t size() const { return size_; }

   private:
    friend class TensorBufferPool;
    struct Buffer {
      std::unique_ptr<float[]> data;
      std::size_t capacity = 0;
    };
    TensorBufferPool& pool_;
    Buffer buffer_;
    std::size_t size_;
  };

  // Buffers waiting to be leased again.
  std::size_t idle() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Lease::Buffer> idle_;
};

}  // namespace prep360
