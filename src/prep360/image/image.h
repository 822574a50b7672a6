#pragma once
// The one image buffer of prep360: interleaved 8- or 16-bit samples, 1, 3 or 4 channels,
// rows `stride` bytes apart. An image may carry a border of `border` pixels on every side
// (allocated, not part of width x height): reprojection fills it with wrapped/mirrored pixels so
// its kernels never branch at the ±180° seam or the poles. Codecs decode straight into the
// interior, so a bordered image costs no extra copy.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace prep360 {
namespace internal {

// Large pixel buffers go back to a small process-wide pool when their image dies, so the next
// image of the same size (the next frame) reuses memory that is already mapped: a fresh 8K
// buffer costs ~50 ms of page faults, a quarter of an 8K JPEG decode.
struct PooledBufferDeleter {
  std::size_t bytes = 0;
  void operator()(std::uint8_t* data) const;
};

}  // namespace internal

class Image {
 public:
  Image() = default;
  // bytes_per_sample: 1 (8-bit) or 2 (16-bit, native endian).
  Image(int width, int height, int channels, int bytes_per_sample, int border = 0);

  Image(Image&&) noexcept = default;
  Image& operator=(Image&&) noexcept = default;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  Image Clone() const;

  int width() const { return width_; }
  int height() const { return height_; }
  int channels() const { return channels_; }
  int bytes_per_sample() const { return bytes_per_sample_; }
  int bit_depth() const { return bytes_per_sample_ * 8; }
  int border() const { return border_; }
  bool empty() const { return width_ == 0 || height_ == 0; }
  // Bytes between the starts of two rows (including the border columns).
  std::size_t stride() const { return stride_; }
  std::size_t bytes_per_pixel() const { return static_cast<std::size_t>(channels_ * bytes_per_sample_); }
  // Stride in pixels.
  std::size_t stride_pixels() const { return stride_ / bytes_per_pixel(); }

  // Pointer to pixel (x, y); x and y may be negative down to -border.
  std::uint8_t* PixelPtr(int x, int y) { return origin_ + Offset(x, y); }
  const std::uint8_t* PixelPtr(int x, int y) const { return origin_ + Offset(x, y); }
  std::uint8_t* Row(int y) { return PixelPtr(0, y); }
  const std::uint8_t* Row(int y) const { return PixelPtr(0, y); }
  template <typename T>
  T* RowAs(int y) { return reinterpret_cast<T*>(Row(y)); }
  template <typename T>
  const T* RowAs(int y) const { return reinterpret_cast<const T*>(Row(y)); }

  // Sample c of pixel (x, y) as an integer (8- or 16-bit).
  std::uint32_t At(int x, int y, int c) const;
  void Set(int x, int y, int c, std::uint32_t value);
  void Fill(std::uint32_t value);

 private:
  std::ptrdiff_t Offset(int x, int y) const {
    return static_cast<std::ptrdiff_t>(y) * static_cast<std::ptrdiff_t>(stride_) +
           static_cast<std::ptrdiff_t>(x) * static_cast<std::ptrdiff_t>(bytes_per_pixel());
  }

  int width_ = 0, height_ = 0, channels_ = 0, bytes_per_sample_ = 1, border_ = 0;
  std::size_t stride_ = 0;
  std::unique_ptr<std::uint8_t[], internal::PooledBufferDeleter> storage_;
  std::uint8_t* origin_ = nullptr;  // pixel (0, 0)
};

}  // namespace prep360
