#pragma once
// The tiny generated ONNX models of the tests (tests/models/make_test_models.py, built into the
// build tree). The folder is compiled into test_models.cc alone, so no other test file's object
// depends on where the build tree is (ccache reuses them across checkouts).
#include <string>
#include <string_view>

namespace prep360::testkit {

// The generated model NAME (e.g. "seg_fixed.onnx") in the build tree's test model folder.
std::string TestModelPath(std::string_view name);

}  // namespace prep360::testkit
