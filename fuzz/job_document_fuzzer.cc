// libFuzzer target: the job document reader (ParseJobDocument, what --config and a service read).
// Arbitrary text must either parse into a document that passes Check() or throw prep360::Error
// with a one-line message; a parsed document must survive JobToText -> ParseJobDocument unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "prep360/job/job_document.h"
#include "prep360/util/error.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "job_document_fuzzer: contract broken: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  prep360::JobDocument job;
  try {
    job = prep360::ParseJobDocument(text, "job.json");
  } catch (const prep360::Error& e) {
    const std::string what = e.what();
    Check(what.rfind("job.json: ", 0) == 0, "errors name the file");
    Check(what.find('\n') == std::string::npos, "errors are one line");
    return 0;
  }
  job.Check();  // must not throw: ParseJobDocument checked it
  const std::string printed = prep360::JobToText(job);
  const prep360::JobDocument again = prep360::ParseJobDocument(printed, "printed.json");
  Check(prep360::JobToText(again) == printed, "print -> parse -> print is stable");
  return 0;
}
