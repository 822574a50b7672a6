#pragma once
// Which classes a Segmenter masks: names (case-insensitive) or numeric ids, comma lists allowed,
// "all" for every class. Empty = kDefaultMaskClasses, skipping those the model lacks.
#include <string>
#include <vector>

namespace prep360 {

// `names`: the model's class names (index = id); empty when the model's class count is unknown
// (then only ids are accepted). Throws Error naming the valid classes for an unknown class, or
// when no default class exists in the model.
std::vector<int> ResolveClasses(const std::vector<std::string>& requested, const std::vector<std::string>& names);

}  // namespace prep360
