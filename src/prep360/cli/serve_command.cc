// prep360 serve: the HTTP service (src/prep360/serve/), run until Ctrl-C or SIGTERM.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "prep360/cli/commands.h"
#include "prep360/cli/interrupt.h"
#include "prep360/serve/bearer_token.h"
#include "prep360/serve/service.h"

namespace prep360::cli {
namespace {

struct ServeArgs {
  serve::ServeOptions options;
  std::vector<std::string> models;
  std::string token_file;
};

// The web UI's third-party files: share/prep360/web beside an installed binary, else the build's .deps/web.
std::string DefaultUiVendor() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "prep360" / "web";
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
#ifdef PREP360_UI_VENDOR_DIR
  return PREP360_UI_VENDOR_DIR;
#else
  return "";
#endif
}

int RunServe(ServeArgs& a) {
  for (const std::string& m : a.models) {
    try {
      a.options.models.push_back(serve::ParseModelSpec(m));
    } catch (const Error& e) {
      throw UsageError(std::string("--model: ") + e.what());
    }
  }
  if (!a.token_file.empty()) a.options.token = serve::ReadTokenFile(a.token_file);
  if (!serve::IsLoopbackHost(a.options.host) && a.options.token.empty())
    throw UsageError("--host " + a.options.host + " is not a loopback address: give --token-file to serve on it");
  serve::Service service(a.options);
  const int port = service.Start();
  std::fprintf(stderr, "prep360 serve: listening on http://%s:%d (%zu root(s), %zu model(s), %d worker(s))\n",
               a.options.host.c_str(), port, a.options.roots.size(), a.options.models.size(), a.options.workers);
  const CancelToken stop = InstallInterruptHandler();
  while (!stop.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::fprintf(stderr, "prep360 serve: stopping (running jobs are cancelled; resume them later)\n");
  service.Stop();
  return kExitOk;
}

}  // namespace

Runner AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  serve::ServeOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "HTTP service: queue job documents, watch them live (Server-Sent Events), fetch their files, and\n"
      "render previews, detect and mask on warm models. JSON everywhere; GET /v1/openapi.json describes\n"
      "every route. The web UI (rig editor, live preview, jobs, dataset browser) is at http://HOST:PORT/\n"
      "(docs/ui.md). See docs/service.md.");
  cmd->add_option("--host", o.host, "Address to listen on (not loopback: --token-file required)")->capture_default_str();
  cmd->add_option("--port", o.port, "Port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--root", o.roots, "Folder that request paths must stay inside (repeat for more)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--model", args->models, "A warm model NAME=PATH (repeat for more)");
  cmd->add_flag("--lazy-models", o.lazy_models, "Load each model on first use instead of at start");
  cmd->add_option("--workers", o.workers, "Jobs that run at once")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--queue", o.queue, "Jobs that may wait; more get 429")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--token-file", args->token_file, "File whose first line is the bearer token every request must send")
      ->check(CLI::ExistingFile);
  cmd->add_option("--max-upload", o.max_upload, "Largest request body in bytes; larger get 413")->capture_default_str();
  cmd->add_option("--state", o.state_dir, "Folder of the job database (jobs.sqlite3); without it jobs are not kept");
  o.ui_vendor = DefaultUiVendor();
  cmd->add_option("--ui-vendor", o.ui_vendor, "Folder of the web UI's third-party files (scripts/bootstrap: .deps/web)")
      ->capture_default_str();
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunServe(*args);
  };
}

}  // namespace prep360::cli
