#pragma once
// The "dataset" group of the job document: what happens to an output folder that already
// holds a dataset.
#include <string>
#include <vector>

#include "prep360/util/fields.h"

namespace prep360 {

struct DatasetSettings {
  bool resume = false;         // keep the files already written (same settings) and do the rest
  bool overwrite = false;      // remove the dataset's files first
  bool keep_equirect = false;  // run: also write every kept equirect frame to OUT/equirect/
  std::vector<std::string> exports;  // split/run: export targets written after the views (export/dataset_export.h)

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"resume", "Keep the files already written (same settings required) and do only the rest"},
          s.resume);
    visit(Field{"overwrite", "Remove the dataset's files first (a folder holding a dataset made with other "
                             "settings is refused otherwise)"},
          s.overwrite);
    visit(Field{"keep_equirect", "run: also write each kept equirect frame (GPano XMP) to OUT/equirect/"},
          s.keep_equirect);
    visit(Field{"export", "split/run: also export the dataset for these tools when done: realityscan, metashape, "
                          "colmap (nerfstudio needs prep360 sfm first, then prep360 export)"},
          s.exports);
  }
};

}  // namespace prep360
