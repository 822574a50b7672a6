#include "prep360/video/cuda_decode.h"

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

namespace prep360 {
namespace {

bool HasCudaConfig(const AVCodec* codec) {
  for (int i = 0;; ++i) {
    const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
    if (config == nullptr) return false;
    if (config->device_type == AV_HWDEVICE_TYPE_CUDA && config->pix_fmt == AV_PIX_FMT_CUDA &&
        (config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0) {
      return true;
    }
  }
}

// The decoder's format choice: CUDA frames when offered (the stream's profile and size are ones
// NVDEC decodes), else the software format (the list holds hardware formats first), whose
// frames the reader then notices and falls back from.
AVPixelFormat PickCuda(AVCodecContext* /*dec*/, const AVPixelFormat* formats) {
  for (const AVPixelFormat* f = formats; *f != AV_PIX_FMT_NONE; ++f) {
    if (*f == AV_PIX_FMT_CUDA) return *f;
  }
  for (const AVPixelFormat* f = formats; *f != AV_PIX_FMT_NONE; ++f) {
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(*f);
    if (desc != nullptr && (desc->flags & AV_PIX_FMT_FLAG_HWACCEL) == 0) return *f;
  }
  return AV_PIX_FMT_NONE;
}

}  // namespace

std::string AttachCudaDecoder(AVCodecContext* dec, const AVCodec* codec) {
  if (av_hwdevice_find_type_by_name("cuda") != AV_HWDEVICE_TYPE_CUDA) return "this libav has no cuda hardware device type";
  if (!HasCudaConfig(codec)) return std::string("the ") + codec->name + " decoder has no CUDA hardware configuration";
  AVDictionary* options = nullptr;
  // The primary context is the CUDA runtime's: the remap kernels can read the decoded planes.
  av_dict_set(&options, "primary_ctx", "1", 0);
  AVBufferRef* device = nullptr;
  const int err = av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_CUDA, "0", options, 0);
  av_dict_free(&options);
  if (err < 0) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, text, sizeof(text));
    return std::string("no CUDA device for libav (") + text + ")";
  }
  dec->hw_device_ctx = device;  // the codec context owns the reference now
  dec->get_format = PickCuda;
  // NVDEC decodes asynchronously on its own; libavcodec's frame threads would only add copies.
  dec->thread_count = 1;
  return "";
}

}  // namespace prep360
