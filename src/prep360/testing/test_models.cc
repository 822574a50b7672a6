#include "prep360/testing/test_models.h"

namespace prep360::testkit {

std::string TestModelPath(std::string_view name) {
  return std::string(PREP360_TEST_MODELS_DIR) + "/" + std::string(name);
}

}  // namespace prep360::testkit
