#pragma once
// Binds a subcommand's flags straight to the fields of one job document. Each flag takes its
// help text, valid range and enum names from the field table (util/fields.h), so an option is
// declared once; the binder also remembers which flag sets which JSON pointer, so an error
// about a field can name the flag the user typed.
//
// `--config FILE` loads a document into the bound fields *before* the flags are parsed (see
// PreloadConfig), so flags given beside it override it; `--print-config` prints the document
// the flags describe and exits.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "prep360/cli/commands.h"
#include "prep360/job/job_document.h"

namespace prep360::cli {

// Binds flags of one app to fields of settings structs, and remembers which flag sets which
// JSON pointer.
class FieldBinder {
 public:
  explicit FieldBinder(CLI::App& app) : app_(app) {}
  // Binds `flag` to field `field` of `group` (named `group_name` in the document).
  template <class S>
  CLI::Option* Bind(const std::string& flag, S& group, const std::string& group_name, std::string_view field);
  CLI::Option* BindFlag(const std::string& flag, bool& field, const std::string& pointer, const std::string& help);
  // A flag that sets `field` false (--no-...), for a field that defaults to true.
  CLI::Option* BindOff(const std::string& flag, bool& field, const std::string& pointer, const std::string& help);
  void Note(const std::string& pointer, const std::string& flag) { pointer_flags_.emplace_back(pointer, flag); }
  // --rig, --fov, --size and (with_interpolation) --interp.
  void AddRig(RigRequest& rig, bool with_interpolation);
  // `message` with every JSON pointer of a bound field replaced by its flag.
  std::string FlagsForPointers(std::string message) const;
  CLI::App& app() { return app_; }

 private:
  CLI::App& app_;
  std::vector<std::pair<std::string, std::string>> pointer_flags_;  // JSON pointer -> flag
};

class JobFlags {
 public:
  JobFlags(CLI::App& cmd, JobCommand command);

  JobDocument& job() { return job_; }
  CLI::App& app() { return cmd_; }

  // The flag groups; each binds the flags of one group of the document.
  void AddInputs(const std::string& name, const std::string& help);
  void AddSource();
  // --input, --lens-fov, --lens-calib, --no-cross-lens (the "input" group).
  void AddInput();
  void AddRig() { binder_.AddRig(job_.rig, true); }
  void AddEncode();
  void AddDetect();
  void AddMask(bool with_sphere_masks);
  void AddDataset(bool with_keep_equirect);
  void AddPrivacy();
  // split, run: --detect (detect.write), --ocr (the ocr group), --blur-equirect.
  void AddAnnotations();
  // ocr: the models and their settings (the "ocr" group).
  void AddOcr();
  // classify: --model, --model-config, --device (the "classify" group).
  void AddClassify();
  void AddRuntime();

  // Loads FILE of `--config FILE` when argv holds one after this subcommand's name. Throws
  // Error "FILE: /pointer: reason".
  void PreloadConfig(const std::vector<std::string>& args_after_command);

  // After parsing: checks the document (an error names the flags when no --config was given).
  // True when --print-config asked to print it instead (then it is printed).
  bool Finish();
  bool quiet() const { return quiet_; }
  // Runs `run`; an Error it throws that names a bound field's JSON pointer is rethrown naming the
  // flag instead, unless the document came from --config.
  template <class F>
  int RewritePointers(F&& run) const {
    try {
      return run();
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      if (!config_.empty()) throw;
      throw Error(binder_.FlagsForPointers(e.what()));
    }
  }

 private:
  CLI::App& cmd_;
  FieldBinder binder_;
  JobDocument job_;
  std::vector<const CLI::Option*> detect_options_;                  // need --mask
  std::string config_;
  bool print_config_ = false;
  bool quiet_ = false;
};

}  // namespace prep360::cli
