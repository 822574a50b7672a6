#include "prep360/gpu/gpu_remap.h"

#include <cstddef>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "prep360/gpu/cuda_device.h"
#include "prep360/util/error.h"

#if PREP360_HAVE_CUDA
#include <cuda_runtime_api.h>

#include "prep360/gpu/remap_cuda.h"
#include "prep360/gpu/yuv_rgb_cuda.h"
#include "prep360/reproject/kernel_weights.h"
#endif

namespace prep360 {

bool GpuRemapper::Supports(const Image& eq, const RemapTable& table) {
  return eq.bytes_per_sample() == 1 && eq.border() == kEquirectBorder &&
         (eq.channels() == 1 || eq.channels() == 3 || eq.channels() == 4) && table.blend() == nullptr &&
         eq.width() == table.eq_width() && eq.height() == table.eq_height() &&
         eq.stride_pixels() == static_cast<std::size_t>(table.source_stride_pixels());
}

#if PREP360_HAVE_CUDA
namespace {

static_assert(sizeof(gpu::DeviceRemapEntry) == sizeof(RemapEntry));
static_assert(offsetof(gpu::DeviceRemapEntry, offset) == offsetof(RemapEntry, offset));
static_assert(offsetof(gpu::DeviceRemapEntry, fx) == offsetof(RemapEntry, fx));
static_assert(offsetof(gpu::DeviceRemapEntry, fy) == offsetof(RemapEntry, fy));
static_assert(static_cast<int>(gpu::DeviceInterp::kLanczos3) == static_cast<int>(Interpolation::kLanczos3));

void Check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw Error(std::string("cuda: ") + what + ": " + cudaGetErrorString(err));
}

// A device allocation that only grows.
struct DeviceBuffer {
  void* ptr = nullptr;
  std::size_t bytes = 0;
  DeviceBuffer() = default;
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  ~DeviceBuffer() {
    if (ptr != nullptr) cudaFree(ptr);
  }
  void Reserve(std::size_t n) {
    if (n <= bytes) return;
    if (ptr != nullptr) cudaFree(ptr);
    ptr = nullptr;
    bytes = 0;
    Check(cudaMalloc(&ptr, n), "cudaMalloc");
    bytes = n;
  }
};

// A pinned (page-locked) host allocation that only grows: transfers from it run asynchronously
// at full bus speed.
struct PinnedBuffer {
  void* ptr = nullptr;
  std::size_t bytes = 0;
  PinnedBuffer() = default;
  PinnedBuffer(const PinnedBuffer&) = delete;
  PinnedBuffer& operator=(const PinnedBuffer&) = delete;
  ~PinnedBuffer() {
    if (ptr != nullptr) cudaFreeHost(ptr);
  }
  void Reserve(std::size_t n) {
    if (n <= bytes) return;
    if (ptr != nullptr) cudaFreeHost(ptr);
    ptr = nullptr;
    bytes = 0;
    Check(cudaMallocHost(&ptr, n), "cudaMallocHost");
    bytes = n;
  }
};

// One view's device output, its pinned host copy and the event that marks the copy done.
struct ViewSlot {
  DeviceBuffer device;
  PinnedBuffer host;
  cudaEvent_t done = nullptr;
  ViewSlot() { Check(cudaEventCreateWithFlags(&done, cudaEventDisableTiming), "cudaEventCreate"); }
  ViewSlot(const ViewSlot&) = delete;
  ViewSlot& operator=(const ViewSlot&) = delete;
  ~ViewSlot() { cudaEventDestroy(done); }
};

}  // namespace

struct GpuRemapper::Impl {
  std::mutex mutex;
  cudaStream_t streams[2] = {nullptr, nullptr};
  cudaEvent_t uploaded = nullptr;
  DeviceBuffer frame;
  PinnedBuffer staging;
  DeviceBuffer cubic, lanczos;  // KernelLut::q of each separable kernel
  std::map<const RemapTable*, DeviceBuffer> tables;
  std::vector<std::unique_ptr<ViewSlot>> views;

