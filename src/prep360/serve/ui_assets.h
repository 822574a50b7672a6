#pragma once
// The web UI's own files (src/prep360/serve/ui/), embedded into the binary at build time
// (ui_embed.cmake writes ui_assets_data.cc), so `prep360 serve` needs no files beside it.
#include <cstddef>
#include <string_view>
#include <vector>

namespace prep360::serve {

struct UiAsset {
  std::string_view name;  // file name under ui/, e.g. "index.html", "app.js"
  const unsigned char* data;
  std::size_t size;
};

const std::vector<UiAsset>& UiAssets();  // generated
const UiAsset* FindUiAsset(std::string_view name);

}  // namespace prep360::serve
