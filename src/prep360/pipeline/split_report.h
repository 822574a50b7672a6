#pragma once
// OUT/report.json for a split run, and the human summary printed at the end.
#include <string>

#include <nlohmann/json.hpp>

#include "prep360/pipeline/split_job.h"

namespace prep360 {

nlohmann::ordered_json SplitReportJson(const SplitOptions& options, const SplitResult& result);
void WriteSplitReport(const std::string& path, const SplitOptions& options, const SplitResult& result);

// Several lines: counts, wall time, ms per output image, per-stage breakdown, memory.
std::string FormatSplitSummary(const SplitResult& result);

}  // namespace prep360
