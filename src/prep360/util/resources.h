#pragma once
#include <cstddef>

namespace prep360 {

// Peak resident set size of this process so far, in bytes (getrusage).
std::size_t PeakRssBytes();

// Number of hardware threads (at least 1).
int HardwareThreads();

}  // namespace prep360
