#pragma once
// Finding the COLMAP executable and its version.
//   `colmap help` prints "COLMAP 3.8 -- Structure-from-Motion and Multi-View Stereo" (3.8) or
//   "COLMAP 3.12.6 -- ..." first; older builds print "COLMAP 3.6 (Commit ...)".
#include <string>

namespace prep360 {

struct ColmapVersion {
  int major = 0, minor = 0, patch = 0;
  bool AtLeast(int ma, int mi) const { return major > ma || (major == ma && minor >= mi); }
  std::string Text() const;
};

// Parses the first "COLMAP <major>.<minor>[.<patch>]" of `help_output`; false when there is none.
bool ParseColmapVersion(const std::string& help_output, ColmapVersion* version);

struct ColmapTool {
  std::string path;  // absolute path of the executable
  ColmapVersion version;
  bool cuda = false;  // "with CUDA" in the help banner
};

// Finds COLMAP: `path` when given (a file), else "colmap" on PATH; runs `colmap help` to read the
// version. Throws Error with an install hint when it is missing ("colmap: not found on PATH;
// install it (Debian/Ubuntu: apt install colmap) or set sfm.colmap"), or when it is older than
// 3.8 or does not run.
ColmapTool FindColmap(const std::string& path);

// The environment additions every COLMAP run gets: QT_QPA_PLATFORM=offscreen (COLMAP 3.8 links
// Qt even for command-line use and aborts without a display otherwise).
inline constexpr const char* kColmapHeadlessEnv = "QT_QPA_PLATFORM=offscreen";

}  // namespace prep360
