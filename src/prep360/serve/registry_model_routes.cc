// POST /v1/ocr and /v1/blur, and /v1/detect with a face model: one-shot calls on the registry's
// models (BlazeFace, PP-OCRv4), loaded once by the ModelPool and shared.
#include "prep360/detect/face_blur.h"
#include "prep360/detect/face_detector.h"
#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/ocr/ocr_json.h"
#include "prep360/ocr/ocr_pipeline.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"

namespace prep360::serve {
namespace {

Image BodyImage(const httplib::Request& req) {
  if (req.body.empty()) throw HttpError(400, "body: empty (send the image)");
  return DecodeImage(std::vector<std::uint8_t>(req.body.begin(), req.body.end()), "body");
}

bool IsFaceModel(const std::string& name) {
  const RegistryModel* m = FindRegistryModel(name);
  return m != nullptr && m->task == "face-detection";
}

// A registry model that is not installed is not found here (404, naming scripts/bootstrap).
template <class Load>
auto Warm(Load&& load) {
  try {
    return load();
  } catch (const Error& e) {
    throw HttpError(404, e.what());
  }
}

std::shared_ptr<const FaceDetector> FaceModel(Service& service, const httplib::Request& req) {
  const std::string name = QueryString(req, "model", "face");
  if (!IsFaceModel(name)) throw HttpError(400, "query model: a registry face model (face, face-front)");
  return Warm([&] { return service.models().Faces(name); });
}

void Ocr(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::shared_ptr<const OcrPipeline> ocr = Warm([&] { return service.models().Ocr(); });
  const Image image = BodyImage(req);
  std::vector<OcrText> texts;
  {
    const InferenceGate::Slot slot(service.oneshot_gate());
    texts = ocr->Read(image);
  }
  Json body = {{"width", image.width()}, {"height", image.height()}, {"provider", ocr->provider()}};
  body["text"] = Json::parse(OcrJson(texts).dump())["text"];
  ReplyJson(res, 200, body);
}

void Blur(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::shared_ptr<const FaceDetector> faces = FaceModel(service, req);
  const std::string format = QueryString(req, "format", "jpg");
  if (format != "jpg" && format != "png") throw HttpError(400, "query format: jpg or png");
  Image image = BodyImage(req);
  std::size_t found = 0;
  {
    const InferenceGate::Slot slot(service.oneshot_gate());
    found = BlurFaces(image, *faces).size();
  }
  const bool png = format == "png";
  const std::vector<std::uint8_t> bytes = EncodeImage(image, png ? ImageFormat::kPng : ImageFormat::kJpeg, EncodeOptions{});
  res.set_header("X-Prep360-Faces", std::to_string(found));
  res.set_content(std::string(bytes.begin(), bytes.end()), png ? "image/png" : "image/jpeg");
}

}  // namespace

bool DetectFaces(Service& service, const httplib::Request& req, httplib::Response& res) {
  if (!IsFaceModel(QueryString(req, "model", ""))) return false;
  const std::shared_ptr<const FaceDetector> faces = FaceModel(service, req);
  const Image image = BodyImage(req);
  std::vector<FaceBox> boxes;
  {
    const InferenceGate::Slot slot(service.oneshot_gate());
    boxes = faces->Detect(image);
  }
  Json detections = Json::array();
  for (const FaceBox& f : boxes) {
    detections.push_back({{"class", "face"}, {"score", f.score}, {"box", {f.x0, f.y0, f.x1, f.y1}}});
  }
  ReplyJson(res, 200, {{"width", image.width()}, {"height", image.height()}, {"provider", faces->provider()},
                       {"detections", detections}});
  return true;
}

void AddRegistryModelRoutes(Service& service, Handlers& h) {
  h["post /v1/ocr"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Ocr(service, req, res); });
  };
  h["post /v1/blur"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Blur(service, req, res); });
  };
}

}  // namespace prep360::serve