  Impl() {
    Check(cudaSetDevice(0), "cudaSetDevice");
    for (cudaStream_t& s : streams) Check(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), "cudaStreamCreate");
    Check(cudaEventCreateWithFlags(&uploaded, cudaEventDisableTiming), "cudaEventCreate");
    Upload(cubic, remap_internal::CubicLut().q, sizeof(remap_internal::CubicLut().q));
    Upload(lanczos, remap_internal::Lanczos3Lut().q, sizeof(remap_internal::Lanczos3Lut().q));
  }
  ~Impl() {
    for (cudaStream_t s : streams) {
      if (s != nullptr) cudaStreamSynchronize(s);
    }
    views.clear();
    if (uploaded != nullptr) cudaEventDestroy(uploaded);
    for (cudaStream_t s : streams) {
      if (s != nullptr) cudaStreamDestroy(s);
    }
  }
  static void Upload(DeviceBuffer& buffer, const void* data, std::size_t bytes) {
    buffer.Reserve(bytes);
    Check(cudaMemcpy(buffer.ptr, data, bytes, cudaMemcpyHostToDevice), "cudaMemcpy");
  }
  const gpu::DeviceRemapEntry* Table(const RemapTable& table) {
    auto [it, fresh] = tables.try_emplace(&table);
    if (fresh) {
      try {
        Upload(it->second, table.entries().data(), table.entries().size_bytes());
      } catch (...) {
        tables.erase(it);
        throw;
      }
    }
    return static_cast<const gpu::DeviceRemapEntry*>(it->second.ptr);
  }
  // Copies the frame (its border too) to the device on streams[0]; streams[1] waits for it.
  const std::uint8_t* UploadFrame(const Image& eq) {
    const int b = eq.border();
    const std::size_t bytes = eq.stride() * static_cast<std::size_t>(eq.height() + 2 * b);
    staging.Reserve(bytes);
    frame.Reserve(bytes);
    std::memcpy(staging.ptr, eq.PixelPtr(-b, -b), bytes);
    Check(cudaMemcpyAsync(frame.ptr, staging.ptr, bytes, cudaMemcpyHostToDevice, streams[0]), "cudaMemcpyAsync");
    Check(cudaEventRecord(uploaded, streams[0]), "cudaEventRecord");
    Check(cudaStreamWaitEvent(streams[1], uploaded, 0), "cudaStreamWaitEvent");
    const auto offset = static_cast<std::ptrdiff_t>(b) * static_cast<std::ptrdiff_t>(eq.stride()) +
                        static_cast<std::ptrdiff_t>(b) * static_cast<std::ptrdiff_t>(eq.bytes_per_pixel());
    return static_cast<const std::uint8_t*>(frame.ptr) + offset;
  }
  // Converts a device YUV frame into `frame` (bordered RGB, row stride *stride) on streams[0]
  // once NVDEC's copy into it is done; streams[1] waits for it. Returns pixel (0, 0).
  const std::uint8_t* ConvertFrame(const SemiPlanarFrame& yuv, const YuvToRgbCoeffs& coeffs, std::int64_t* stride) {
    const int b = kEquirectBorder;
    *stride = static_cast<std::int64_t>(yuv.width + 2 * b) * 3;
    const std::size_t bytes = static_cast<std::size_t>(*stride) * static_cast<std::size_t>(yuv.height + 2 * b);
    frame.Reserve(bytes);
    // libavcodec copies decoded pictures on the legacy default stream, which the non-blocking
    // streams here do not wait for by themselves.
    Check(cudaEventRecord(uploaded, cudaStreamLegacy), "cudaEventRecord");
    Check(cudaStreamWaitEvent(streams[0], uploaded, 0), "cudaStreamWaitEvent");
    auto* out = static_cast<std::uint8_t*>(frame.ptr);
    Check(static_cast<cudaError_t>(gpu::LaunchYuvToRgb(yuv, coeffs, out, *stride, b, streams[0])), "yuv kernel launch");
    Check(cudaEventRecord(uploaded, streams[0]), "cudaEventRecord");
    Check(cudaStreamWaitEvent(streams[1], uploaded, 0), "cudaStreamWaitEvent");
    return out + b * *stride + b * 3;
  }
  void Enqueue(std::size_t i, const std::uint8_t* src, const Image& eq, const RemapTable& table) {
    Enqueue(i, src, static_cast<std::int64_t>(eq.stride()), eq.channels(), table);
  }
  void Enqueue(std::size_t i, const std::uint8_t* src, std::int64_t src_stride, int channels, const RemapTable& table) {
    while (views.size() <= i) views.push_back(std::make_unique<ViewSlot>());
    ViewSlot& slot = *views[i];
    const std::size_t bytes = static_cast<std::size_t>(table.width()) * static_cast<std::size_t>(table.height()) *
                              static_cast<std::size_t>(channels);
    slot.device.Reserve(bytes);
    slot.host.Reserve(bytes);
    gpu::RemapLaunch l;
    l.src = src;
    l.src_stride = src_stride;
    l.entries = Table(table);
    l.out = static_cast<std::uint8_t*>(slot.device.ptr);
    l.width = table.width();
    l.height = table.height();
    l.channels = channels;
    l.interp = static_cast<gpu::DeviceInterp>(static_cast<int>(table.interpolation()));
    l.weights = static_cast<const std::int16_t*>(table.interpolation() == Interpolation::kLanczos3 ? lanczos.ptr : cubic.ptr);
    cudaStream_t stream = streams[i % 2];
    Check(static_cast<cudaError_t>(gpu::LaunchRemap8(l, stream)), "remap kernel launch");
    Check(cudaMemcpyAsync(slot.host.ptr, slot.device.ptr, bytes, cudaMemcpyDeviceToHost, stream), "cudaMemcpyAsync");
    Check(cudaEventRecord(slot.done, stream), "cudaEventRecord");
  }
  void CopyOut(std::size_t i, Image& out) {
    ViewSlot& slot = *views[i];
    Check(cudaEventSynchronize(slot.done), "remap kernel");
    const std::size_t row = static_cast<std::size_t>(out.width()) * out.bytes_per_pixel();
    const auto* host = static_cast<const std::uint8_t*>(slot.host.ptr);
    for (int y = 0; y < out.height(); ++y) std::memcpy(out.Row(y), host + static_cast<std::size_t>(y) * row, row);
  }
};

