#pragma once
// Whole-file writes that never leave a half-written file under the final name: the bytes go to a
// temporary file in the same directory ("<name>.tmp.<pid>.<counter>"), which is then renamed over
// the destination. No fsync: a crash may lose the file, but never exposes a torn one.
#include <cstdint>
#include <span>
#include <string>

namespace prep360 {

// Writes `bytes` to `path` atomically (same-directory temp file + rename). On any failure the
// temporary file is removed and prep360::Error naming `path` is thrown (DiskFullError when the
// disk or quota is full).
void WriteFileAtomic(const std::string& path, std::span<const std::uint8_t> bytes);
// The same for text (JSON, cameras.txt, ...).
void WriteTextFileAtomic(const std::string& path, const std::string& text);

// True for names WriteFileAtomic uses for its temporary files (a path or a bare file name), so a
// resumed run can delete temporaries left behind by a killed one.
bool IsTempFileName(const std::string& name);

}  // namespace prep360
