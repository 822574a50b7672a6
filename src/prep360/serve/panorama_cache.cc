#include "prep360/serve/panorama_cache.h"

#include "prep360/image/image_io.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/util/error.h"

namespace prep360::serve {

Image DecodeEquirect(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  Image equirect = DecodeImage(bytes, name, kEquirectBorder);
  if (equirect.width() < kEquirectBorder || equirect.height() < kEquirectBorder ||
      equirect.width() > RemapTable::kMaxEquirectSide || equirect.height() > RemapTable::kMaxEquirectSide)
    throw FileError(name, "not a usable equirect panorama size");
  FillEquirectBorder(equirect);
  return equirect;
}

std::shared_ptr<const Image> PanoramaCache::Get(const std::filesystem::path& path) {
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) throw FileError(path.string(), "cannot read the file");
  const std::string key = path.string() + "\n" + std::to_string(mtime.time_since_epoch().count());
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->key != key) continue;
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().image;
    }
  }
  auto image = std::make_shared<const Image>(DecodeEquirect(ReadFileBytes(path.string()), path.string()));
  const std::lock_guard<std::mutex> lock(mutex_);
  ++decodes_;
  entries_.push_front(Entry{key, image});
  while (entries_.size() > capacity_) entries_.pop_back();
  return image;
}

std::size_t PanoramaCache::decodes() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return decodes_;
}

}  // namespace prep360::serve