std::unique_ptr<GpuRemapper> GpuRemapper::Create(std::string* why) {
  const CudaStatus& cuda = ProbeCuda();
  if (!cuda.usable()) {
    if (why != nullptr) *why = cuda.problem;
    return nullptr;
  }
  try {
    return std::unique_ptr<GpuRemapper>(new GpuRemapper(std::make_unique<Impl>()));
  } catch (const std::exception& e) {
    if (why != nullptr) *why = e.what();
    return nullptr;
  }
}

void GpuRemapper::RemapViews(const Image& eq, std::span<const RemapTable* const> tables, std::span<Image* const> outs) {
  if (tables.size() != outs.size()) throw Error("cuda: remap: " + std::to_string(tables.size()) + " tables for " +
                                                std::to_string(outs.size()) + " outputs");
  for (const RemapTable* t : tables) {
    if (!Supports(eq, *t)) throw Error("cuda: remap: the frame or a table is not one the GPU kernels take");
  }
  std::lock_guard lock(impl_->mutex);
  // Work a failed call left queued must finish before the staging buffer is reused.
  for (cudaStream_t s : impl_->streams) Check(cudaStreamSynchronize(s), "cudaStreamSynchronize");
  const std::uint8_t* src = impl_->UploadFrame(eq);
  for (std::size_t i = 0; i < tables.size(); ++i) impl_->Enqueue(i, src, eq, *tables[i]);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    Image& out = *outs[i];
    if (out.width() != tables[i]->width() || out.height() != tables[i]->height() || out.channels() != eq.channels() ||
        out.bytes_per_sample() != 1) {
      out = Image(tables[i]->width(), tables[i]->height(), eq.channels(), 1);
    }
    impl_->CopyOut(i, out);
  }
}

