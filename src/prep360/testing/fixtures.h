#pragma once
// View and rig fixtures shared by the tests.
#include <string>

#include "prep360/rig/rig.h"

namespace prep360::testkit {

// A view named `name` turned by yaw, pitch and roll (degrees, rig/rig.h), hfov degrees wide and
// width x height pixels (0 = not set).
View MakeView(std::string name, double yaw, double pitch, double roll, double hfov, int width, int height);

}  // namespace prep360::testkit
