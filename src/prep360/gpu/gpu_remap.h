#pragma once
// Reprojection on a CUDA device: every view of a frame from one upload of the frame.
//   - the frame goes through one pinned staging buffer to one device buffer, once per frame;
//   - each view's table is uploaded on first use and stays on the device (keyed by the table,
//     which RemapCache keeps for the whole job);
//   - views alternate between two streams, each kernel followed by its download to a pinned
//     buffer, so one view's download overlaps the next view's kernel, and the host copies a
//     finished view out while later ones still run.
// 8-bit sources give exactly the CPU's pixels for every interpolation (gpu/remap_cuda.h); 16-bit
// sources and tables with second samples (seamed projections) are not handled here
// (Supports() is false): the caller remaps those on the CPU.
#include <memory>
#include <span>
#include <string>

#include "prep360/image/image.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/video/yuv_to_rgb.h"

namespace prep360 {

class GpuRemapper {
 public:
  // A remapper on CUDA device 0, or null with `*why` set (kernels not built, no driver, no
  // device, or the device failed to start).
  static std::unique_ptr<GpuRemapper> Create(std::string* why);
  ~GpuRemapper();
  GpuRemapper(const GpuRemapper&) = delete;
  GpuRemapper& operator=(const GpuRemapper&) = delete;

  // Whether RemapViews takes this frame and table: an 8-bit source with a kEquirectBorder border
  // and a table without second samples, built for the frame's size.
  static bool Supports(const Image& equirect, const RemapTable& table);

  // outs[i] = the view of `equirect` through tables[i], as Remap (reproject/remap_table.h)
  // computes it; empty outs are allocated. Thread-safe: calls run one at a time. Throws Error
  // ("cuda: ...") when a CUDA call fails, and for frames or tables Supports() refuses.
  void RemapViews(const Image& equirect, std::span<const RemapTable* const> tables, std::span<Image* const> outs);

  // The same from a frame NVDEC decoded (VideoFrame::DeviceYuv): `frame`'s planes are device
  // memory on device 0. It is converted on the device (yuv_to_rgb.h, YuvToRgbReference's bytes)
  // into the bordered 8-bit RGB frame, which every view is then remapped from; the frame never
  // goes through the host. The tables must be ones Supports() takes for a 3-channel 8-bit frame
  // of its size. The planes must stay valid until the call returns (it waits for the views).
  void RemapYuvViews(const SemiPlanarFrame& frame, const YuvToRgbCoeffs& coeffs,
                     std::span<const RemapTable* const> tables, std::span<Image* const> outs);
  // `frame` converted on the device and copied back: out = the bordered (kEquirectBorder,
  // filled) 8-bit RGB frame RemapYuvViews samples. For checking the conversion.
  void ConvertYuv(const SemiPlanarFrame& frame, const YuvToRgbCoeffs& coeffs, Image& out);

  // Bytes held on the device (frame, tables, views) and in pinned host memory.
  std::size_t device_bytes() const;
  std::size_t pinned_bytes() const;

 private:
  struct Impl;
  explicit GpuRemapper(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
