#pragma once
// Opt-in decoding on an NVIDIA GPU (NVDEC) through libavcodec's `cuda` hwaccel. The decoded
// frames stay in device memory (AV_PIX_FMT_CUDA, NV12 or P010 planes as CUdeviceptr in data[0]
// and data[1]) in CUDA device 0's primary context, the one the CUDA runtime (and so the remap
// kernels, gpu/) uses, so they can be converted and remapped there without a copy to the host.
// Used by VideoReader (VideoReaderOptions::cuda_decode), which falls back to the CPU when this
// fails or the first frame does not come out on the device.
extern "C" {
#include <libavcodec/avcodec.h>
}

#include <string>

namespace prep360 {

// Sets up `dec` (allocated, parameters copied, not opened yet) to decode with `codec` on CUDA
// device 0. Returns "" when done, else why not (no cuda device type in this libav, no CUDA
// configuration for the codec, the device does not start); `dec` is then unchanged.
std::string AttachCudaDecoder(AVCodecContext* dec, const AVCodec* codec);

}  // namespace prep360
