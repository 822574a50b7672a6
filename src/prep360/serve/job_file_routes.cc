// GET /v1/jobs/{id}/events (Server-Sent Events), /v1/jobs/{id}/files, /v1/jobs/{id}/files/{path}.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/util/atomic_file.h"

namespace prep360::serve {
namespace fs = std::filesystem;
namespace {

// The job's output folder, resolved inside the roots (403 if it no longer is).
fs::path OutputOf(Service& service, const std::string& id) {
  const auto record = service.jobs().Get(id);
  if (!record) throw HttpError(404, "job " + id + ": no such job");
  const auto output = service.guard().Resolve(record->output);
  if (!output) throw HttpError(403, record->output + ": outside every root");
  return *output;
}

Json ListFiles(const Service& service, const fs::path& output) {
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(output, ec)) {
    for (auto it = fs::recursive_directory_iterator(output, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec) || IsTempFileName(it->path().filename().string())) continue;
      const std::string rel = it->path().lexically_relative(output).generic_string();
      if (service.guard().ResolveUnder(output, rel)) files.push_back(rel);  // no link out of the folder
    }
  }
  std::sort(files.begin(), files.end());
  return {{"output", output.string()}, {"files", files}};
}

void ServeFile(const fs::path& path, httplib::Response& res) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw HttpError(404, path.filename().string() + ": no such file");
  const std::size_t size = fs::file_size(path, ec);
  if (ec) throw HttpError(404, path.filename().string() + ": no such file");
  const std::string file = path.string();
  res.set_content_provider(size, ContentTypeOf(file),
                           [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             std::ifstream in(file, std::ios::binary);
                             in.seekg(static_cast<std::streamoff>(offset));
                             std::vector<char> buffer(std::min<std::size_t>(length, 1 << 16));
                             in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                             const auto got = static_cast<std::size_t>(in.gcount());
                             return got > 0 && sink.write(buffer.data(), got);
                           });
}

void StreamEvents(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::shared_ptr<EventLog> log = service.jobs().Events(req.matches[1]);
  if (!log) throw HttpError(404, "job " + std::string(req.matches[1]) + ": no such job");
  auto next = std::make_shared<std::size_t>(0);  // replay from the start
  if (req.has_header("Last-Event-ID")) {
    try {
      *next = static_cast<std::size_t>(std::stoll(req.get_header_value("Last-Event-ID")) + 1);
    } catch (const std::exception&) {
      throw HttpError(400, "Last-Event-ID: not an event id");
    }
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider("text/event-stream", [log, next](std::size_t, httplib::DataSink& sink) {
    bool closed = false;
    for (const JobEvent& e : log->Since(*next, std::chrono::milliseconds(250), closed)) {
      const std::string text = SseText(e);
      if (!sink.write(text.data(), text.size())) return false;
      *next = static_cast<std::size_t>(e.id) + 1;
    }
    if (closed) sink.done();
    return true;
  });
}

}  // namespace

void AddJobFileRoutes(Service& service, Handlers& h) {
  h["get /v1/jobs/{id}/events"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { StreamEvents(service, req, res); });
  };
  h["get /v1/jobs/{id}/files"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { ReplyJson(res, 200, ListFiles(service, OutputOf(service, req.matches[1]))); });
  };
  h["get /v1/jobs/{id}/files/{path}"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      const fs::path output = OutputOf(service, req.matches[1]);
      const auto path = service.guard().ResolveUnder(output, req.matches[2]);
      if (!path) throw HttpError(403, std::string(req.matches[2]) + ": outside the job's output folder");
      ServeFile(*path, res);
    });
  };
}

}  // namespace prep360::serve
