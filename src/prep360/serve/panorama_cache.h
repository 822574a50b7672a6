#pragma once
// Decoded panoramas for the live preview (POST /v1/views with a path): a small LRU cache keyed
// by path and modification time, so repeated previews of one panorama decode it once, and a
// changed file is decoded again.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "prep360/image/image.h"

namespace prep360::serve {

// An equirect decoded with a filled border of kEquirectBorder, ready to remap.
Image DecodeEquirect(const std::vector<std::uint8_t>& bytes, const std::string& name);

class PanoramaCache {
 public:
  explicit PanoramaCache(std::size_t capacity) : capacity_(capacity) {}

  // The panorama at `path` (DecodeEquirect), from the cache when its mtime is unchanged.
  // Throws Error naming the file.
  std::shared_ptr<const Image> Get(const std::filesystem::path& path);
  std::size_t decodes() const;  // files decoded so far

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Image> image;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recent first
  std::size_t decodes_ = 0;
};

}  // namespace prep360::serve
