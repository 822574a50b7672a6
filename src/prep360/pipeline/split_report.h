#pragma once
// OUT/report.json for a split, run or extract job, and the human summary printed at the end.
#include <string>

#include <nlohmann/json.hpp>

#include "prep360/pipeline/split_job.h"

namespace prep360 {

nlohmann::ordered_json SplitReportJson(const JobDocument& job, const SplitResult& result);
void WriteSplitReport(const std::string& path, const JobDocument& job, const SplitResult& result);

// Several lines: counts, wall time, ms per output image, per-stage breakdown, memory. Only what
// the job did: no view counts for extract, no model line without a model, no remap tables
// without views.
std::string FormatSplitSummary(const SplitResult& result);

}  // namespace prep360
