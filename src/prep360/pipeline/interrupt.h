#pragma once
// Ctrl-C / SIGTERM handling: the first signal asks the pipeline to stop after the outputs in
// progress are complete (no partial file is ever left: outputs are written to a temp name and
// renamed); a second signal exits at once (temps may be left; a later run removes them).
namespace prep360 {

void InstallInterruptHandler();
bool InterruptRequested();
// For tests.
void RequestInterrupt();
void ClearInterrupt();

}  // namespace prep360