void GpuRemapper::RemapYuvViews(const SemiPlanarFrame& yuv, const YuvToRgbCoeffs& coeffs,
                                std::span<const RemapTable* const> tables, std::span<Image* const> outs) {
  if (tables.size() != outs.size()) throw Error("cuda: remap: " + std::to_string(tables.size()) + " tables for " +
                                                std::to_string(outs.size()) + " outputs");
  for (const RemapTable* t : tables) {
    if (t->blend() != nullptr || t->eq_width() != yuv.width || t->eq_height() != yuv.height) {
      throw Error("cuda: remap: a table is not one the GPU kernels take for this decoded frame");
    }
  }
  std::lock_guard lock(impl_->mutex);
  for (cudaStream_t s : impl_->streams) Check(cudaStreamSynchronize(s), "cudaStreamSynchronize");
  std::int64_t stride = 0;
  const std::uint8_t* src = impl_->ConvertFrame(yuv, coeffs, &stride);
  for (std::size_t i = 0; i < tables.size(); ++i) impl_->Enqueue(i, src, stride, 3, *tables[i]);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    Image& out = *outs[i];
    if (out.width() != tables[i]->width() || out.height() != tables[i]->height() || out.channels() != 3 ||
        out.bytes_per_sample() != 1) {
      out = Image(tables[i]->width(), tables[i]->height(), 3, 1);
    }
    impl_->CopyOut(i, out);
  }
}

void GpuRemapper::ConvertYuv(const SemiPlanarFrame& yuv, const YuvToRgbCoeffs& coeffs, Image& out) {
  std::lock_guard lock(impl_->mutex);
  for (cudaStream_t s : impl_->streams) Check(cudaStreamSynchronize(s), "cudaStreamSynchronize");
  std::int64_t stride = 0;
  impl_->ConvertFrame(yuv, coeffs, &stride);
  Check(cudaStreamSynchronize(impl_->streams[0]), "yuv kernel");
  out = Image(yuv.width, yuv.height, 3, 1, kEquirectBorder);
  const int b = kEquirectBorder;
  const std::size_t row = static_cast<std::size_t>(stride);
  Check(cudaMemcpy2D(out.PixelPtr(-b, -b), out.stride(), impl_->frame.ptr, row, row,
                     static_cast<std::size_t>(yuv.height + 2 * b), cudaMemcpyDeviceToHost),
        "cudaMemcpy2D");
}

std::size_t GpuRemapper::device_bytes() const {
  std::lock_guard lock(impl_->mutex);
  std::size_t n = impl_->frame.bytes + impl_->cubic.bytes + impl_->lanczos.bytes;
  for (const auto& [table, buffer] : impl_->tables) n += buffer.bytes;
  for (const auto& v : impl_->views) n += v->device.bytes;
  return n;
}

std::size_t GpuRemapper::pinned_bytes() const {
  std::lock_guard lock(impl_->mutex);
  std::size_t n = impl_->staging.bytes;
  for (const auto& v : impl_->views) n += v->host.bytes;
  return n;
}

#else  // no CUDA kernels in this build

struct GpuRemapper::Impl {};

std::unique_ptr<GpuRemapper> GpuRemapper::Create(std::string* why) {
  if (why != nullptr) *why = ProbeCuda().problem;
  return nullptr;
}

void GpuRemapper::RemapViews(const Image&, std::span<const RemapTable* const>, std::span<Image* const>) {
  throw Error("cuda: this build has no CUDA kernels");
}

void GpuRemapper::RemapYuvViews(const SemiPlanarFrame&, const YuvToRgbCoeffs&, std::span<const RemapTable* const>,
                                std::span<Image* const>) {
  throw Error("cuda: this build has no CUDA kernels");
}

void GpuRemapper::ConvertYuv(const SemiPlanarFrame&, const YuvToRgbCoeffs&, Image&) {
  throw Error("cuda: this build has no CUDA kernels");
}

std::size_t GpuRemapper::device_bytes() const { return 0; }
std::size_t GpuRemapper::pinned_bytes() const { return 0; }

#endif

GpuRemapper::GpuRemapper(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GpuRemapper::~GpuRemapper() = default;

}  // namespace prep360
