#include "prep360/detect/class_selection.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

const std::vector<std::string> kNames = {"person", "bicycle", "car", "backpack", "handbag"};

TEST(ClassSelectionTest, DefaultsSkipMissingNames) {
  EXPECT_EQ(ResolveClasses({}, kNames), (std::vector<int>{0, 3, 4}));
}

TEST(ClassSelectionTest, NamesIdsAndCommaLists) {
  EXPECT_EQ(ResolveClasses({"Car", "1"}, kNames), (std::vector<int>{2, 1}));
  EXPECT_EQ(ResolveClasses({"person,car", " car "}, kNames), (std::vector<int>{0, 2}));
  EXPECT_EQ(ResolveClasses({"all"}, kNames), (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(ClassSelectionTest, UnknownClassListsValidNames) {
  try {
    ResolveClasses({"unicorn"}, kNames);
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("unknown class 'unicorn'"), std::string::npos) << what;
    EXPECT_NE(what.find("person, bicycle, car"), std::string::npos) << what;
  }
  EXPECT_THROW(ResolveClasses({"5"}, kNames), Error);
}

TEST(ClassSelectionTest, ModelWithoutNames) {
  const std::vector<std::string> ids = {"0", "1", "2"};
  EXPECT_EQ(ResolveClasses({"2"}, ids), (std::vector<int>{2}));
  EXPECT_THROW(ResolveClasses({"person"}, ids), Error);
  EXPECT_THROW(ResolveClasses({}, ids), Error);  // no default class exists
  EXPECT_EQ(ResolveClasses({"7"}, {}), (std::vector<int>{7}));  // class count unknown: any id
  EXPECT_THROW(ResolveClasses({"person"}, {}), Error);
}

}  // namespace
}  // namespace prep360
