#pragma once
// The job subcommands (split, run, extract, mask): each binds its flags to a job document
// (JobFlags), and they share how a document is run and summed up.
#include <functional>
#include <string>
#include <vector>

#include "prep360/cli/commands.h"
#include "prep360/cli/job_flags.h"

namespace prep360::cli {

// Registers a job subcommand; `bind` adds its flags.
Runner AddJobCommand(CLI::App& app, JobCommand command, const std::string& description,
                     const std::function<void(JobFlags&)>& bind);

// Before parsing: `prep360 <job command> ... --config FILE ...` loads FILE into that command's
// document, so the flags parsed afterwards override it. Throws Error for a bad file.
void PreloadJobConfig(int argc, char** argv);

// Runs a checked document; prints the summary unless quiet. Returns the exit code.
int RunJobDocument(const JobDocument& job, bool quiet);

}  // namespace prep360::cli
