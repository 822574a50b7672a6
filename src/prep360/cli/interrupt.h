#pragma once
// Ctrl-C / SIGTERM for the command line: the first signal cancels the running job (it finishes
// the outputs in progress, so no partial file is ever left); a second signal exits at once (temps
// may be left; a later run removes them).
#include "prep360/pipeline/cancel_token.h"

namespace prep360::cli {

// Installs the handlers and returns the token they cancel.
CancelToken InstallInterruptHandler();

}  // namespace prep360::cli
