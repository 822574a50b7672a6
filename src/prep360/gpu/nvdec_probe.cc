#include "prep360/gpu/nvdec_probe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/error.h>
#include <libavutil/hwcontext.h>
}

namespace prep360 {
namespace {

bool DecoderHasCudaConfig(AVCodecID id) {
  const AVCodec* codec = avcodec_find_decoder(id);
  if (codec == nullptr) return false;
  for (int i = 0;; ++i) {
    const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
    if (config == nullptr) return false;
    if (config->device_type == AV_HWDEVICE_TYPE_CUDA &&
        (config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0) {
      return true;
    }
  }
}

NvdecStatus Probe() {
  NvdecStatus s;
  s.libav_has_cuda = av_hwdevice_find_type_by_name("cuda") == AV_HWDEVICE_TYPE_CUDA;
  if (!s.libav_has_cuda) {
    s.problem = "this libav has no cuda hardware device type";
    return s;
  }
  s.hevc_hwaccel = DecoderHasCudaConfig(AV_CODEC_ID_HEVC);
  AVBufferRef* device = nullptr;
  const int err = av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_CUDA, nullptr, nullptr, 0);
  if (err < 0) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, text, sizeof(text));
    s.problem = std::string("no CUDA device for libav (") + text + ")";
    return s;
  }
  av_buffer_unref(&device);
  s.device_starts = true;
  if (!s.hevc_hwaccel) s.problem = "the HEVC decoder has no CUDA hardware configuration";
  return s;
}

}  // namespace

const NvdecStatus& ProbeNvdec() {
  static const NvdecStatus status = Probe();
  return status;
}

}  // namespace prep360
