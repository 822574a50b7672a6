#include "prep360/image/image.h"

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace prep360 {
namespace {

// Freed buffers of at least kMinBytes, most recently freed last; reused only for the same size.
class BufferPool {
 public:
  static constexpr std::size_t kMinBytes = std::size_t{8} << 20;  // below this malloc recycles well
  static constexpr std::size_t kMaxBuffers = 4;
  static constexpr std::size_t kMaxBytes = std::size_t{512} << 20;

  std::uint8_t* Take(std::size_t bytes) {
    if (bytes >= kMinBytes) {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto it = free_.rbegin(); it != free_.rend(); ++it) {
        if (it->first == bytes) {
          std::uint8_t* data = it->second;
          free_.erase(std::next(it).base());
          held_bytes_ -= bytes;
          return data;
        }
      }
    }
    return new std::uint8_t[bytes];
  }

  void Give(std::uint8_t* data, std::size_t bytes) {
    if (bytes < kMinBytes || bytes > kMaxBytes) {
      delete[] data;
      return;
    }
    std::vector<std::uint8_t*> evicted;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.emplace_back(bytes, data);
      held_bytes_ += bytes;
      while (free_.size() > kMaxBuffers || held_bytes_ > kMaxBytes) {
        evicted.push_back(free_.front().second);
        held_bytes_ -= free_.front().first;
        free_.erase(free_.begin());
      }
    }
    for (std::uint8_t* old : evicted) delete[] old;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::size_t, std::uint8_t*>> free_;
  std::size_t held_bytes_ = 0;
};

BufferPool& Pool() {
  // Never destroyed: images may be released during static destruction.
  static BufferPool* pool = new BufferPool;
  return *pool;
}

}  // namespace

void internal::PooledBufferDeleter::operator()(std::uint8_t* data) const {
  if (data != nullptr) Pool().Give(data, bytes);
}

Image::Image(int width, int height, int channels, int bytes_per_sample, int border)
    : width_(width),
      height_(height),
      channels_(channels),
      bytes_per_sample_(bytes_per_sample),
      border_(border) {
  if (width <= 0 || height <= 0 || (channels != 1 && channels != 3 && channels != 4) ||
      (bytes_per_sample != 1 && bytes_per_sample != 2) || border < 0) {
    throw std::invalid_argument("Image: bad dimensions or format");
  }
  const std::size_t padded_w = static_cast<std::size_t>(width) + 2 * static_cast<std::size_t>(border);
  const std::size_t padded_h = static_cast<std::size_t>(height) + 2 * static_cast<std::size_t>(border);
  stride_ = padded_w * bytes_per_pixel();
  // Uninitialised on purpose: decoders and kernels overwrite every pixel.
  const std::size_t bytes = stride_ * padded_h;
  storage_ = std::unique_ptr<std::uint8_t[], internal::PooledBufferDeleter>(
      Pool().Take(bytes), internal::PooledBufferDeleter{bytes});
  origin_ = storage_.get() + static_cast<std::size_t>(border) * stride_ +
            static_cast<std::size_t>(border) * bytes_per_pixel();
}

Image Image::Clone() const {
  if (empty()) return {};
  Image copy(width_, height_, channels_, bytes_per_sample_, border_);
  const std::size_t padded_h = static_cast<std::size_t>(height_) + 2 * static_cast<std::size_t>(border_);
  std::memcpy(copy.storage_.get(), storage_.get(), stride_ * padded_h);
  return copy;
}

std::uint32_t Image::At(int x, int y, int c) const {
  const std::uint8_t* p = PixelPtr(x, y);
  if (bytes_per_sample_ == 1) return p[c];
  std::uint16_t v;
  std::memcpy(&v, p + 2 * c, 2);
  return v;
}

void Image::Set(int x, int y, int c, std::uint32_t value) {
  std::uint8_t* p = PixelPtr(x, y);
  if (bytes_per_sample_ == 1) {
    p[c] = static_cast<std::uint8_t>(value);
  } else {
    const auto v = static_cast<std::uint16_t>(value);
    std::memcpy(p + 2 * c, &v, 2);
  }
}

void Image::Fill(std::uint32_t value) {
  if (empty()) return;
  const std::size_t row_bytes = static_cast<std::size_t>(width_) * bytes_per_pixel();
  // One row the slow way, then copies of it.
  for (int x = 0; x < width_; ++x) {
    for (int c = 0; c < channels_; ++c) Set(x, 0, c, value);
  }
  for (int y = 1; y < height_; ++y) std::memcpy(Row(y), Row(0), row_bytes);
}

}  // namespace prep360
