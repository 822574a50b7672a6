// POST /v1/frame: one frame of a video under a root, at a time, saved as a JPEG panorama beside
// it (in a .prep360-frames folder) so the rig editor can preview and split it like a still.
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "prep360/image/image_io.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/util/atomic_file.h"
#include "prep360/video/video_reader.h"

namespace prep360::serve {
namespace fs = std::filesystem;
namespace {

void Frame(Service& service, const httplib::Request& req, httplib::Response& res) {
  const Json j = ParseJsonObject(req.body);
  const std::string path = JsonString(j, "path", "");
  if (path.empty()) throw HttpError(400, "body: /path: required", "/path");
  const double time = JsonNumber(j, "time", 0);
  if (!(time >= 0)) throw HttpError(400, "body: /time: must be >= 0 seconds", "/time");
  const auto video = service.guard().Resolve(path);
  if (!video) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!fs::is_regular_file(*video, ec)) throw HttpError(404, path + ": no such file");
  const long long millis = std::llround(time * 1000);
  const fs::path out =
      video->parent_path() / ".prep360-frames" / fmt::format("{}_{}ms.jpg", video->stem().string(), millis);
  VideoInfo info;
  {
    VideoReaderOptions options;
    options.threads = 2;
    options.start_s = time;
    VideoReader reader(video->string(), options);
    info = reader.info();
    if (!fs::exists(out, ec)) {
      VideoFrame frame;
      if (!reader.Next(frame)) throw HttpError(400, path + ": no frame at " + fmt::format("{:.3f}", time) + " s", "/time");
      fs::create_directories(out.parent_path(), ec);
      WriteFileAtomic(out.string(), EncodeImage(frame.ToImage(1), ImageFormat::kJpeg, EncodeOptions{}));
    }
  }
  ReplyJson(res, 200, {{"path", out.string()}, {"time", time}, {"duration", info.duration_s}, {"fps", info.fps},
                       {"width", info.width}, {"height", info.height}});
}

}  // namespace

void AddFrameRoutes(Service& service, Handlers& h) {
  h["post /v1/frame"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Frame(service, req, res); });
  };
}

}  // namespace prep360::serve
