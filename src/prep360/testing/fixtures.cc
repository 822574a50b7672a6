#include "prep360/testing/fixtures.h"

#include <utility>

namespace prep360::testkit {

View MakeView(std::string name, double yaw, double pitch, double roll, double hfov, int width, int height) {
  View v;
  v.name = std::move(name);
  v.yaw_deg = yaw;
  v.pitch_deg = pitch;
  v.roll_deg = roll;
  v.hfov_deg = hfov;
  v.width = width;
  v.height = height;
  return v;
}

}  // namespace prep360::testkit
